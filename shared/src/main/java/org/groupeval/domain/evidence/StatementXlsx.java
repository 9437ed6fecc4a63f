package org.groupeval.domain.evidence;

import org.dhatim.fastexcel.Worksheet;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.Indicator;
import org.groupeval.domain.spreadsheet.SheetLayout;
import org.groupeval.domain.spreadsheet.SheetLayout.Column;
import org.groupeval.domain.spreadsheet.Workbooks;
import org.groupeval.domain.spreadsheet.XlsxReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The statement of work as the policy's 附件2 form (rules.md §11.2), in Excel: the title
 * "{集团}{年度}年工作推进情况统计表" above the table 序号 · 集团工作推进情况 · 指标类别 · 印证材料名称及编号, with the cited files'
 * ids in a last column 材料ID, so that the form written by {@link #write} is read back by {@link #read} unchanged.
 * On reading, 指标类别 is the indicator's id (what follows it, its name, is ignored), 材料ID lists the cited files'
 * ids one a line, and 印证材料名称及编号 is ignored: it is written from the files themselves.
 */
public final class StatementXlsx {

    public static final String SHEET = "附件2";
    public static final SheetLayout LAYOUT = new SheetLayout(SHEET, 2, List.of(
            new Column("number", "序号", StatementRules.MAX_NUMBER),
            new Column("description", "集团工作推进情况", StatementRules.MAX_DESCRIPTION),
            new Column("indicatorId", "指标类别", 200),
            new Column("materials", "印证材料名称及编号", 20_000),
            new Column("evidenceIds", "材料ID", 2_000)), StatementRules.MAX_ROWS);
    private static final int[] WIDTHS = {8, 60, 24, 40, 34};

    private StatementXlsx() {
    }

    /** The form of a statement; {@code evidence} holds the cited files by id. */
    public static byte[] write(StatementOfWork statement, String groupName, Framework framework,
                               Map<String, Evidence> evidence) {
        return Workbooks.write(workbook -> {
            Worksheet sheet = workbook.newWorksheet(SHEET);
            Workbooks.text(sheet, 0, 0, groupName + statement.year() + "年工作推进情况统计表");
            sheet.style(0, 0).bold().fontSize(14).set();
            Workbooks.headers(sheet, LAYOUT.headerRow() - 1, LAYOUT.headers(), WIDTHS);
            int r = LAYOUT.headerRow();
            for (StatementRow row : statement.rows()) {
                String indicator = framework.indicator(row.indicatorId()).map(Indicator::name)
                        .map(n -> row.indicatorId() + " " + (n.zh() != null ? n.zh() : n.en()))
                        .orElse(row.indicatorId());
                List<Evidence> cited = row.evidenceIds().stream().map(evidence::get).filter(Objects::nonNull)
                        .toList();
                Workbooks.text(sheet, r, 0, row.number());
                Workbooks.text(sheet, r, 1, row.description());
                Workbooks.text(sheet, r, 2, indicator);
                Workbooks.text(sheet, r, 3, cited.stream().map(e -> e.title() + "（" + e.materialNumber() + "）")
                        .collect(Collectors.joining("\n")));
                Workbooks.text(sheet, r, 4, String.join("\n", row.evidenceIds()));
                r++;
            }
            if (r > LAYOUT.headerRow()) {
                sheet.range(LAYOUT.headerRow(), 0, r - 1, LAYOUT.columns().size() - 1).style().wrapText(true)
                        .verticalAlignment("top").borderStyle("thin").set();
            }
            sheet.pageOrientation("landscape");
            sheet.fitToWidth((short) 1);
            sheet.repeatRows(LAYOUT.headerRow() - 1);
        });
    }

    /** A form read back: the request it makes, and which table row each of its rows came from. */
    public record Read(StatementOfWork.Request request, List<XlsxReader.Row> rows) {

        /** A refusal of {@link StatementRules#validate} with each error moved to its cell. */
        public DomainException located(DomainException invalid) {
            List<FieldError> errors = new ArrayList<>();
            for (FieldError e : invalid.errors()) {
                String[] parts = e.pointer().split("/", 4);
                if (parts.length >= 4 && parts[1].equals("rows") && parts[2].matches("\\d+")) {
                    XlsxReader.Row row = rows.get(Integer.parseInt(parts[2]));
                    String field = parts[3].split("/")[0];
                    errors.addAll(LAYOUT.locate(row.index(), List.of(new FieldError("/" + field, e.message())),
                            Map.of("/number", "number", "/description", "description", "/indicatorId",
                                    "indicatorId", "/evidenceIds", "evidenceIds")));
                } else {
                    errors.add(e);
                }
            }
            return XlsxReader.invalid(errors);
        }
    }

    /** The statement a filled-in form sends; its rows are validated as {@code PUT …/statement} validates them. */
    public static Read read(byte[] xlsx) {
        List<XlsxReader.Row> rows = XlsxReader.read(xlsx, LAYOUT);
        List<StatementRow> statement = new ArrayList<>();
        for (XlsxReader.Row row : rows) {
            String indicator = row.get("indicatorId");
            String ids = row.get("evidenceIds");
            statement.add(new StatementRow(row.get("number"), row.get("description"),
                    indicator == null ? null : indicator.split("[\\s:：]", 2)[0],
                    ids == null ? List.of() : Arrays.stream(ids.split("[\\s,，;；]+")).filter(s -> !s.isBlank())
                            .toList()));
        }
        return new Read(new StatementOfWork.Request(statement), rows);
    }
}
