package org.groupeval.store;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs DynamoDB transactions: retries the ones cancelled only because another transaction touched the same items
 * (with exponential backoff and jitter; should they keep conflicting, the cancellation is thrown on, and the web
 * layer answers 503 with {@code Retry-After}, see {@link Contention}), and turns failed condition checks into
 * {@link ConditionFailed}, naming which item (by the order it was added) and what it held, so callers can say e.g.
 * which group already holds a school.
 *
 * <p>Transactions are written through the item mapper ({@link #write(DynamoDbEnhancedClient, Consumer)}) or, where
 * an item needs an update the mapper cannot express (an atomic {@code ADD} to a counter), as plain DynamoDB items
 * built with {@link #put}, {@link #add} and {@link #check} ({@link #write(DynamoDbClient, List)}).
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

        /** The failure of the item at {@code index}, if its condition failed. */
        public Optional<Failure> at(int index) {
            return failures.stream().filter(f -> f.index() == index).findFirst();
        }
    }

    public static void write(DynamoDbEnhancedClient client, Consumer<TransactWriteItemsEnhancedRequest.Builder> items) {
        TransactWriteItemsEnhancedRequest.Builder builder = TransactWriteItemsEnhancedRequest.builder();
        items.accept(builder);
        TransactWriteItemsEnhancedRequest request = builder.build();
        run(() -> client.transactWriteItems(request));
    }

    /** The same for plain DynamoDB items (see the class comment), e.g. from {@link #put}, {@link #add}, {@link #check}. */
    public static void write(DynamoDbClient client, List<TransactWriteItem> items) {
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(items).build();
        run(() -> client.transactWriteItems(request));
    }

    private static void run(Runnable transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.run();
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

    // -- plain DynamoDB items --------------------------------------------------------------------------------------

    /** Puts {@code item} if {@code condition} holds; a failed condition reports the item found ({@code ALL_OLD}). */
    public static TransactWriteItem put(String table, StoredItem item, Expression condition) {
        Put.Builder put = Put.builder().tableName(table).item(StoredItem.SCHEMA.itemToMap(item, true))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        Condition c = new Condition(condition);
        put.conditionExpression(c.expression).expressionAttributeNames(c.names()).expressionAttributeValues(c.values());
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /**
     * Adds {@code delta} to the number {@code attribute} of the item {@code pk}/{@code sk} (created with that value
     * when missing, its {@code kind} set), if {@code condition} holds: one atomic write, nothing read first.
     */
    public static TransactWriteItem add(String table, String pk, String sk, String kind, String attribute, long delta,
                                        Expression condition) {
        Condition c = new Condition(condition);
        c.names.put("#addKind", "kind");
        c.names.put("#addTo", attribute);
        c.values.put(":addKind", AttributeValue.fromS(kind));
        c.values.put(":addDelta", AttributeValue.fromN(Long.toString(delta)));
        Update update = Update.builder().tableName(table).key(key(pk, sk))
                .updateExpression("SET #addKind = :addKind ADD #addTo :addDelta")
                .conditionExpression(c.expression).expressionAttributeNames(c.names())
                .expressionAttributeValues(c.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();
        return TransactWriteItem.builder().update(update).build();
    }

    /** Requires {@code condition} of the item {@code pk}/{@code sk} (in any table) without changing it. */
    public static TransactWriteItem check(String table, String pk, String sk, Expression condition) {
        Condition c = new Condition(condition);
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(key(pk, sk))
                .conditionExpression(c.expression).expressionAttributeNames(c.names())
                .expressionAttributeValues(c.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    /** An expression's parts as the plain API takes them (DynamoDB refuses empty name or value maps: null then). */
    private record Condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {

        Condition(Expression e) {
            this(e.expression(), new HashMap<>(e.expressionNames() == null ? Map.of() : e.expressionNames()),
                    new HashMap<>(e.expressionValues() == null ? Map.of() : e.expressionValues()));
        }

        @Override
        public Map<String, String> names() {
            return names.isEmpty() ? null : names;
        }

        @Override
        public Map<String, AttributeValue> values() {
            return values.isEmpty() ? null : values;
        }
    }
}
