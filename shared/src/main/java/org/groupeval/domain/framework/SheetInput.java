package org.groupeval.domain.framework;

import org.groupeval.domain.FieldError;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads one sheet's input (the plain Java tree Jackson yields for a JSON body: maps, lists, strings, integers,
 * BigDecimals, booleans, nulls) and collects every problem as a {@link FieldError} with a JSON Pointer into the
 * request body. Nothing here throws: the scorer raises one {@code DomainException.invalid} listing all errors.
 */
public final class SheetInput {

    /**
     * The longest text {@link #text} takes: any text field of a sheet, cycle, panel, extension or conflict (codes,
     * names, reasons).
     */
    public static final int MAX_TEXT = 500;

    private final List<FieldError> errors = new ArrayList<>();
    private final boolean partialAllowed;

    /** @param partialAllowed a draft: indicators and composite parts may be left out (they score 0). */
    public SheetInput(boolean partialAllowed) {
        this.partialAllowed = partialAllowed;
    }

    public boolean partialAllowed() {
        return partialAllowed;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public void error(String pointer, String message) {
        errors.add(new FieldError(pointer, message));
    }

    /** The pointer of a member of an object (RFC 6901 escaping). */
    public static String at(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    public static String at(String pointer, int index) {
        return pointer + "/" + index;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> object(Object node, String pointer) {
        if (node instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        error(pointer, node == null ? "is required" : "must be an object");
        return null;
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(Object node, String pointer) {
        if (node instanceof List<?> list) {
            return (List<Object>) list;
        }
        error(pointer, node == null ? "is required" : "must be an array");
        return null;
    }

    /** A list of at most {@code max} entries ({@code what} says what one entry is, for the refusal). */
    public List<Object> list(Object node, String pointer, int max, String what) {
        List<Object> list = list(node, pointer);
        if (list != null && list.size() > max) {
            error(pointer, "has " + list.size() + " entries; at most " + max + " (" + what + ")");
            return null;
        }
        return list;
    }

    /** Reports every member of {@code object} that is not one of {@code allowed}; true if there was none. */
    /**
     * A rule's input as an object with no member but {@code allowed}; null when it is none (reported) or has
     * another member (each one reported).
     */
    public Map<String, Object> objectOf(Object node, String pointer, Collection<String> allowed) {
        Map<String, Object> object = object(node, pointer);
        return object != null && onlyKnownMembers(object, pointer, allowed) ? object : null;
    }

    public boolean onlyKnownMembers(Map<String, Object> object, String pointer, Collection<String> allowed) {
        boolean clean = true;
        for (String key : object.keySet()) {
            if (!allowed.contains(key)) {
                error(at(pointer, key), "is not a field of this input (expected: " + String.join(", ", allowed) + ")");
                clean = false;
            }
        }
        return clean;
    }

    public BigDecimal number(Object node, String pointer) {
        BigDecimal value = DefinitionProblems.toDecimal(node);
        if (value == null) {
            error(pointer, node == null ? "is required" : "must be a number");
        }
        return value;
    }

    /** A number in [min, max] (inclusive). */
    public BigDecimal between(Object node, String pointer, BigDecimal min, BigDecimal max) {
        BigDecimal value = number(node, pointer);
        if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
            error(pointer, "must be between " + Points.show(min) + " and " + Points.show(max) + " (got "
                    + Points.given(value) + ")");
            return null;
        }
        return value;
    }

    /** A count: a whole number, zero or more. */
    public Long count(Object node, String pointer) {
        BigDecimal value = number(node, pointer);
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            error(pointer, "must not be negative (got " + Points.given(value) + ")");
            return null;
        }
        if (value.stripTrailingZeros().scale() > 0) {
            error(pointer, "must be a whole number (got " + Points.given(value) + ")");
            return null;
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            error(pointer, "is too large");
            return null;
        }
    }

    /** A non-empty string of at most {@link #MAX_TEXT} characters. */
    public String text(Object node, String pointer) {
        if (node instanceof String s && !s.isBlank()) {
            if (s.length() > MAX_TEXT) {
                error(pointer, "must be at most " + MAX_TEXT + " characters (has " + s.length() + ")");
                return null;
            }
            return s;
        }
        error(pointer, node == null ? "is required" : "must be a non-empty string");
        return null;
    }

    public Boolean flag(Object node, String pointer) {
        if (node instanceof Boolean b) {
            return b;
        }
        error(pointer, node == null ? "is required" : "must be true or false");
        return null;
    }

    /**
     * A fraction given either as {@code {"ratio": 0.85}} (0 to 1) or as {@code {"percent": 85}} (0 to 100), exactly
     * one of the two. Returns the ratio.
     */
    public BigDecimal ratioOrPercent(Map<String, Object> input, String pointer) {
        boolean hasRatio = input.get("ratio") != null;
        boolean hasPercent = input.get("percent") != null;
        if (hasRatio == hasPercent) {
            error(pointer, hasRatio ? "give either ratio or percent, not both" : "needs ratio (0 to 1) or percent (0 to 100)");
            return null;
        }
        if (hasRatio) {
            return between(input.get("ratio"), at(pointer, "ratio"), BigDecimal.ZERO, BigDecimal.ONE);
        }
        BigDecimal percent = between(input.get("percent"), at(pointer, "percent"), BigDecimal.ZERO, Points.HUNDRED);
        return percent == null ? null : percent.movePointLeft(2);
    }
}
