package org.groupeval.store;

import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import java.util.Set;

/**
 * DynamoDB refusing a write for the moment rather than for what it is: a transaction cancelled because other
 * requests were changing the same items (after {@link Transactions} has retried it), a single write that met an item
 * in another transaction, or throttling the SDK's own retries did not outlast. Nothing of the refused write was
 * stored, and the same request may succeed a moment later, so the web layer answers 503 with {@code Retry-After}
 * instead of reporting a fault of the service.
 */
public final class Contention {

    /** Cancellation reasons that say "busy", not "refused"; {@code None} marks the items that were fine. */
    private static final Set<String> BUSY = Set.of("TransactionConflict", "ThrottlingError",
            "ProvisionedThroughputExceeded");

    private Contention() {
    }

    /** True if {@code failure} (or its cause) is such a refusal. */
    public static boolean busy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
                boolean busy = false;
                for (CancellationReason reason : cancelled.cancellationReasons()) {
                    if (BUSY.contains(reason.code())) {
                        busy = true;
                    } else if (!"None".equals(reason.code())) {
                        return false; // a condition or validation refused it: retrying would not help
                    }
                }
                return busy;
            }
            if (t instanceof TransactionConflictException || t instanceof ThrottlingException
                    || t instanceof ProvisionedThroughputExceededException
                    || t instanceof RequestLimitExceededException) {
                return true;
            }
        }
        return false;
    }
}
