package org.groupeval.domain.framework;

import org.groupeval.domain.Identifiers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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

    // ---- lists of entries -----------------------------------------------------------------------------------------

    /** Reads one entry of a list from its object, reporting its own problems as it reads. */
    @FunctionalInterface
    interface EntryReader<T> {
        /** @param last whether this is the list's last entry */
        T read(Map<String, Object> node, String pointer, boolean last);
    }

    /**
     * What names each entry of a list once only: the member ({@code id}, {@code level}), the key it gives, and the
     * problem an entry naming a key named before is reported with (at its member). {@code seen} holds the keys named
     * so far: lists whose keys are unique together (the indicators of every category) share it.
     */
    record Unique<T, K>(String member, Function<T, K> key, Function<K, String> duplicate, Set<K> seen) {

        /** Ids unique within the list: "duplicate item id \"x\"". */
        static <T> Unique<T, String> ids(String what, Function<T, String> id) {
            return ids(what, id, new HashSet<>());
        }

        static <T> Unique<T, String> ids(String what, Function<T, String> id, Set<String> seen) {
            return new Unique<>("id", id, key -> "duplicate " + what + " id \"" + key + "\"", seen);
        }

        /** Another member unique within the list: "level CITY is listed twice". */
        static <T, K> Unique<T, K> member(String member, Function<T, K> key, String verb) {
            return new Unique<>(member, key, k -> member + " " + k + " is " + verb + " twice", new HashSet<>());
        }
    }

    /**
     * The entries of the list {@code key} of {@code parent}, each read by {@code reader} in order. The list must be a
     * non-empty array, each entry an object (else that is reported and the entry left out); an entry whose key
     * {@code unique} saw before is reported at its member.
     *
     * @return the entries read, or null if there is no non-empty list
     */
    <T, K> List<T> uniqueEntries(Map<String, Object> parent, String key, String pointer, Unique<T, K> unique,
                                 EntryReader<T> reader) {
        List<Object> list = nonEmptyList(parent, key, pointer);
        if (list == null) {
            return null;
        }
        List<T> entries = new ArrayList<>();
        String listPointer = SheetInput.at(pointer, key);
        for (int i = 0; i < list.size(); i++) {
            String at = SheetInput.at(listPointer, i);
            Map<String, Object> node = object(list.get(i), at);
            if (node == null) {
                continue;
            }
            T entry = reader.read(node, at, i == list.size() - 1);
            K named = unique == null ? null : unique.key().apply(entry);
            if (named != null && !unique.seen().add(named)) {
                add(SheetInput.at(at, unique.member()), unique.duplicate().apply(named));
            }
            entries.add(entry);
        }
        return entries;
    }

    /** {@link #uniqueEntries} of a list whose entries need not name anything once only. */
    <T> List<T> entries(Map<String, Object> parent, String key, String pointer, EntryReader<T> reader) {
        return uniqueEntries(parent, key, pointer, null, reader);
    }

    /** A value for an enum constant, as a rule's table gives it ({@code {"level": "CITY", "points": 1}}). */
    record Keyed<K, V>(K key, V value) {
    }

    /** The entries' values by key, in the enum's order; an entry without a (valid) key is left out. */
    static <K extends Enum<K>, V> Map<K, V> byKey(Class<K> type, List<Keyed<K, V>> entries) {
        Map<K, V> byKey = new EnumMap<>(type);
        for (Keyed<K, V> entry : entries) {
            if (entry.key() != null) {
                byKey.put(entry.key(), entry.value());
            }
        }
        return new LinkedHashMap<>(byKey);
    }

    /**
     * Points per administrative level ({@code levels: [{"level": "CITY", "points": 1}, ...]}): a level bonus and a
     * level count read it alike. Null if there is no non-empty list.
     */
    Map<Level, BigDecimal> pointsByLevel(Map<String, Object> parent, String pointer) {
        List<Keyed<Level, BigDecimal>> levels = uniqueEntries(parent, "levels", pointer,
                Unique.member("level", Keyed::key, "listed"),
                (node, at, last) -> new Keyed<>(enumValue(node, "level", at, Level.class),
                        positive(node, "points", at)));
        return levels == null ? null : byKey(Level.class, levels);
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
