package org.groupeval.ranking;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.groupeval.domain.district.DistrictNames;
import org.groupeval.domain.ranking.GroupResult;

import java.util.List;

/**
 * A result as the API shows it (docs/api.md, Ranking and results): the result's members, the name of its district
 * (absent when the code has none), its revision and, in a group's history, whether that revision is published. A record rather than a JSON tree, so its scores keep their
 * two decimals.
 */
record ResultView(@JsonUnwrapped GroupResult result, String districtName, int revision, Boolean published) {

    static ResultView of(GroupResult result, int revision, DistrictNames names) {
        return new ResultView(result, names.nameOrNull(result.district()), revision, null);
    }

    /** One page of a revision's results in rank order. */
    record Page(int year, int revision, boolean published, List<ResultView> items, String nextToken) {
    }

    /** A group's results, one per year: the revision shown to the caller. */
    record History(String groupId, List<ResultView> items) {
    }
}
