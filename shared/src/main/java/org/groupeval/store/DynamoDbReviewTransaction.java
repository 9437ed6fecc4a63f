package org.groupeval.store;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.review.AuditRecord;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.Extension;
import org.groupeval.domain.review.Panel;
import org.groupeval.domain.review.Participant;
import org.groupeval.domain.review.ParticipantStatus;
import org.groupeval.domain.review.ReviewSheet;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The writes of one review request in one DynamoDB transaction (at most 100 items), each with the refusal its caller
 * named for when its condition fails; a repeated Idempotency-Key is {@link ReviewTransaction.Replayed}.
 */
final class DynamoDbReviewTransaction implements ReviewTransaction {

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<StoredItem> table;
    private final List<Consumer<TransactWriteItemsEnhancedRequest.Builder>> writes = new ArrayList<>();
    private final List<Supplier<? extends RuntimeException>> onFailure = new ArrayList<>();
    private int idempotencyIndex = -1;
    private IdempotencyKey idempotencyKey;

    DynamoDbReviewTransaction(DynamoDbEnhancedClient client, DynamoDbTable<StoredItem> table) {
        this.client = client;
        this.table = table;
    }

    private void add(Consumer<TransactWriteItemsEnhancedRequest.Builder> write,
                     Supplier<? extends RuntimeException> failure) {
        writes.add(write);
        onFailure.add(failure);
    }

    private void put(StoredItem item, Expression condition, Supplier<? extends RuntimeException> failure) {
        add(tx -> tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class).item(item)
                .conditionExpression(condition).build()), failure);
    }

    private void check(Key key, Expression condition, Supplier<? extends RuntimeException> failure) {
        add(tx -> tx.addConditionCheck(table, ConditionCheck.builder().key(key).conditionExpression(condition)
                .build()), failure);
    }

    /** New ({@code expected} absent: the item must not exist) or replacing the version read. */
    private static Expression versionIs(Long expected) {
        return expected == null ? Transactions.NOT_EXISTS : Transactions.versionIs(expected);
    }

    @Override
    public ReviewTransaction sheet(ReviewSheet sheet, Long expectedVersion, Supplier<DomainException> onConflict) {
        put(SheetMapper.toItem(sheet), versionIs(expectedVersion), onConflict);
        return this;
    }

    @Override
    public ReviewTransaction unchanged(ReviewSheet sheet, Supplier<DomainException> onConflict) {
        check(ReviewKeys.key(ReviewKeys.groupCycle(sheet.year(), sheet.groupId()), SheetMapper.sk(sheet)),
                Transactions.versionIs(sheet.version()), onConflict);
        return this;
    }

    @Override
    public ReviewTransaction panel(Panel panel, long expectedVersion, List<String> removedSubjects,
                                   Supplier<DomainException> onConflict) {
        put(PanelMapper.toItem(panel), versionIs(expectedVersion == 0 ? null : expectedVersion), onConflict);
        for (Panel.Expert expert : panel.experts()) {
            StoredItem seat = PanelMapper.seatItem(panel, expert);
            add(tx -> tx.addPutItem(table, seat), null);
        }
        for (String subject : removedSubjects) {
            Key seat = ReviewKeys.key(ReviewKeys.groupCycle(panel.year(), panel.groupId()), ReviewKeys.seat(subject));
            add(tx -> tx.addDeleteItem(table, TransactDeleteItemEnhancedRequest.builder().key(seat).build()), null);
        }
        return this;
    }

    @Override
    public ReviewTransaction panelUnchanged(Panel panel, Supplier<DomainException> onConflict) {
        check(ReviewKeys.key(ReviewKeys.groupCycle(panel.year(), panel.groupId()), ReviewKeys.panel()),
                versionIs(panel.version() == 0 ? null : panel.version()), onConflict);
        return this;
    }

    @Override
    public ReviewTransaction extension(Extension extension) {
        StoredItem item = ExtensionMapper.toItem(extension);
        add(tx -> tx.addPutItem(table, item), null);
        return this;
    }

    @Override
    public ReviewTransaction participant(Participant participant, Long expectedVersion,
                                         Supplier<DomainException> onConflict) {
        put(ParticipantMapper.toItem(participant), versionIs(expectedVersion), onConflict);
        return this;
    }

    @Override
    public ReviewTransaction stillEnrolled(int year, String groupId, Supplier<DomainException> onConflict) {
        check(ParticipantMapper.key(year, groupId), Expression.builder().expression("#s = :enrolled")
                .putExpressionName("#s", StoredItem.STATUS)
                .putExpressionValue(":enrolled", AttributeValue.fromS(ParticipantStatus.ENROLLED.name())).build(),
                onConflict);
        return this;
    }

    @Override
    public ReviewTransaction lockFramework(Cycle cycle, Supplier<DomainException> onConflict) {
        // the lock changes the cycle's representation (frameworkLocked), so it is a new version: a new ETag.
        // The version is set, not incremented, so first sheets of several groups at once lock it once: each
        // finds the cycle as read, or exactly one version later and locked (by another sheet, nothing else).
        StoredItem lock = StoredItem.of(null, ReviewKeys.cycle(cycle.year()), ReviewKeys.cycleItem());
        lock.setStatus(CycleMapper.RUNNING);
        lock.setVersion(cycle.version() + 1);
        Expression condition = Expression.builder().expression("#v = :v OR (#v = :locked AND #s = :running)")
                .putExpressionName("#v", StoredItem.VERSION).putExpressionName("#s", StoredItem.STATUS)
                .putExpressionValue(":v", AttributeValue.fromN(Long.toString(cycle.version())))
                .putExpressionValue(":locked", AttributeValue.fromN(Long.toString(cycle.version() + 1)))
                .putExpressionValue(":running", AttributeValue.fromS(CycleMapper.RUNNING)).build();
        add(tx -> tx.addUpdateItem(table, TransactUpdateItemEnhancedRequest.builder(StoredItem.class).item(lock)
                .ignoreNulls(true).conditionExpression(condition).build()), onConflict);
        return this;
    }

    @Override
    public ReviewTransaction audit(List<AuditRecord> records) {
        for (AuditRecord record : records) {
            put(AuditMapper.toItem(record), Transactions.NOT_EXISTS, null);
        }
        return this;
    }

    @Override
    public ReviewTransaction idempotency(IdempotencyKey key, String resourceId, Object firstResult, Instant now) {
        idempotencyIndex = writes.size();
        idempotencyKey = key;
        StoredItem item = key.toItem(resourceId, firstResult, now);
        add(tx -> tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class).item(item)
                .conditionExpression(Transactions.NOT_EXISTS)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()), null);
        return this;
    }

    @Override
    public void commit() {
        if (writes.size() > 100) {
            throw new IllegalStateException("a review transaction of " + writes.size() + " items exceeds 100");
        }
        try {
            Transactions.write(client, tx -> writes.forEach(w -> w.accept(tx)));
        } catch (Transactions.ConditionFailed failed) {
            for (Transactions.Failure f : failed.failures()) {
                if (f.index() == idempotencyIndex && f.existing() != null) {
                    throw new Replayed(idempotencyKey.replayedResourceId(f.existing()),
                            IdempotencyKey.firstResultJson(f.existing()));
                }
            }
            for (Transactions.Failure f : failed.failures()) {
                Supplier<? extends RuntimeException> failure = onFailure.get(f.index());
                if (failure != null) {
                    throw failure.get();
                }
            }
            throw new IllegalStateException("review transaction condition failed: " + failed.getMessage());
        }
    }
}
