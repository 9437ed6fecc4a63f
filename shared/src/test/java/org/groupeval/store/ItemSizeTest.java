package org.groupeval.store;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;


import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classification of DynamoDB's item-size refusal (the real service's and DynamoDB Local's wording). */
class ItemSizeTest {

    @Test
    void recognisesTheRefusalOfAnItemOrOfATransactionsItem() {
        assertTrue(ItemSize.exceeded(DynamoDbException.builder()
                .message("Item size has exceeded the maximum allowed size").build()));
        assertTrue(ItemSize.exceeded(TransactionCanceledException.builder().message("Transaction cancelled")
                .cancellationReasons(CancellationReason.builder().code("None").build(),
                        CancellationReason.builder().code("ValidationError")
                                .message("Item size to update has exceeded the maximum allowed size").build())
                .build()));
        assertTrue(ItemSize.exceeded(new IllegalStateException("wrapped", DynamoDbException.builder()
                .message("Item size has exceeded the maximum allowed size").build())));
    }

    @Test
    void anythingElseIsNotIt() {
        assertFalse(ItemSize.exceeded(DynamoDbException.builder().message("Requested resource not found").build()));
        assertFalse(ItemSize.exceeded(TransactionCanceledException.builder().message("Transaction cancelled")
                .cancellationReasons(CancellationReason.builder().code("ConditionalCheckFailed").build()).build()));
        assertFalse(ItemSize.exceeded(new IllegalArgumentException("exceeded the maximum allowed size")));
        assertFalse(ItemSize.exceeded(null));
    }
}
