package org.groupeval.ranking;

import org.groupeval.domain.district.DistrictNames;
import org.groupeval.domain.framework.Category;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.Indicator;
import org.groupeval.domain.framework.Score;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.Stage;
import org.groupeval.export.Xlsx;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The score matrix of a cycle as .xlsx (docs/api.md, Exports): one sheet per stage (自查自评, 区级初评, 市级终评), one
 * row per stage sheet by district and group, one column per indicator of the cycle's framework headed by its id
 * and Chinese title with its maximum, the points as numbers with two decimals, then the bonus, the total and the
 * grade. Drafts are listed with their status: their points are what was entered so far.
 */
final class ScoreMatrixXlsx {

    static final List<Xlsx.Column> LEADING = List.of(new Xlsx.Column("集团编号", 30),
            new Xlsx.Column("集团名称", 32), new Xlsx.Column("区", 10), new Xlsx.Column("状态", 8));
    static final List<Xlsx.Column> TRAILING = List.of(new Xlsx.Column("加分", 8), new Xlsx.Column("总分", 8),
            new Xlsx.Column("等级", 8));

    /** The stage sheets of one stage and the groups they belong to. */
    interface Source {
        List<ReviewSheet> sheets(Stage stage);

        Map<String, Group> groups(List<String> groupIds);
    }

    private ScoreMatrixXlsx() {
    }

    static void write(OutputStream out, Framework framework, DistrictNames names, Source source) {
        List<Indicator> indicators = new ArrayList<>();
        for (Category category : framework.categories()) {
            indicators.addAll(category.indicators());
        }
        List<Xlsx.Column> columns = new ArrayList<>(LEADING);
        for (Indicator indicator : indicators) {
            columns.add(new Xlsx.Column(header(indicator), 12));
        }
        columns.addAll(TRAILING);
        try (Xlsx book = new Xlsx(out)) {
            for (Stage stage : Stage.values()) {
                List<ReviewSheet> sheets = source.sheets(stage);
                Map<String, Group> groups = source.groups(sheets.stream().map(ReviewSheet::groupId).toList());
                Xlsx.Sheet sheet = book.sheet(stage.zh(), columns);
                for (ReviewSheet s : sheets) {
                    sheet.row(row(s, groups::get, names, indicators));
                }
            }
        }
    }

    /** The indicator's column header: id, Chinese title and maximum ({@code A01 组织领导 (5.00)}). */
    static String header(Indicator indicator) {
        return indicator.id() + " " + indicator.name().zh() + " (" + Score.of(indicator.maxPoints()) + ")";
    }

    private static List<Object> row(ReviewSheet s, Function<String, Group> groups, DistrictNames names,
                                    List<Indicator> indicators) {
        Group group = groups.apply(s.groupId());
        List<Object> row = new ArrayList<>(Arrays.asList(s.groupId(), group == null ? null : group.name(),
                names.label(s.district()), s.submitted() ? "已提交" : "草稿"));
        for (Indicator indicator : indicators) {
            row.add(s.indicatorPoints(indicator.id()));
        }
        BigDecimal bonus = s.score() == null || s.score().bonus() == null ? null : s.score().bonus().value();
        row.add(bonus);
        row.add(s.total());
        row.add(s.grade() == null ? null : s.grade().zh());
        return row;
    }
}
