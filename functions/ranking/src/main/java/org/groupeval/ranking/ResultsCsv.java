package org.groupeval.ranking;

import org.groupeval.domain.Csv;
import org.groupeval.domain.district.DistrictNames;
import org.groupeval.domain.ranking.GroupResult;

import java.util.List;

/**
 * The results as CSV (docs/api.md, Exports): one row per group in rank order, headers in Chinese and English, the
 * district's name, type, basis, grade and flags in Chinese ({@link ResultLabels}) each beside a column of its code
 * for integrators, scores with two decimals; written by {@link Csv} (RFC 4180 quoting, CRLF line ends, formula
 * cells defused: group names come from schools). {@link org.groupeval.web.ApiResponse#csv} adds the UTF-8
 * byte-order mark that makes Excel read the Chinese text correctly.
 */
final class ResultsCsv {

    static final List<String> HEADERS = List.of(
            "排名 Rank", "区内排名 District rank", "集团编号 Group ID", "集团名称 Group name", "区 District",
            "区代码 District code", "类型 Type", "类型代码 Type code", "得分 Score", "依据 Basis",
            "依据代码 Basis code", "等级 Grade", "等级代码 Grade code", "资助奖励 Award",
            "高级岗位奖励 Senior-post bonus", "标记 Flags", "标记代码 Flag codes", "说明 Explanation");

    private final StringBuilder out = new StringBuilder();
    private final DistrictNames names;

    ResultsCsv(DistrictNames names) {
        this.names = names;
        row(HEADERS);
    }

    ResultsCsv add(GroupResult r) {
        row(List.of(
                Integer.toString(r.rank()),
                Integer.toString(r.districtRank()),
                r.groupId(),
                r.name() == null ? "" : r.name(),
                ResultLabels.district(names, r),
                r.district(),
                ResultLabels.type(r),
                r.groupType(),
                r.score() == null ? "" : r.score().toString(),
                ResultLabels.basis(r),
                r.basis().name(),
                ResultLabels.grade(r),
                r.grade().name(),
                ResultLabels.yesNo(r.award()),
                ResultLabels.yesNo(r.seniorPostBonus()),
                ResultLabels.flags(r),
                ResultLabels.flagCodes(r),
                r.explanation().award()));
        return this;
    }

    private void row(List<String> cells) {
        Csv.appendRow(out, cells);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
