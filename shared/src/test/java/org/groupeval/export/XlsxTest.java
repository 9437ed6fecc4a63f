package org.groupeval.export;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.groupeval.domain.framework.Score;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XlsxTest {

    private static final List<Xlsx.Column> COLUMNS = List.of(new Xlsx.Column("名称", 30),
            new Xlsx.Column("得分", 8), new Xlsx.Column("排名", 6));

    @Test
    void cellsAreTypedByTheirValuesAndScoresShowTwoDecimals() throws IOException {
        byte[] file = write(book -> book.sheet("全市", COLUMNS)
                .row(Arrays.asList("城东教育集团", Score.of("97.10"), 1))
                .row(Arrays.asList("城西教育集团", new BigDecimal("90.5"), 2))
                .row(Arrays.asList(null, null, 3L)));
        try (ReadableWorkbook wb = read(file)) {
            Sheet sheet = wb.getFirstSheet();
            assertEquals("全市", sheet.getName());
            List<Row> rows = sheet.read();
            assertEquals(List.of("名称", "得分", "排名"), texts(rows.get(0)));
            Cell score = rows.get(1).getCell(1);
            assertEquals(CellType.NUMBER, score.getType());
            assertEquals(0, new BigDecimal("97.1").compareTo(score.asNumber()));
            assertEquals("0.00", score.getDataFormatString());
            assertEquals("0.00", rows.get(2).getCell(1).getDataFormatString());
            assertEquals(CellType.STRING, rows.get(1).getCell(0).getType());
            assertEquals(CellType.NUMBER, rows.get(1).getCell(2).getType());
            assertEquals(0, BigDecimal.ONE.compareTo(rows.get(1).getCell(2).asNumber()));
            assertTrue(rows.get(3).getOptionalCell(0).map(c -> c.getType() == CellType.EMPTY).orElse(true));
            assertEquals(CellType.NUMBER, rows.get(3).getCell(2).getType());
        }
    }

    @Test
    void textThatReadsAsAFormulaStaysTextInAnInlineStringCellOfTextFormat() throws IOException {
        List<String> hostile = List.of("=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx");
        byte[] file = write(book -> {
            Xlsx.Sheet sheet = book.sheet("s", COLUMNS);
            hostile.forEach(text -> sheet.row(Arrays.asList(text, null, null)));
        });
        try (ReadableWorkbook wb = read(file)) {
            List<Row> rows = wb.getFirstSheet().read();
            for (int i = 0; i < hostile.size(); i++) {
                Cell cell = rows.get(i + 1).getCell(0);
                assertEquals(CellType.STRING, cell.getType(), hostile.get(i));
                assertNull(cell.getFormula(), hostile.get(i));
                assertEquals(hostile.get(i), cell.asString());
            }
        }
        String xml = entry(file, "xl/worksheets/sheet1.xml");
        assertFalse(xml.contains("<f>"), "no formula in the sheet");
        String styles = entry(file, "xl/styles.xml");
        for (int i = 0; i < hostile.size(); i++) {
            Matcher cell = Pattern.compile("<c r=\"A" + (i + 2) + "\" s=\"(\\d+)\" t=\"inlineStr\">").matcher(xml);
            assertTrue(cell.find(), "A" + (i + 2) + " is an inline string: " + xml);
            assertEquals("@", numberFormat(styles, Integer.parseInt(cell.group(1))), "A" + (i + 2) + " is text");
        }
        assertTrue(xml.contains("<is><t>=HYPERLINK"), xml);
    }

    /** The number format of a cell style (cellXfs' n-th xf): its format code, "@" for the built-in text format. */
    private static String numberFormat(String styles, int xf) {
        String cellXfs = styles.substring(styles.indexOf("<cellXfs"), styles.indexOf("</cellXfs>"));
        Matcher xfs = Pattern.compile("<xf [^>]*numFmtId=\"(\\d+)\"").matcher(cellXfs);
        for (int i = 0; i <= xf; i++) {
            assertTrue(xfs.find(), "no xf " + xf + " in " + cellXfs);
        }
        String id = xfs.group(1);
        if (id.equals("49")) {
            return "@";
        }
        Matcher custom = Pattern.compile("<numFmt numFmtId=\"" + id + "\" formatCode=\"([^\"]*)\"").matcher(styles);
        return custom.find() ? custom.group(1) : "built-in " + id;
    }

    @Test
    void sheetsPrintOnA4LandscapeFittedToTheWidthWithTheHeaderRepeated() throws IOException {
        byte[] file = write(book -> book.sheet("全市", COLUMNS).row(Arrays.asList("a", null, 1)));
        String sheet = entry(file, "xl/worksheets/sheet1.xml");
        assertTrue(sheet.contains("orientation=\"landscape\""), sheet);
        assertTrue(sheet.contains("paperSize=\"9\""), sheet);
        assertTrue(sheet.contains("fitToPage=\"true\""), sheet);
        assertTrue(sheet.contains("fitToWidth=\"1\"") && sheet.contains("fitToHeight=\"0\""), sheet);
        assertTrue(sheet.contains("<col min=\"1\" max=\"1\" width=\"30"), sheet);
        assertTrue(sheet.contains("ySplit=\"1\""), "the header row is frozen: " + sheet);
        String workbook = entry(file, "xl/workbook.xml");
        assertTrue(workbook.contains("_xlnm.Print_Titles") && workbook.contains("$1:$1"), workbook);
    }

    @Test
    void sheetNamesAreMadeValidAndUnique() throws IOException {
        byte[] file = write(book -> {
            book.sheet("汉滨区", COLUMNS);
            book.sheet("汉滨区", COLUMNS);
            book.sheet("a/b:c?d*e[f]g\\h", COLUMNS);
            book.sheet("'" + "很长的名字".repeat(10) + "'", COLUMNS);
            book.sheet(" ", COLUMNS);
        });
        try (ReadableWorkbook wb = read(file)) {
            List<String> names = wb.getSheets().map(Sheet::getName).toList();
            assertEquals(List.of("汉滨区", "汉滨区 (2)", "a_b_c_d_e_f_g_h", "很长的名字".repeat(10).substring(0, 31),
                    "Sheet"), names);
        }
    }

    @Test
    void aRowMustFillEveryColumn() {
        assertThrows(IllegalArgumentException.class, () -> write(book -> book.sheet("s", COLUMNS)
                .row(List.of("only one"))));
    }

    @Test
    void manyRowsAreWrittenOutAsTheyCome() throws IOException {
        byte[] file = write(book -> {
            Xlsx.Sheet sheet = book.sheet("s", COLUMNS);
            for (int i = 0; i < 1_234; i++) {
                sheet.row(Arrays.asList("g" + i, Score.of("50.00"), i));
            }
            assertEquals(1_234, sheet.rows());
        });
        try (ReadableWorkbook wb = read(file)) {
            List<Row> rows = wb.getFirstSheet().read();
            assertEquals(1_235, rows.size());
            assertEquals("g1233", rows.get(1_234).getCell(0).asString());
        }
    }

    interface Writing {
        void write(Xlsx book);
    }

    static byte[] write(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Xlsx book = new Xlsx(out)) {
            writing.write(book);
        }
        return out.toByteArray();
    }

    static ReadableWorkbook read(byte[] file) throws IOException {
        return new ReadableWorkbook(new ByteArrayInputStream(file), new ReadingOptions(true, false));
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(c -> texts.add(c.asString()));
        return texts;
    }

    /** One part of the workbook as text (read from a file: its entries carry their sizes after the data). */
    private static String entry(byte[] file, String name) throws IOException {
        Path copy = Files.createTempFile("xlsx-test", ".xlsx");
        try {
            Files.write(copy, file);
            try (ZipFile zip = new ZipFile(copy.toFile())) {
                ZipEntry entry = zip.getEntry(name);
                if (entry == null) {
                    throw new AssertionError("no " + name + " in the workbook");
                }
                return new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            Files.delete(copy);
        }
    }
}
