package org.groupeval.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a store's query stopped: its LastEvaluatedKey (all our key attributes are non-empty strings) written as
 * {@code name=value} pairs, and read back as the next query's ExclusiveStartKey. A cursor never leaves the service
 * as it is: the web layer seals it into the caller's nextToken ({@code org.groupeval.web.PageTokens}) and opens it
 * again, so a store only reads cursors it wrote. Functions that read a whole list page by page pass the cursors of
 * {@link Page#nextToken()} straight back.
 */
public final class PageCursor {

    private static final char SEP = '\u001f';

    private PageCursor() {
    }

    /** The cursor of a query's LastEvaluatedKey; null when the query is exhausted. */
    public static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(lastEvaluatedKey).forEach((name, value) -> {
            if (value.s() == null || value.s().isEmpty() || value.s().indexOf(SEP) >= 0) {
                throw new IllegalStateException("key attribute " + name + " is not a cursor's non-empty string");
            }
            if (sb.length() > 0) {
                sb.append(SEP);
            }
            sb.append(name).append('=').append(value.s());
        });
        return sb.toString();
    }

    /** The ExclusiveStartKey of a cursor {@link #encode} wrote; null (the first page) for null. */
    public static Map<String, AttributeValue> decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String pair : cursor.split(String.valueOf(SEP), -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("not a cursor a store wrote: " + cursor);
            }
            key.put(pair.substring(0, eq), AttributeValue.fromS(pair.substring(eq + 1)));
        }
        if (!key.containsKey("pk") || !key.containsKey("sk")) {
            throw new IllegalArgumentException("not a cursor a store wrote (no table key): " + cursor);
        }
        return key;
    }
}
