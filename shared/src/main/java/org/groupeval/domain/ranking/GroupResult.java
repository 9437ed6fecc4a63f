package org.groupeval.domain.ranking;

import org.groupeval.domain.Grade;
import org.groupeval.domain.framework.Score;

import java.util.List;

/**
 * One group's outcome of the year (docs/api.md): competition rank overall and within its district, the final
 * score (null when nothing was submitted), the grade by the bands ({@code bandGrade}) and after veto and fraud
 * ({@code grade}), the funding award, the senior-post bonus, flags and the explanation.
 */
public record GroupResult(String groupId, int year, String name, String district, String groupType, int rank,
                          int districtRank, Score score, ResultBasis basis, Grade bandGrade, Grade grade,
                          boolean award, boolean seniorPostBonus, List<ResultFlag> flags,
                          ResultExplanation explanation) {

    public GroupResult {
        flags = List.copyOf(flags);
    }

    public boolean has(ResultFlag flag) {
        return flags.contains(flag);
    }
}
