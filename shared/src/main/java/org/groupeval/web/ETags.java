package org.groupeval.web;

import org.groupeval.domain.DomainException;

/** Strong ETags over the stored version number: {@code "7"}. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    public static long parse(String header) {
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw DomainException.invalid("/headers/If-Match",
                    "If-Match must be the ETag of the resource as last read, e.g. \"3\"");
        }
    }
}
