package org.groupeval.ranking;

import org.groupeval.domain.district.DistrictNames;
import org.groupeval.domain.ranking.GroupResult;
import org.groupeval.export.Xlsx;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The results as .xlsx (docs/api.md, Exports): a sheet 全市 of every group in rank order when the export covers the
 * whole city, then one sheet per district, named by the district's name, in its district rank order; Chinese
 * headers and labels ({@link ResultLabels}), scores as numbers with two decimals. The city sheet is written while
 * the results are read; the district sheets follow from the rows kept per district.
 */
final class ResultsXlsx {

    static final String CITY_SHEET = "全市";
    static final List<Xlsx.Column> COLUMNS = List.of(
            new Xlsx.Column("排名", 6), new Xlsx.Column("区内排名", 8), new Xlsx.Column("集团编号", 30),
            new Xlsx.Column("集团名称", 32), new Xlsx.Column("区", 10), new Xlsx.Column("类型", 8),
            new Xlsx.Column("得分", 8), new Xlsx.Column("依据", 10), new Xlsx.Column("等级", 8),
            new Xlsx.Column("资助奖励", 8), new Xlsx.Column("高级岗位奖励", 10), new Xlsx.Column("标记", 22),
            new Xlsx.Column("说明", 60));

    private ResultsXlsx() {
    }

    /**
     * Writes the workbook of the results {@code source} hands over in rank order: of one district, or of the whole
     * city ({@code district} null: with the 全市 sheet), one sheet per district.
     */
    static void write(OutputStream out, DistrictNames names, String district,
                      Consumer<Consumer<GroupResult>> source) {
        Map<String, List<List<Object>>> byDistrict = new TreeMap<>();
        try (Xlsx book = new Xlsx(out)) {
            Xlsx.Sheet city = district == null ? book.sheet(CITY_SHEET, COLUMNS) : null;
            source.accept(r -> {
                List<Object> row = row(names, r);
                if (city != null) {
                    city.row(row);
                }
                byDistrict.computeIfAbsent(r.district(), d -> new ArrayList<>()).add(row);
            });
            if (city == null && byDistrict.isEmpty()) {
                book.sheet(names.label(district), COLUMNS);
            }
            byDistrict.forEach((code, rows) -> {
                Xlsx.Sheet sheet = book.sheet(names.label(code), COLUMNS);
                rows.forEach(sheet::row);
            });
        }
    }

    static List<Object> row(DistrictNames names, GroupResult r) {
        return Arrays.asList(r.rank(), r.districtRank(), r.groupId(), r.name(), ResultLabels.district(names, r),
                ResultLabels.type(r), r.score(), ResultLabels.basis(r), ResultLabels.grade(r),
                ResultLabels.yesNo(r.award()), ResultLabels.yesNo(r.seniorPostBonus()), ResultLabels.flags(r),
                r.explanation().award());
    }
}
