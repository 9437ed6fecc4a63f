package org.groupeval.domain.spreadsheet;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.evidence.FileType;
import org.groupeval.domain.evidence.content.Bytes;
import org.groupeval.domain.evidence.content.OoxmlStructure;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one way the service reads a spreadsheet sent to it (every import uses it): an Excel workbook (.xlsx), opened
 * only once {@link OoxmlStructure} has found it sound within {@link #MAX_INFLATED} inflated bytes (no macros, no
 * ActiveX or OLE objects, no external links, no zip bomb), then one sheet read as a table of a {@link SheetLayout}.
 * Every cell is taken as the text it holds; refused, each with its row and column, all at once:
 * <ul>
 *   <li>headers that are not the template's (missing, renamed, reordered: the column is named, with where the
 *   header it expects went), and values in columns the template does not have;</li>
 *   <li>merged cells (a merged value belongs to no one row), formulas (a formula's cached result is whatever the
 *   program that saved it computed: it is never evaluated and never trusted; type the value), error values;</li>
 *   <li>text longer than its column allows, and more rows than the layout takes.</li>
 * </ul>
 * Blank rows are skipped. The parts are XML read with the JDK's StAX parser with DTDs and external entities off.
 */
public final class XlsxReader {

    /** The media type an .xlsx is sent as. */
    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /**
     * The largest spreadsheet a route reads: API Gateway passes a binary body to Lambda base64-encoded, and a
     * synchronous invocation takes at most 6 MB, so 4 MiB (5.6 MB encoded) is what fits with the headers.
     */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /** The most its parts may inflate to, in all: a sheet of thousands of rows takes a few MiB. */
    public static final long MAX_INFLATED = 32L * 1024 * 1024;
    /** How many problems one refusal lists. */
    public static final int MAX_ERRORS = 200;

    private static final String RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /** A row of the table: its index under the headers and its values by column key (blank cells absent). */
    public record Row(int index, int excelRow, Map<String, String> values) {

        public String get(String key) {
            return values.get(key);
        }
    }

    private XlsxReader() {
    }

    /** The table of {@code layout} in the workbook; 400 naming every problem (and its cell) otherwise. */
    public static List<Row> read(byte[] bytes, SheetLayout layout) {
        OoxmlStructure.Opened opened = OoxmlStructure.open(Bytes.of(bytes), MAX_INFLATED,
                name -> name.startsWith("xl/") && (name.endsWith(".xml") || name.endsWith(".rels")));
        OoxmlStructure.Outcome outcome = opened.outcome();
        if (outcome.type() != FileType.XLSX) {
            throw refused("the file is not an Excel workbook (.xlsx): it is " + outcome.detected()
                    + (outcome.detected().contains("macro") ? "; macros are not accepted: save it as an Excel "
                    + "workbook (.xlsx)" : "") + ". Fill in the template and send it as saved.");
        }
        if (outcome.defect() != null) {
            throw refused("the workbook cannot be read safely: " + outcome.defect()
                    + ". Fill in the template and send it as saved.");
        }
        Map<String, byte[]> parts = opened.parts();
        String sheetPart = sheetPart(parts, layout.sheetName());
        List<String> shared = sharedStrings(parts.get("xl/sharedStrings.xml"));
        List<FieldError> errors = new ArrayList<>();
        Map<Integer, Map<Integer, String>> cells = readSheet(parts.get(sheetPart), shared, layout, errors);
        checkHeaders(cells.getOrDefault(layout.headerRow(), Map.of()), layout, errors);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<Integer, Map<Integer, String>> entry : cells.entrySet()) {
            int excelRow = entry.getKey();
            if (excelRow <= layout.headerRow() || entry.getValue().values().stream().allMatch(String::isBlank)) {
                continue;
            }
            if (rows.size() == layout.maxRows()) {
                errors.add(SheetLayout.cellError("/rows", excelRow, 0, null, "the sheet has more than "
                        + layout.maxRows() + " rows; send at most " + layout.maxRows() + " in one file"));
                break;
            }
            Map<String, String> values = new LinkedHashMap<>();
            entry.getValue().forEach((column, text) -> {
                String value = text.strip();
                if (value.isEmpty()) {
                    return;
                }
                if (column >= layout.columns().size()) {
                    errors.add(SheetLayout.cellError("/rows/" + (excelRow - layout.headerRow() - 1), excelRow,
                            column, null, "holds a value in a column the template does not have; delete it"));
                    return;
                }
                SheetLayout.Column c = layout.columns().get(column);
                if (value.length() > c.maxChars()) {
                    errors.add(layout.error(excelRow - layout.headerRow() - 1, c.key(), "at most " + c.maxChars()
                            + " characters (has " + value.length() + ")"));
                    return;
                }
                values.put(c.key(), value);
            });
            rows.add(new Row(excelRow - layout.headerRow() - 1, excelRow, values));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return rows;
    }

