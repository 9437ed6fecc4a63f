package org.groupeval.store;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which of DynamoDB's refusals mean "busy, try again" (503) rather than a fault or a refusal of the request. */
class ContentionTest {

    private static TransactionCanceledException cancelled(String... codes) {
        CancellationReason[] reasons = new CancellationReason[codes.length];
        for (int i = 0; i < codes.length; i++) {
            reasons[i] = CancellationReason.builder().code(codes[i]).build();
        }
        return TransactionCanceledException.builder().message("Transaction cancelled").cancellationReasons(reasons)
                .build();
    }

    @Test
    void aTransactionThatKeptConflictingIsBusy() {
        assertTrue(Contention.busy(cancelled("None", "TransactionConflict", "None")));
        assertTrue(Contention.busy(cancelled("ThrottlingError", "None")));
        assertTrue(Contention.busy(new IllegalStateException("wrapped", cancelled("TransactionConflict"))));
    }

    @Test
    void aSingleWriteMeetingATransactionOrThrottledIsBusy() {
        assertTrue(Contention.busy(TransactionConflictException.builder().message("conflict").build()));
        assertTrue(Contention.busy(ThrottlingException.builder().message("throttled").build()));
        assertTrue(Contention.busy(ProvisionedThroughputExceededException.builder().message("exceeded").build()));
    }

    @Test
    void aRefusalOfTheRequestItselfIsNot() {
        assertFalse(Contention.busy(cancelled("ConditionalCheckFailed", "TransactionConflict")));
        assertFalse(Contention.busy(cancelled("None", "ValidationError")));
        assertFalse(Contention.busy(cancelled("None", "None")));
        assertFalse(Contention.busy(ConditionalCheckFailedException.builder().message("failed").build()));
        assertFalse(Contention.busy(ResourceNotFoundException.builder().message("no table").build()));
        assertFalse(Contention.busy(new IllegalStateException("anything else")));
        assertFalse(Contention.busy(null));
    }
}
