package org.groupeval.store;

import software.amazon.awssdk.enhanced.dynamodb.Key;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The primary key of one item ({@code pk}, {@code sk}), as a table's key class builds it ({@link GroupKeys},
 * {@link EvidenceKeys}, {@link ResultKeys}): the key of a GetItem or a delete, or the item to write under it.
 */
public record ItemKey(String pk, String sk) {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** An instant as keys hold it: ISO-8601 UTC with exactly three fractional digits, so string order is time order. */
    public static String instant(Instant instant) {
        return MILLIS.format(instant);
    }

    /** The key as the item mapper takes it. */
    public Key key() {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }

    /** A new item of this kind under this key. */
    public StoredItem item(String kind) {
        return StoredItem.of(kind, pk, sk);
    }
}
