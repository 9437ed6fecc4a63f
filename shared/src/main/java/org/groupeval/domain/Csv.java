package org.groupeval.domain;

import java.util.List;

/**
 * The CSV every export writes (the statement of work, the results): RFC 4180 — fields quoted when they
 * hold a comma, a quote or a line break, CRLF line ends — and cells a spreadsheet would read as a formula
 * ({@code = + - @}, tab, carriage return first) prefixed with an apostrophe, since names and descriptions come from
 * schools. The web layer adds the UTF-8 byte-order mark that makes Excel read the Chinese text correctly.
 */
public final class Csv {

    private Csv() {
    }

    /** Appends one row (CRLF-terminated). */
    public static void appendRow(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /**
     * Whether a spreadsheet would read this text as a formula: it starts with {@code = + - @}, a tab or a carriage
     * return. Every export writes such text as text: the CSV with an apostrophe before it, the .xlsx as a string
     * cell in text format ({@code org.groupeval.export.Xlsx}).
     */
    public static boolean readsAsFormula(String value) {
        return value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
    }

    /** One field: null as empty, formulas defused, quoted when needed. */
    public static String cell(String raw) {
        String value = raw == null ? "" : raw;
        if (readsAsFormula(value)) {
            value = "'" + value;
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
