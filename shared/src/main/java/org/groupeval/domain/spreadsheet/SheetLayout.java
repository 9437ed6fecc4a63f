package org.groupeval.domain.spreadsheet;

import org.groupeval.domain.FieldError;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The layout of a table a spreadsheet is read as: the sheet it is on, the row of its headers and, from column A on,
 * each column's key (the name a field has in a JSON body and in error pointers), its Chinese header as the template
 * writes it and the longest text a cell of it may hold. Rows below the headers are the table's rows; a pointer
 * {@code /rows/{i}/{key}} names the cell of column {@code key} in the {@code i}-th row under the headers
 * (Excel row {@code headerRow + 1 + i}).
 */
public record SheetLayout(String sheetName, int headerRow, List<Column> columns, int maxRows) {

    /** One column of the table. */
    public record Column(String key, String header, int maxChars) {
    }

    public SheetLayout {
        columns = List.copyOf(columns);
    }

    /** The column of a key, from 0 (A). */
    public int index(String key) {
        return IntStream.range(0, columns.size()).filter(i -> columns.get(i).key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column " + key));
    }

    public Optional<Column> column(String key) {
        return columns.stream().filter(c -> c.key().equals(key)).findFirst();
    }

    /** The headers, in column order. */
    public List<String> headers() {
        return columns.stream().map(Column::header).toList();
    }

    /** Excel's letters of a column index from 0: 0 → A, 25 → Z, 26 → AA. */
    public static String letters(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }

    /** The Excel row number of the table's {@code i}-th row. */
    public int excelRow(int i) {
        return headerRow + 1 + i;
    }

    /** An error in the cell of column {@code key} of the table's {@code i}-th row. */
    public FieldError error(int i, String key, String message) {
        int column = index(key);
        String at = letters(column) + excelRow(i);
        return new FieldError("/rows/" + i + "/" + key, at + " (" + columns.get(column).header() + "): " + message,
                excelRow(i), letters(column), columns.get(column).header());
    }

    /** An error in a cell outside the table's columns or rows (a header, a stray value). */
    public static FieldError cellError(String pointer, int row, int column, String header, String message) {
        return new FieldError(pointer, letters(column) + row + (header == null ? "" : " (" + header + ")") + ": "
                + message, row, letters(column), header);
    }

    /**
     * Errors of a row's record, pointers into that record ({@code /name}, {@code /coreSchool/code}) mapped to the
     * cells they came from: {@code fields} maps a pointer's prefix to the column key it was read from; the longest
     * prefix wins and an unmapped pointer stays on the row's first column.
     */
    public List<FieldError> locate(int i, List<FieldError> errors, Map<String, String> fields) {
        return errors.stream().map(e -> error(i, fields.entrySet().stream()
                        .filter(f -> e.pointer().equals(f.getKey()) || e.pointer().startsWith(f.getKey() + "/"))
                        .max((a, b) -> a.getKey().length() - b.getKey().length()).map(Map.Entry::getValue)
                        .orElse(columns.get(0).key()), e.message()))
                .collect(Collectors.toList());
    }
}
