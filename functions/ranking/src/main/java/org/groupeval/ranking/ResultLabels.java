package org.groupeval.ranking;

import org.groupeval.domain.district.DistrictNames;
import org.groupeval.domain.group.GroupType;
import org.groupeval.domain.ranking.GroupResult;
import org.groupeval.domain.ranking.ResultFlag;

import java.util.stream.Collectors;

/**
 * How the exports show a result to people (docs/api.md, Exports): the district's name (its code when it has none),
 * the group type, basis, grade and flags in Chinese, yes/no as 是/否. The CSV and the .xlsx read them here.
 */
final class ResultLabels {

    private ResultLabels() {
    }

    static String district(DistrictNames names, GroupResult r) {
        return names.label(r.district());
    }

    static String type(GroupResult r) {
        return GroupType.of(r.groupType()).map(GroupType::zh).orElse(r.groupType());
    }

    static String basis(GroupResult r) {
        return r.basis().zh();
    }

    static String grade(GroupResult r) {
        return r.grade().zh();
    }

    static String yesNo(boolean value) {
        return value ? "是" : "否";
    }

    /** The flags in Chinese, separated by 、 (empty without flags). */
    static String flags(GroupResult r) {
        return r.flags().stream().map(ResultFlag::zh).collect(Collectors.joining("、"));
    }

    /** The flags' codes, space-separated, for integrators. */
    static String flagCodes(GroupResult r) {
        return r.flags().stream().map(Enum::name).collect(Collectors.joining(" "));
    }
}
