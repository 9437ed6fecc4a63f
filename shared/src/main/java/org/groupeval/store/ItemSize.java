package org.groupeval.store;

import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * DynamoDB's refusal of an item over its 400 KB limit. Request bodies are bounded so that nothing stored from them
 * reaches it ({@code ApiRequest.MAX_BODY_BYTES}); should a write still exceed it, the caller sent too much, and the
 * web layer answers 413 instead of reporting a fault of the service.
 */
public final class ItemSize {

    private static final String MESSAGE = "exceeded the maximum allowed size";

    private ItemSize() {
    }

    /** True if {@code failure} (or its cause) is DynamoDB refusing an item, or a transaction's item, as too large. */
    public static boolean exceeded(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
                for (CancellationReason reason : cancelled.cancellationReasons()) {
                    if (reason.message() != null && reason.message().contains(MESSAGE)) {
                        return true;
                    }
                }
            }
            if (t instanceof DynamoDbException e && e.getMessage() != null && e.getMessage().contains(MESSAGE)) {
                return true;
            }
        }
        return false;
    }
}
