package org.groupeval.export;

import org.dhatim.fastexcel.PaperSize;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.groupeval.domain.Csv;
import org.groupeval.domain.framework.Score;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The .xlsx every export writes (docs/api.md, Spreadsheets), streamed to an {@link OutputStream} with fastexcel: sheets
 * of one header row and data rows, the header bold, frozen and repeated on every printed page; each column as wide
 * as its {@link Column} says; printed on A4 landscape, fitted to the page's width. A cell is typed by its value:
 * a {@link Score} or {@link BigDecimal} is a number shown with two decimals ({@value #SCORE_FORMAT}), an
 * {@link Integer} or {@link Long} a whole number, anything else text. Text that a spreadsheet would read as a
 * formula ({@link Csv#readsAsFormula}: names come from schools) is written as an inline string in text format, so
 * it stays text even when someone edits the cell.
 */
public final class Xlsx implements AutoCloseable {

    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String SCORE_FORMAT = "0.00";
    /** Rows kept in memory before they are written out. */
    private static final int FLUSH_EVERY = 500;
    private static final int MAX_SHEET_NAME = 31;

    /** A column: its header and its width in characters. */
    public record Column(String header, double width) {
    }

    private final Workbook workbook;
    private final Set<String> sheetNames = new HashSet<>();
    private Sheet open;

    public Xlsx(OutputStream out) {
        workbook = new Workbook(out, "groupeval", "1.0");
        // the fastest deflate: a workbook of a few rows takes about a fifth less time than at fastexcel's default
        // level (4), and the results of 10,000 groups grow by about 14 % (docs/benchmarks.md, 3b)
        workbook.setCompressionLevel(1);
    }

    /** Starts the next sheet (the one before it is finished): {@code name} made a valid, unique sheet name. */
    public Sheet sheet(String name, List<Column> columns) {
        finishOpen();
        open = new Sheet(workbook.newWorksheet(sheetName(name)), columns);
        return open;
    }

    /** Finishes the last sheet and the workbook; the stream is not closed. */
    @Override
    public void close() {
        finishOpen();
        try {
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void finishOpen() {
        if (open != null) {
            open.finish();
            open = null;
        }
    }

    /**
     * A name Excel accepts: none of {@code : \ / ? * [ ]}, no apostrophe at either end, at most 31 characters,
     * not used by an earlier sheet of the workbook (compared as Excel does, ignoring case): a repeat gets " (2)".
     */
    String sheetName(String wanted) {
        String base = wanted == null ? "" : wanted.replaceAll("[:\\\\/?*\\[\\]]", "_").strip();
        base = base.replaceAll("^'+|'+$", "");
        if (base.isEmpty()) {
            base = "Sheet";
        }
        String name = truncate(base, MAX_SHEET_NAME);
        for (int n = 2; !sheetNames.add(name.toLowerCase(Locale.ROOT)); n++) {
            String suffix = " (" + n + ")";
            name = truncate(base, MAX_SHEET_NAME - suffix.length()) + suffix;
        }
        return name;
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    /** One sheet being written, row after row. */
    public static final class Sheet {

        private final Worksheet ws;
        private final int columns;
        private int row;

        private Sheet(Worksheet ws, List<Column> columns) {
            this.ws = ws;
            this.columns = columns.size();
            ws.pageOrientation("landscape");
            ws.paperSize(PaperSize.A4_PAPER);
            ws.fitToWidth((short) 1);
            ws.fitToHeight((short) 0);
            ws.repeatRows(0);
            ws.freezePane(0, 1);
            for (int c = 0; c < columns.size(); c++) {
                ws.width(c, columns.get(c).width());
                text(0, c, columns.get(c).header());
            }
            ws.range(0, 0, 0, columns.size() - 1).style().bold().fillColor("DDEBF7").wrapText(true).set();
            row = 1;
        }

        /** Appends one data row: one value per column (null leaves the cell empty). */
        public Sheet row(List<?> values) {
            if (values.size() != columns) {
                throw new IllegalArgumentException("a row of " + columns + " columns got " + values.size());
            }
            for (int c = 0; c < values.size(); c++) {
                cell(row, c, values.get(c));
            }
            row++;
            if (row % FLUSH_EVERY == 0) {
                try {
                    ws.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return this;
        }

        /** The data rows written so far. */
        public int rows() {
            return row - 1;
        }

        private void cell(int r, int c, Object value) {
            if (value == null) {
                return;
            }
            if (value instanceof Score score) {
                number(r, c, score.value());
            } else if (value instanceof BigDecimal number) {
                number(r, c, number);
            } else if (value instanceof Integer || value instanceof Long) {
                ws.value(r, c, (Number) value);
            } else {
                text(r, c, value.toString());
            }
        }

        private void number(int r, int c, BigDecimal value) {
            ws.value(r, c, value);
            ws.style(r, c).format(SCORE_FORMAT).set();
        }

        private void text(int r, int c, String value) {
            if (Csv.readsAsFormula(value)) {
                ws.inlineString(r, c, value);
                ws.style(r, c).format("@").set();
            } else {
                ws.value(r, c, value);
            }
        }

        private void finish() {
            try {
                ws.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
