package org.groupeval.domain;

import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} of a creation (docs/api.md, Creation): what a key may be, and the refusal of a key sent
 * again with a different request. How a key and the first result are kept is the store's business.
 */
public final class Idempotency {

    private static final Pattern FORMAT = Pattern.compile("[\\x21-\\x7e]{1,100}");

    private Idempotency() {
    }

    /** The key as sent, if it is 1–100 visible ASCII characters; 400 naming the header otherwise. */
    public static String key(String raw) {
        if (!FORMAT.matcher(raw).matches()) {
            throw DomainException.invalid("/headers/Idempotency-Key",
                    "Idempotency-Key must be 1–100 visible ASCII characters, e.g. a UUID");
        }
        return raw;
    }

    /** 422: the key was already used for a different request. */
    public static DomainException reused() {
        return DomainException.ruleViolation("idempotency-key-reused", "Idempotency-Key reused",
                "This Idempotency-Key was already used for a different request; use a new key for a new request.");
    }
}
