package org.groupeval.store;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs DynamoDB transactions: retries the ones cancelled only because another transaction touched the same items
 * (with exponential backoff and jitter; should they keep conflicting, the cancellation is thrown on, and the web
 * layer answers 503 with {@code Retry-After}, see {@link Contention}), and turns failed condition checks into
 * {@link ConditionFailed}, naming which item (by the order it was added) and what it held, so callers can say e.g.
 * which group already holds a school.
 */
public final class Transactions {

    public static final Expression NOT_EXISTS = Expression.builder().expression("attribute_not_exists(pk)").build();
    public static final Expression EXISTS = Expression.builder().expression("attribute_exists(pk)").build();
    private static final int ATTEMPTS = 8;

    private Transactions() {
    }

    public static Expression versionIs(long version) {
        return Expression.builder().expression("#v = :v")
                .putExpressionName("#v", "version")
                .putExpressionValue(":v", AttributeValue.fromN(Long.toString(version)))
                .build();
    }

    /** One failed condition: the index of the transaction item (in the order added) and the item found there. */
    public record Failure(int index, StoredItem existing) {
    }

    public static final class ConditionFailed extends RuntimeException {
        private final List<Failure> failures;

        ConditionFailed(List<Failure> failures) {
            super("condition failed at " + failures.stream().map(Failure::index).toList(), null, false, false);
            this.failures = List.copyOf(failures);
        }

        public List<Failure> failures() {
            return failures;
        }

        public boolean failedAt(int index) {
            return failures.stream().anyMatch(f -> f.index() == index);
        }
    }

    public static void write(DynamoDbEnhancedClient client, Consumer<TransactWriteItemsEnhancedRequest.Builder> items) {
        TransactWriteItemsEnhancedRequest.Builder builder = TransactWriteItemsEnhancedRequest.builder();
        items.accept(builder);
        TransactWriteItemsEnhancedRequest request = builder.build();
        for (int attempt = 1; ; attempt++) {
            try {
                client.transactWriteItems(request);
                return;
            } catch (TransactionCanceledException e) {
                List<Failure> failures = new ArrayList<>();
                boolean conflict = false;
                List<CancellationReason> reasons = e.cancellationReasons();
                for (int i = 0; i < reasons.size(); i++) {
                    String code = reasons.get(i).code();
                    if ("ConditionalCheckFailed".equals(code)) {
                        Map<String, AttributeValue> old = reasons.get(i).item();
                        failures.add(new Failure(i, old == null || old.isEmpty() ? null
                                : StoredItem.SCHEMA.mapToItem(old)));
                    } else if ("TransactionConflict".equals(code)) {
                        conflict = true;
                    }
                }
                if (!failures.isEmpty()) {
                    throw new ConditionFailed(failures);
                }
                if (!conflict || attempt >= ATTEMPTS) {
                    throw e;
                }
                Backoff.pause(10, attempt, 200);
            }
        }
    }
}
