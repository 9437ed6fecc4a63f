package org.groupeval.domain;

/**
 * One invalid field of a request: a JSON Pointer into the request body and what is wrong with it. A field read from a
 * spreadsheet also names the cell: its {@code row} (as Excel numbers rows), its {@code column} (Excel's letters) and
 * that column's {@code header}; they are null for every other body.
 */
public record FieldError(String pointer, String message, Integer row, String column, String header) {

    public FieldError(String pointer, String message) {
        this(pointer, message, null, null, null);
    }
}