    /** 400 listing the problems (the first {@link #MAX_ERRORS}), each with its cell. */
    public static DomainException invalid(List<FieldError> errors) {
        List<FieldError> listed = errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
        return DomainException.invalid("the spreadsheet has " + errors.size() + " problem" + (errors.size() == 1
                ? "" : "s") + (errors.size() > MAX_ERRORS ? " (the first " + MAX_ERRORS + " are listed)" : "")
                + "; each names its row and column: correct them and send the whole file again", listed);
    }

    private static DomainException refused(String message) {
        return DomainException.invalid("", message);
    }

    private static void checkHeaders(Map<Integer, String> found, SheetLayout layout, List<FieldError> errors) {
        int row = layout.headerRow();
        List<String> expected = layout.headers();
        for (int i = 0; i < expected.size(); i++) {
            String actual = found.getOrDefault(i, "").strip();
            if (actual.equals(expected.get(i))) {
                continue;
            }
            String wanted = expected.get(i);
            String moved = found.entrySet().stream().filter(e -> e.getValue().strip().equals(wanted))
                    .map(e -> SheetLayout.letters(e.getKey())).findFirst().orElse(null);
            errors.add(SheetLayout.cellError("/headers/" + i, row, i, wanted, "the header should be '" + wanted
                    + "' but is " + (actual.isEmpty() ? "empty" : "'" + quote(actual) + "'")
                    + (moved != null ? " ('" + wanted + "' is in column " + moved + ": the columns were reordered)"
                    : " (renamed or deleted)") + "; download the template again and keep its columns as they are"));
        }
        found.forEach((column, text) -> {
            if (column >= expected.size() && !text.isBlank()) {
                errors.add(SheetLayout.cellError("/headers/" + column, row, column, null, "column '" + quote(text)
                        + "' is not in the template; delete it"));
            }
        });
    }

