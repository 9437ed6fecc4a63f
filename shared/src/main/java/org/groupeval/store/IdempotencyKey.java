package org.groupeval.store;

import org.groupeval.domain.DomainException;
import org.groupeval.web.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An {@code Idempotency-Key} as a creation stores it (docs/api.md, Creation): scoped to the caller, remembering a
 * digest of the request, the id it created and the first result, kept 24 hours. The record is written in the same
 * transaction as the resource, so a retried request either finds it (and answers the first result again, not the
 * resource as it is now) or creates exactly one resource.
 */
public record IdempotencyKey(String scope, String key, String requestDigest) {

    public static final Duration RETENTION = Duration.ofHours(24);
    private static final Pattern FORMAT = Pattern.compile("[\\x21-\\x7e]{1,100}");

    public static IdempotencyKey of(String callerSubject, String key, Object request) {
        if (!FORMAT.matcher(key).matches()) {
            throw DomainException.invalid("/headers/Idempotency-Key",
                    "Idempotency-Key must be 1–100 visible ASCII characters, e.g. a UUID");
        }
        return new IdempotencyKey(callerSubject, key, digest(Json.write(request)));
    }

    public String pk() {
        return "IDEMPOTENCY#" + scope + "#" + key;
    }

    public StoredItem toItem(String resourceId, Instant now) {
        return toItem(resourceId, null, now);
    }

    /**
     * The record of a creation: the request's digest, the id it created and the first result as it answered it
     * ({@code firstResult}, kept as its JSON), which a repeat answers again however the resource changed since.
     */
    public StoredItem toItem(String resourceId, Object firstResult, Instant now) {
        StoredItem item = StoredItem.of("Idempotency", pk(), "IDEMPOTENCY");
        Map<String, String> data = new LinkedHashMap<>();
        data.put("requestDigest", requestDigest);
        data.put("resourceId", resourceId);
        if (firstResult != null) {
            data.put("firstResult", Json.write(firstResult));
        }
        item.setData(Json.write(data));
        item.setTtl(now.plus(RETENTION).getEpochSecond());
        return item;
    }

    /**
     * The first request's result as the record keeps it (422 when the key was used for a different request); empty
     * for a record written without one.
     */
    public <T> Optional<T> firstResult(StoredItem existing, Class<T> type) {
        replayedResourceId(existing);
        return Optional.ofNullable(firstResultJson(existing)).map(json -> Json.read(json, type));
    }

    /** The first result's JSON, or null when the record has none. */
    static String firstResultJson(StoredItem existing) {
        @SuppressWarnings("unchecked")
        Map<String, String> data = Json.read(existing.getData(), Map.class);
        return data.get("firstResult");
    }

    /** The id created by the first request with this key; 422 when the key was used for a different request. */
    public String replayedResourceId(StoredItem existing) {
        @SuppressWarnings("unchecked")
        Map<String, String> data = Json.read(existing.getData(), Map.class);
        if (!requestDigest.equals(data.get("requestDigest"))) {
            throw DomainException.ruleViolation("idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different request; use a new key for a new request.");
        }
        return data.get("resourceId");
    }

    public static String digest(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
