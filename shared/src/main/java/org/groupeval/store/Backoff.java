package org.groupeval.store;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause before sending again what DynamoDB left unprocessed (batch reads and writes) or a transaction it cancelled
 * for a conflict with another: exponential in the attempt, capped, with jitter, as AWS advises, so that retries do
 * not arrive together.
 */
final class Backoff {

    private Backoff() {
    }

    /** Sleeps between half and all of {@code min(capMillis, baseMillis · 2^attempt)} (the exponent at most 8). */
    static void pause(long baseMillis, int attempt, long capMillis) {
        long upTo = Math.min(capMillis, baseMillis << Math.min(Math.max(attempt, 0), 8));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(upTo / 2, upTo + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
