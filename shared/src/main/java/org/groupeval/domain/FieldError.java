package org.groupeval.domain;

/** One invalid field of a request: a JSON Pointer into the request body and what is wrong with it. */
public record FieldError(String pointer, String message) {
}
