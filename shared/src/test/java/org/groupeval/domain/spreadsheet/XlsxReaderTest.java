package org.groupeval.domain.spreadsheet;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.evidence.FileType;
import org.groupeval.domain.evidence.content.Bytes;
import org.groupeval.domain.evidence.content.OoxmlStructure;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one spreadsheet reader, on workbooks fastexcel writes as the service's own exports are written. */
class XlsxReaderTest {

    private static final SheetLayout LAYOUT = new SheetLayout("表", 1, List.of(
            new SheetLayout.Column("code", "代码", 10), new SheetLayout.Column("name", "名称", 20)), 3);

    private static byte[] workbook(Object[][] rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("表");
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                if (rows[r][c] instanceof Number n) {
                    sheet.value(r, c, n);
                } else if (rows[r][c] != null) {
                    sheet.value(r, c, (String) rows[r][c]);
                }
            }
        }
        workbook.finish();
        return out.toByteArray();
    }

    @Test
    void aWorkbookFastexcelWritesIsASoundPackage() throws IOException {
        // fastexcel (opczip) writes each part's data descriptor with 8-byte sizes
        OoxmlStructure.Outcome outcome = OoxmlStructure.inspect(Bytes.of(workbook(new Object[][] {{"代码"}})));
        assertEquals(FileType.XLSX, outcome.type(), outcome.detected());
        assertNull(outcome.defect());
    }

    @Test
    void cellsAreReadAsTextNumbersAsWrittenAndBlankRowsSkipped() throws IOException {
        List<XlsxReader.Row> rows = XlsxReader.read(workbook(new Object[][] {{"代码", "名称"}, {610902, " 汉滨区 "},
                {}, {"S1", "=1+1"}}), LAYOUT);
        assertEquals(2, rows.size());
        assertEquals("610902", rows.get(0).get("code"));
        assertEquals("汉滨区", rows.get(0).get("name"));
        assertEquals(2, rows.get(1).index());
        assertEquals(4, rows.get(1).excelRow());
        assertEquals("=1+1", rows.get(1).get("name"), "text that looks like a formula is text");
    }

    @Test
    void tooManyRowsAndTooLongCellsAreNamed() throws IOException {
        DomainException refused = assertThrows(DomainException.class, () -> XlsxReader.read(workbook(new Object[][] {
                {"代码", "名称"}, {"A", "x".repeat(21)}, {"B"}, {"C"}, {"D"}}), LAYOUT));
        assertEquals("/rows/0/name", refused.errors().get(0).pointer());
        assertEquals("B", refused.errors().get(0).column());
        assertTrue(refused.errors().get(1).message().contains("more than 3 rows"), refused.errors().toString());
    }

    @Test
    void columnLettersAreExcels() {
        assertEquals(List.of("A", "Z", "AA", "AZ", "ZZ", "AAA"), List.of(SheetLayout.letters(0),
                SheetLayout.letters(25), SheetLayout.letters(26), SheetLayout.letters(51), SheetLayout.letters(701),
                SheetLayout.letters(702)));
    }
}