    private static String quote(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    // ---- the parts -----------------------------------------------------------------------------------------------

    /** The part of the named sheet (or of the first one), found through the workbook and its relationships. */
    private static String sheetPart(Map<String, byte[]> parts, String name) {
        Map<String, String> targets = new LinkedHashMap<>();
        parse(parts.get("xl/_rels/workbook.xml.rels"), r -> {
            if (r.isStartElement() && r.getLocalName().equals("Relationship")) {
                String target = r.getAttributeValue(null, "Target");
                targets.put(r.getAttributeValue(null, "Id"), target.startsWith("/") ? target.substring(1)
                        : "xl/" + target);
            }
        });
        Map<String, String> sheets = new LinkedHashMap<>();
        parse(parts.get("xl/workbook.xml"), r -> {
            if (r.isStartElement() && r.getLocalName().equals("sheet")) {
                sheets.put(r.getAttributeValue(null, "name"), r.getAttributeValue(RELS, "id"));
            }
        });
        String id = name == null ? sheets.values().stream().findFirst().orElse(null) : sheets.get(name);
        String part = id == null ? null : targets.get(id);
        if (part == null || !parts.containsKey(part)) {
            throw refused(name == null ? "the workbook has no sheet" : "the workbook has no sheet named '" + name
                    + "' (it has " + sheets.keySet() + "); fill in the template and keep its sheets' names");
        }
        return part;
    }

    private static List<String> sharedStrings(byte[] part) {
        List<String> strings = new ArrayList<>();
        if (part == null) {
            return strings;
        }
        StringBuilder text = new StringBuilder();
        int[] phonetic = {0};
        parse(part, r -> {
            if (r.isStartElement()) {
                switch (r.getLocalName()) {
                    case "si" -> text.setLength(0);
                    case "rPh" -> phonetic[0]++;
                    case "t" -> {
                        if (phonetic[0] == 0) {
                            text.append(elementText(r));
                        }
                    }
                    default -> { }
                }
            } else if (r.getLocalName().equals("rPh")) {
                phonetic[0]--;
            } else if (r.getLocalName().equals("si")) {
                strings.add(text.toString());
            }
        });
        return strings;
    }

    /** Every cell's text by row and column; formulas, errors and merged cells are noted as problems. */
    private static Map<Integer, Map<Integer, String>> readSheet(byte[] part, List<String> shared, SheetLayout layout,
                                                               List<FieldError> errors) {
        Map<Integer, Map<Integer, String>> cells = new TreeMap<>();
        String[] cell = new String[3];
        StringBuilder value = new StringBuilder();
        boolean[] formula = {false};
        parse(part, r -> {
            String local = r.getLocalName();
            if (r.isStartElement()) {
                switch (local) {
                    case "c" -> {
                        cell[0] = r.getAttributeValue(null, "r");
                        cell[1] = r.getAttributeValue(null, "t");
                        value.setLength(0);
                        formula[0] = false;
                    }
                    case "f" -> formula[0] = true;
                    case "v", "t" -> value.append(elementText(r));
                    case "mergeCell" -> {
                        String ref = r.getAttributeValue(null, "ref");
                        int[] at = address(ref == null ? "A1" : ref.split(":")[0]);
                        errors.add(problem(layout, at, "cells " + ref + " are merged: unmerge them and put each "
                                + "value in its own cell"));
                    }
                    default -> { }
                }
            } else if (local.equals("c") && cell[0] != null) {
                int[] at = address(cell[0]);
                String text = text(cell[1], value.toString(), shared);
                if (formula[0]) {
                    errors.add(problem(layout, at, "holds a formula; formulas are not read (their results are not "
                            + "trusted): type the value itself, or copy the cells and paste them as values"));
                } else if ("e".equals(cell[1])) {
                    errors.add(problem(layout, at, "holds an error value (" + quote(text) + "); type the value"));
                } else if (!text.isEmpty()) {
                    cells.computeIfAbsent(at[0], k -> new TreeMap<>()).put(at[1], text);
                }
            }
        });
        return cells;
    }

    private static FieldError problem(SheetLayout layout, int[] at, String message) {
        int i = at[0] - layout.headerRow() - 1;
        if (i >= 0 && at[1] < layout.columns().size()) {
            return layout.error(i, layout.columns().get(at[1]).key(), message);
        }
        String header = at[1] < layout.columns().size() ? layout.columns().get(at[1]).header() : null;
        return SheetLayout.cellError(i >= 0 ? "/rows/" + i : "/headers/" + at[1], at[0], at[1], header, message);
    }

    private static String text(String type, String raw, List<String> shared) {
        if (type == null || type.equals("n")) {
            if (raw.isEmpty()) {
                return "";
            }
            try {
                BigDecimal number = new BigDecimal(raw.strip());
                return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return raw;
            }
        }
        return switch (type) {
            case "s" -> {
                try {
                    int index = Integer.parseInt(raw.strip());
                    if (index < 0 || index >= shared.size()) {
                        throw refused("the workbook is damaged: a cell names shared string " + index + " of "
                                + shared.size());
                    }
                    yield shared.get(index);
                } catch (NumberFormatException e) {
                    throw refused("the workbook is damaged: a cell names shared string '" + quote(raw) + "'");
                }
            }
            case "b" -> raw.strip().equals("1") ? "TRUE" : "FALSE";
            default -> raw;
        };
    }

    /** {@code B12} → {row 12, column 1}. */
    static int[] address(String ref) {
        int column = 0;
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i)) && i < 3) {
            column = column * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            i++;
        }
        try {
            int row = Integer.parseInt(ref.substring(i));
            if (column < 1 || row < 1 || row > 1_048_576) {
                throw new NumberFormatException(ref);
            }
            return new int[] {row, column - 1};
        } catch (NumberFormatException e) {
            throw refused("the workbook is damaged: a cell has the address '" + quote(ref) + "'");
        }
    }

    // ---- XML -----------------------------------------------------------------------------------------------------

    private interface Visitor {
        void visit(XMLStreamReader reader) throws XMLStreamException;
    }

    private static final XMLInputFactory FACTORY = factory();

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    /** Calls the visitor at every start and end element of a part. */
    private static void parse(byte[] part, Visitor visitor) {
        if (part == null) {
            throw refused("the workbook is incomplete: a part it needs is missing");
        }
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(part));
            try {
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT) {
                        visitor.visit(reader);
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw refused("the workbook is damaged: a part is not well-formed XML");
        }
    }

    /** The text of the element the reader stands on; leaves the reader on its end element. */
    private static String elementText(XMLStreamReader reader) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (reader.next() != XMLStreamConstants.END_ELEMENT) {
            if (reader.isCharacters()) {
                text.append(reader.getText());
            }
        }
        return text.toString();
    }
}
