package org.groupeval.domain.spreadsheet;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the service's spreadsheets with fastexcel. Text is always written as a string cell, never as a formula,
 * so a value that starts with {@code =}, {@code +}, {@code -} or {@code @} is shown as typed and never computed
 * (spreadsheet formula injection): {@link #text} is the one way text goes into a cell.
 */
public final class Workbooks {

    /** What the application writes into the workbook's properties. */
    public static final String APPLICATION = "groupeval";
    private static final String VERSION = "1.0";

    /** Fills a new workbook. */
    public interface Content {
        void write(Workbook workbook) throws IOException;
    }

    private Workbooks() {
    }

    /** The workbook {@code content} writes, as the bytes of an .xlsx. */
    public static byte[] write(Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, APPLICATION, VERSION);
            content.write(workbook);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Text in a cell, as a string: never a formula, whatever it starts with. Null writes nothing. */
    public static void text(Worksheet sheet, int row, int column, String value) {
        if (value != null) {
            sheet.value(row, column, value);
        }
    }

    /** A header row: bold on grey, wrapped, each column {@code widths[i]} characters wide; frozen below it. */
    public static void headers(Worksheet sheet, int row, List<String> headers, int... widths) {
        for (int c = 0; c < headers.size(); c++) {
            text(sheet, row, c, headers.get(c));
            sheet.width(c, c < widths.length ? widths[c] : 16);
        }
        sheet.range(row, 0, row, headers.size() - 1).style().bold().fillColor("D9D9D9").wrapText(true)
                .borderStyle("thin").set();
        sheet.freezePane(0, row + 1);
    }
}
