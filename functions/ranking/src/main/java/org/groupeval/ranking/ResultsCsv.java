package org.groupeval.ranking;

import org.groupeval.domain.Csv;
import org.groupeval.domain.ranking.GroupResult;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The results spreadsheet (docs/api.md): one row per group in rank order, headers in Chinese and English, written
 * by {@link Csv} (RFC 4180 quoting, CRLF line ends, formula cells defused: group names come from schools). {@link org.groupeval.web.ApiResponse#csv} adds the UTF-8 byte-order mark that makes
 * Excel read the Chinese text correctly.
 */
final class ResultsCsv {

    static final List<String> HEADERS = List.of(
            "排名 Rank", "区内排名 District rank", "集团编号 Group ID", "集团名称 Group name", "区 District",
            "类型 Type", "得分 Score", "依据 Basis", "等级 Grade", "资助奖励 Award", "高级岗位奖励 Senior-post bonus",
            "标记 Flags", "说明 Explanation");

    private final StringBuilder out = new StringBuilder();

    ResultsCsv() {
        row(HEADERS);
    }

    ResultsCsv add(GroupResult r) {
        row(List.of(
                Integer.toString(r.rank()),
                Integer.toString(r.districtRank()),
                r.groupId(),
                r.name() == null ? "" : r.name(),
                r.district(),
                r.groupType(),
                r.score() == null ? "" : r.score().toString(),
                r.basis().name(),
                r.grade().name() + " " + r.grade().zh(),
                r.award() ? "是 yes" : "否 no",
                r.seniorPostBonus() ? "是 yes" : "否 no",
                r.flags().stream().map(Enum::name).collect(Collectors.joining(" ")),
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
