package org.groupeval.local;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Spreadsheets for the import tests: a sheet of rows written with fastexcel (as Excel would save it), and the same
 * made hostile part by part (a formula, merged cells, macros, a zip bomb) or filled in after it was downloaded.
 */
public final class SampleXlsx {

    /** How a test changes the sheet as it is written. */
    public interface Edit {
        void apply(Worksheet sheet) throws IOException;
    }

    private SampleXlsx() {
    }

    /** One sheet: {@code rows[0]} at Excel row {@code firstRow}, each row's cells from column A, as text. */
    public static byte[] sheet(String name, int firstRow, List<List<String>> rows, Edit edit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "test", "1.0");
            Worksheet sheet = workbook.newWorksheet(name);
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    String value = rows.get(r).get(c);
                    if (value != null) {
                        sheet.value(firstRow - 1 + r, c, value);
                    }
                }
            }
            edit.apply(sheet);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] sheet(String name, int firstRow, List<List<String>> rows) {
        return sheet(name, firstRow, rows, sheet -> { });
    }

    /**
     * The workbook with each part's text passed through {@code edit} (part name → new text; return the text as is to
     * keep a part), and {@code extra} parts added (name, content, alternately).
     */
    public static byte[] rewrite(byte[] xlsx, PartEdit edit, Object... extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            // through the central directory, as Office reads it (fastexcel's parts announce their sizes only there)
            Path file = Files.createTempFile("sample", ".xlsx");
            try (ZipFile in = new ZipFile(Files.write(file, xlsx).toFile());
                 ZipOutputStream zip = new ZipOutputStream(out)) {
                for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                    byte[] content;
                    try (InputStream part = in.getInputStream(entry)) {
                        content = part.readAllBytes();
                    }
                    if (entry.getName().endsWith(".xml") || entry.getName().endsWith(".rels")) {
                        content = edit.apply(entry.getName(), new String(content, StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8);
                    }
                    zip.putNextEntry(new ZipEntry(entry.getName()));
                    zip.write(content);
                    zip.closeEntry();
                }
                for (int i = 0; i < extra.length; i += 2) {
                    zip.putNextEntry(new ZipEntry((String) extra[i]));
                    zip.write((byte[]) extra[i + 1]);
                    zip.closeEntry();
                }
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A change of one part's text. */
    public interface PartEdit {
        String apply(String part, String text);
    }

    /** A part's text changed, the others kept. */
    public static PartEdit part(String name, UnaryOperator<String> change) {
        return (part, text) -> part.equals(name) ? change.apply(text) : text;
    }

    /** The workbook saved as a macro-enabled one (.xlsm) with a VBA project. */
    public static byte[] withMacros(byte[] xlsx) {
        return rewrite(xlsx, part("[Content_Types].xml", t -> t.replace("spreadsheetml.sheet.main+xml",
                        "sheet.macroEnabled.main+xml").replace("</Types>", "<Default Extension=\"bin\" "
                        + "ContentType=\"application/vnd.ms-office.vbaProject\"/></Types>")),
                "xl/vbaProject.bin", "Attribute VB_Name = \"Module1\"\nSub AutoOpen()\nEnd Sub\n"
                        .getBytes(StandardCharsets.US_ASCII));
    }

    /** The workbook with a VBA project inside an otherwise ordinary .xlsx (its content type unchanged). */
    public static byte[] withVbaProject(byte[] xlsx) {
        return rewrite(xlsx, part("[Content_Types].xml", t -> t.replace("</Types>", "<Default Extension=\"bin\" "
                + "ContentType=\"application/vnd.ms-office.vbaProject\"/></Types>")),
                "xl/vbaProject.bin", new byte[] {1, 2, 3});
    }

    /**
     * The workbook with {@code megabytes} MiB of blank space in its first sheet: a few dozen KiB on the wire, a zip
     * bomb once inflated.
     */
    public static byte[] zipBomb(byte[] xlsx, int megabytes) {
        String padding = " ".repeat(megabytes * 1024 * 1024);
        return rewrite(xlsx, part("xl/worksheets/sheet1.xml", t -> t.replace("</worksheet>", padding
                + "</worksheet>")));
    }

    /** Rows added to a downloaded template's sheet (as a user fills it in Excel), from Excel row {@code firstRow}. */
    public static byte[] fill(byte[] xlsx, String sheetPart, int firstRow, List<List<String>> rows) {
        StringBuilder xml = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            int row = firstRow + r;
            xml.append("<row r=\"").append(row).append("\">");
            for (int c = 0; c < rows.get(r).size(); c++) {
                String value = rows.get(r).get(c);
                if (value != null) {
                    xml.append("<c r=\"").append((char) ('A' + c)).append(row).append("\" t=\"inlineStr\"><is><t>")
                            .append(value.replace("&", "&amp;").replace("<", "&lt;")).append("</t></is></c>");
                }
            }
            xml.append("</row>");
        }
        return rewrite(xlsx, part(sheetPart, t -> t.replace("</sheetData>", xml + "</sheetData>")));
    }
}
