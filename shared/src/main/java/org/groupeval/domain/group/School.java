package org.groupeval.domain.group;

/** A school: the bureau's code (1–20 letters or digits, upper-cased) and its name. */
public record School(String code, String name) {
}
