package org.groupeval.domain.evidence.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PDF tokenizer over the file or over a decoded object stream (ISO 32000-1 §7.2–7.3): whitespace and comments,
 * numbers, names (with {@code #xx} escapes decoded), strings, arrays, dictionaries and references. A value is a
 * {@code Long} or {@code Double}, a {@link Name}, a {@link Ref}, a {@code Boolean}, {@link #NULL}, {@link #STRING}
 * (strings are read, never kept), a {@code List} or a {@code Map}; anything else where a value must be is a
 * {@link Defect}.
 */
final class PdfParser {

    static final int MAX_DEPTH = 200;
    static final Object NULL = new Object();
    static final Object STRING = new Object();

    /** An indirect reference: {@code num gen R}. */
    record Ref(long num, int gen) {
    }

    record Name(String value) {
    }

    private final Bytes in;
    private final PdfActiveContent watch;
    /** Where the next token starts. */
    long pos;
    /** The number of the object being read, for messages; -1 in a trailer. */
    long current = -1;

    /** Reads {@code in} from {@code pos}, showing every dictionary it reads to {@code watch}. */
    PdfParser(Bytes in, long pos, PdfActiveContent watch) {
        this.in = in;
        this.pos = pos;
        this.watch = watch;
    }

    void skipWhitespace() {
        while (pos < in.length() && white(in.at(pos))) {
            pos++;
        }
    }

    /** Whitespace and comments. */
    void skipSpace() {
        while (pos < in.length()) {
            int c = in.at(pos);
            if (white(c)) {
                pos++;
            } else if (c == '%') {
                while (pos < in.length() && in.at(pos) != '\n' && in.at(pos) != '\r') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    long integer(String what) {
        if (number() instanceof Long l && l >= 0) {
            return l;
        }
        throw new Defect("a number was expected for " + what + " at byte " + pos + " (" + Sniff.at(in, pos)
                + ")");
    }

    /** A number at {@code pos} (Long or Double), or null without moving. */
    Object number() {
        long start = pos;
        long p = pos;
        if (in.at(p) == '+' || in.at(p) == '-') {
            p++;
        }
        int digits = 0;
        boolean dot = false;
        while (true) {
            int c = in.at(p);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
            p++;
        }
        if (digits == 0 || !delimiterOrEnd(in.at(p)) || digits > 18) {
            return null;
        }
        pos = p;
        String text = in.ascii(start, (int) (p - start));
        return dot ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
    }

    Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new Defect("its objects nest deeper than " + MAX_DEPTH + " levels (at byte " + pos + ")");
        }
        skipSpace();
        int c = in.at(pos);
        if (c < 0) {
            throw new Defect("it ends inside an object");
        }
        if (c == '/') {
            return name();
        }
        if (c == '<' && in.at(pos + 1) == '<') {
            return dictionary(depth);
        }
        if (c == '<') {
            return hexString();
        }
        if (c == '[') {
            pos++;
            List<Object> array = new ArrayList<>();
            while (true) {
                skipSpace();
                if (in.at(pos) == ']') {
                    pos++;
                    return array;
                }
                array.add(value(depth + 1));
            }
        }
        if (c == '(') {
            return literalString();
        }
        if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
            Object number = number();
            if (number == null) {
                throw new Defect("a malformed number at byte " + pos);
            }
            if (number instanceof Long num && num >= 0) {
                long after = pos;
                skipSpace();
                Object gen = in.at(pos) >= '0' && in.at(pos) <= '9' ? number() : null;
                if (gen instanceof Long g) {
                    skipSpace();
                    if (in.at(pos) == 'R' && delimiterOrEnd(in.at(pos + 1))) {
                        pos++;
                        return new Ref(num, g.intValue());
                    }
                }
                pos = after;
            }
            return number;
        }
        long start = pos;
        while (pos < in.length() && !delimiterOrEnd(in.at(pos))) {
            pos++;
        }
        String word = in.ascii(start, (int) (pos - start));
        switch (word) {
            case "true", "false" -> {
                return Boolean.valueOf(word);
            }
            case "null" -> {
                return NULL;
            }
            default -> throw new Defect(Sniff.at(in, start) + " at byte " + start + ", inside "
                    + (current < 0 ? "a trailer" : "object " + current) + " where a PDF value must be");
        }
    }

    private Map<String, Object> dictionary(int depth) {
        pos += 2;
        Map<String, Object> dict = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (in.at(pos) == '>' && in.at(pos + 1) == '>') {
                pos += 2;
                watch.inspect(dict, current);
                return dict;
            }
            if (in.at(pos) != '/') {
                throw new Defect(Sniff.at(in, pos) + " at byte " + pos + ", where a dictionary key must be (in "
                        + (current < 0 ? "a trailer" : "object " + current) + ")");
            }
            Name key = name();
            dict.put(key.value(), value(depth + 1));
        }
    }

    private Name name() {
        pos++;
        StringBuilder name = new StringBuilder();
        while (pos < in.length() && !delimiterOrEnd(in.at(pos))) {
            int c = in.at(pos++);
            if (c == '#' && hex(in.at(pos)) >= 0 && hex(in.at(pos + 1)) >= 0) {
                c = hex(in.at(pos)) * 16 + hex(in.at(pos + 1));
                pos += 2;
            }
            name.append((char) c);
        }
        return new Name(name.toString());
    }

    private Object hexString() {
        long start = pos++;
        while (true) {
            int c = in.at(pos++);
            if (c == '>') {
                return STRING;
            }
            if (c < 0 || !(white(c) || hex(c) >= 0)) {
                throw new Defect("a malformed hexadecimal string at byte " + start);
            }
        }
    }

    private Object literalString() {
        long start = pos++;
        int open = 1;
        while (open > 0) {
            int c = in.at(pos++);
            if (c < 0) {
                throw new Defect("a string at byte " + start + " never ends");
            } else if (c == '\\') {
                pos++;
            } else if (c == '(') {
                open++;
            } else if (c == ')') {
                open--;
            }
        }
        return STRING;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dictOf(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> arrayOf(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static String describe(Object value) {
        return value instanceof Name n ? "/" + n.value() : String.valueOf(value);
    }

    static boolean white(int c) {
        return c == 0 || c == 9 || c == 10 || c == 12 || c == 13 || c == 32;
    }

    static boolean delimiter(int c) {
        return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}'
                || c == '/' || c == '%';
    }

    static boolean delimiterOrEnd(int c) {
        return c < 0 || white(c) || delimiter(c);
    }

    static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
