package org.groupeval.registration;

import org.dhatim.fastexcel.VisibilityState;
import org.dhatim.fastexcel.Worksheet;
import org.groupeval.domain.group.GroupImport;
import org.groupeval.domain.group.GroupType;
import org.groupeval.domain.spreadsheet.SheetLayout;
import org.groupeval.domain.spreadsheet.Workbooks;

import java.util.List;
import java.util.Map;

/**
 * The template of a group import ({@code GET /groups/import/template.xlsx}): the sheet 集团名单 with the headers an
 * import reads ({@link GroupImport#LAYOUT}) and a drop-down of the group types, the sheet 填写说明 with the rules and
 * a filled-in example, and the hidden list the drop-down takes its values from.
 */
final class GroupImportTemplate {

    private static final int[] WIDTHS = {28, 12, 14, 14, 24, 36, 10, 16, 24};
    private static final String LISTS = "选项";

    private GroupImportTemplate() {
    }

    static byte[] write() {
        SheetLayout layout = GroupImport.LAYOUT;
        return Workbooks.write(workbook -> {
            Worksheet groups = workbook.newWorksheet(GroupImport.SHEET);
            Workbooks.headers(groups, layout.headerRow() - 1, layout.headers(), WIDTHS);
            Worksheet help = workbook.newWorksheet("填写说明");
            help.width(0, 110);
            List<String> lines = GroupImport.instructions();
            for (int i = 0; i < lines.size(); i++) {
                Workbooks.text(help, i, 0, lines.get(i));
            }
            int example = lines.size() + 1;
            Workbooks.text(help, example, 0, "示例（请在“" + GroupImport.SHEET + "”表中填写，不要在本表填写）：");
            Worksheet lists = workbook.newWorksheet(LISTS);
            List<GroupType> types = List.copyOf(GroupType.all());
            for (int i = 0; i < types.size(); i++) {
                Workbooks.text(lists, i, 0, types.get(i).zh());
            }
            lists.setVisibilityState(VisibilityState.HIDDEN);
            int typeColumn = layout.index("type");
            groups.range(layout.headerRow(), typeColumn, layout.headerRow() + GroupImport.MAX_ROWS - 1, typeColumn)
                    .validateWithList(lists.range(0, 0, types.size() - 1, 0))
                    .errorTitle("集团类型").error("请从列表中选择集团类型");
            int row = example + 1;
            for (Map.Entry<String, String> column : GroupImport.sample().entrySet()) {
                Workbooks.text(help, row++, 0, layout.column(column.getKey()).orElseThrow().header() + "："
                        + column.getValue().replace("\n", "；"));
            }
        });
    }
}
