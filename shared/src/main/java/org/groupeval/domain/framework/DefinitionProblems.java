package org.groupeval.domain.framework;

import org.groupeval.domain.Identifiers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a framework definition (a plain tree of maps, lists, strings, numbers) and collects every problem with the
 * JSON Pointer of the offending node, so that a broken definition is reported completely and precisely.
 */
final class DefinitionProblems {

    private final List<String> problems = new ArrayList<>();

    void add(String pointer, String message) {
        problems.add((pointer.isEmpty() ? "/" : pointer) + ": " + message);
    }

    List<String> all() {
        return problems;
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(Object node, String pointer) {
        if (node instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        add(pointer, node == null ? "is missing" : "must be an object");
        return null;
    }

    Map<String, Object> object(Map<String, Object> parent, String key, String pointer) {
        return object(parent.get(key), SheetInput.at(pointer, key));
    }

    @SuppressWarnings("unchecked")
    List<Object> list(Map<String, Object> parent, String key, String pointer) {
        Object node = parent.get(key);
        if (node instanceof List<?> list) {
            return (List<Object>) list;
        }
        add(SheetInput.at(pointer, key), node == null ? "is missing" : "must be an array");
        return null;
    }

    /** A non-empty list (a rule parameter that must have entries). */
    List<Object> nonEmptyList(Map<String, Object> parent, String key, String pointer) {
        List<Object> list = list(parent, key, pointer);
        if (list != null && list.isEmpty()) {
            add(SheetInput.at(pointer, key), "must not be empty");
            return null;
        }
        return list;
    }

    String text(Map<String, Object> parent, String key, String pointer) {
        Object node = parent.get(key);
        if (node instanceof String s && !s.isBlank()) {
            return s;
        }
        add(SheetInput.at(pointer, key), node == null ? "is missing" : "must be a non-empty string");
        return null;
    }

    String optionalText(Map<String, Object> parent, String key, String pointer, String fallback) {
        return parent.get(key) == null ? fallback : text(parent, key, pointer);
    }

    String id(Map<String, Object> parent, String key, String pointer) {
        String id = text(parent, key, pointer);
        if (id != null && !Identifiers.isFrameworkId(id)) {
            add(SheetInput.at(pointer, key), "must be 1-64 letters, digits, '-' or '_' (got \"" + id + "\")");
            return null;
        }
        return id;
    }

    LocalizedText name(Map<String, Object> parent, String pointer) {
        Map<String, Object> name = object(parent, "name", pointer);
        if (name == null) {
            return null;
        }
        String namePointer = SheetInput.at(pointer, "name");
        String zh = text(name, "zh", namePointer);
        String en = text(name, "en", namePointer);
        return zh == null || en == null ? null : new LocalizedText(zh, en);
    }

    BigDecimal number(Map<String, Object> parent, String key, String pointer) {
        Object node = parent.get(key);
        BigDecimal value = toDecimal(node);
        if (value == null) {
            add(SheetInput.at(pointer, key), node == null ? "is missing" : "must be a number");
        }
        return value;
    }

    BigDecimal optionalNumber(Map<String, Object> parent, String key, String pointer) {
        return parent.get(key) == null ? null : number(parent, key, pointer);
    }

    /** A cap or a maximum: a number that is not below zero. */
    BigDecimal nonNegative(Map<String, Object> parent, String key, String pointer) {
        BigDecimal value = number(parent, key, pointer);
        if (value != null && value.signum() < 0) {
            add(SheetInput.at(pointer, key), "must not be below zero (got " + Points.show(value) + ")");
            return null;
        }
        return value;
    }

    BigDecimal positive(Map<String, Object> parent, String key, String pointer) {
        BigDecimal value = nonNegative(parent, key, pointer);
        if (value != null && value.signum() == 0) {
            add(SheetInput.at(pointer, key), "must be greater than zero");
            return null;
        }
        return value;
    }

    boolean flag(Map<String, Object> parent, String key, String pointer, boolean fallback) {
        Object node = parent.get(key);
        if (node == null) {
            return fallback;
        }
        if (node instanceof Boolean b) {
            return b;
        }
        add(SheetInput.at(pointer, key), "must be true or false");
        return fallback;
    }

    <E extends Enum<E>> E enumValue(Map<String, Object> parent, String key, String pointer, Class<E> type) {
        String text = text(parent, key, pointer);
        if (text == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        add(SheetInput.at(pointer, key), "must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                + " (got \"" + text + "\")");
        return null;
    }

    static BigDecimal toDecimal(Object node) {
        if (node instanceof BigDecimal d) {
            return d;
        }
        if (node instanceof Integer || node instanceof Long || node instanceof Short || node instanceof Byte) {
            return BigDecimal.valueOf(((Number) node).longValue());
        }
        if (node instanceof java.math.BigInteger i) {
            return new BigDecimal(i);
        }
        if (node instanceof Double || node instanceof Float) {
            double d = ((Number) node).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
        }
        return null;
    }
}
