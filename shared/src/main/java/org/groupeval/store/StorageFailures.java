package org.groupeval.store;

/**
 * What the web layer needs to know of a failure that came from the storage behind the stores: whether the storage
 * refused a write for the moment (other requests changing the same records, throttling: nothing was stored and the
 * same request may succeed shortly), or for its size (more than a record may hold), rather than failing. The
 * deployment's storage provides it as a bean ({@link DynamoDbFailures}).
 */
public interface StorageFailures {

    /** Knows no failure: every failure is a fault. */
    StorageFailures NONE = new StorageFailures() {
        @Override
        public boolean busy(Throwable failure) {
            return false;
        }

        @Override
        public boolean tooLarge(Throwable failure) {
            return false;
        }
    };

    /** True if the storage refused the write for the moment (answered 503 {@code busy}). */
    boolean busy(Throwable failure);

    /** True if the storage refused what the request would store as too large (answered 413). */
    boolean tooLarge(Throwable failure);
}
