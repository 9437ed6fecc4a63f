package org.groupeval.store;

import org.groupeval.domain.DomainException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Opaque pagination tokens: the LastEvaluatedKey of a query (all our key attributes are strings), written as
 * base64url of {@code name=value} pairs. A token that does not decode is the caller's error (400), never a 500.
 */
public final class PageToken {

    private static final char SEP = '\u001f';

    private PageToken() {
    }

    public static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(lastEvaluatedKey).forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(SEP);
            }
            sb.append(k).append('=').append(v.s());
        });
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static Map<String, AttributeValue> decode(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            for (String pair : raw.split(String.valueOf(SEP))) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("no pair");
                }
                key.put(pair.substring(0, eq), AttributeValue.fromS(pair.substring(eq + 1)));
            }
            if (!key.containsKey("pk") || !key.containsKey("sk")) {
                throw new IllegalArgumentException("no key");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("/query/nextToken",
                    "nextToken is not a token this service issued; pass back the nextToken of the previous page");
        }
    }
}
