package org.groupeval.store;

import jakarta.inject.Singleton;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.evidence.Evidence;
import org.groupeval.domain.evidence.EvidenceLimits;
import org.groupeval.domain.evidence.EvidenceRules;
import org.groupeval.domain.evidence.EvidenceStatus;
import org.groupeval.domain.evidence.StatementOfWork;
import org.groupeval.domain.evidence.StatementRules;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.Stage;
import org.groupeval.web.Json;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EvidenceTable (docs/data-model.md):
 * <pre>
 * evidence   pk CYCLE#{year}#GROUP#{groupId}  sk EVIDENCE#{evidenceId}
 *            gsi1 CYCLE#{year}#GROUP#{groupId}#INDICATOR#{indicatorId} / EVIDENCE#{evidenceId}     status
 * counter    pk CYCLE#{year}#GROUP#{groupId}  sk EVIDENCE_COUNT   count: files not withdrawn
 * statement  pk CYCLE#{year}#GROUP#{groupId}  sk STATEMENT        data = StatementOfWork
 * idem.      pk IDEMPOTENCY#{sub}#{key}       sk IDEMPOTENCY      ttl
 * </pre>
 * Every change is one transaction that decides it by its conditions, with nothing read first: a declaration adds 1
 * to the counter on condition that it is below the limit, a withdrawal takes 1 off, so concurrent declarations can
 * never take a group past its limit and none has to retry against the others. Withdrawals and statement changes
 * also check, in the same transaction, that the group's self-assessment sheet (ReviewTable) is not submitted: a
 * change either commits before the submission or is refused, however the requests interleave.
 */
@Singleton
public class DynamoDbEvidenceStore implements EvidenceStore {

    static final String COUNTER_SK = "EVIDENCE_COUNT";
    static final String STATEMENT_SK = "STATEMENT";
    static final String EVIDENCE_PREFIX = "EVIDENCE#";
    static final String COUNT = "count";

    private final DynamoDbEnhancedClient client;
    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final DynamoDbTable<StoredItem> table;

    public DynamoDbEvidenceStore(DynamoDbEnhancedClient client, DynamoDbClient dynamo, Tables tables) {
        this.client = client;
        this.dynamo = dynamo;
        this.tables = tables;
        this.table = client.table(tables.evidence(), StoredItem.SCHEMA);
    }

    public static String partition(int year, String groupId) {
        return "CYCLE#" + year + "#GROUP#" + groupId;
    }

    @Override
    public Declared declare(Evidence evidence, EvidenceLimits limits, IdempotencyKey key) {
        if (key != null) {
            Optional<Evidence> replayed = replay(key, evidence);
            if (replayed.isPresent()) {
                return new Declared(replayed.get(), true);
            }
        }
        String pk = partition(evidence.year(), evidence.groupId());
        List<TransactWriteItem> items = new ArrayList<>(3);
        items.add(Transactions.put(tables.evidence(), toItem(evidence), Transactions.NOT_EXISTS));
        items.add(Transactions.add(tables.evidence(), pk, COUNTER_SK, "EvidenceCounter", COUNT, 1,
                Expression.builder().expression("attribute_not_exists(#count) OR #count < :limit")
                        .putExpressionName("#count", COUNT)
                        .putExpressionValue(":limit", AttributeValue.fromN(Long.toString(
                                limits.maxFilesPerGroupAndCycle()))).build()));
        if (key != null) {
            items.add(Transactions.put(tables.evidence(), key.toItem(evidence.evidenceId(), evidence.declaredAt()),
                    Transactions.NOT_EXISTS));
        }
        try {
            Transactions.write(dynamo, items);
            return new Declared(evidence, false);
        } catch (Transactions.ConditionFailed failed) {
            if (key != null && failed.failedAt(2)) {
                Optional<Evidence> replayed = replay(key, evidence);
                if (replayed.isPresent()) {
                    return new Declared(replayed.get(), true);
                }
            }
            if (failed.failedAt(1)) {
                throw limits.tooManyFiles(evidence.groupId(), evidence.year());
            }
            throw new IllegalStateException("evidence id " + evidence.evidenceId() + " already taken");
        }
    }

    private Optional<Evidence> replay(IdempotencyKey key, Evidence evidence) {
        return get(key.pk(), "IDEMPOTENCY").map(item -> {
            String firstId = key.replayedResourceId(item);
            return find(evidence.year(), evidence.groupId(), firstId).orElseThrow(() -> new IllegalStateException(
                    "idempotency record names a missing evidence " + firstId));
        });
    }

    @Override
    public Optional<Evidence> find(int year, String groupId, String evidenceId) {
        return get(partition(year, groupId), EVIDENCE_PREFIX + evidenceId).map(DynamoDbEvidenceStore::fromItem);
    }

    @Override
    public Map<String, Evidence> findAll(int year, String groupId, Collection<String> evidenceIds) {
        List<Key> keys = evidenceIds.stream().distinct().map(id -> Key.builder()
                .partitionValue(partition(year, groupId)).sortValue(EVIDENCE_PREFIX + id).build()).toList();
        Map<String, Evidence> found = new LinkedHashMap<>();
        BatchGets.forEach(client, table, keys, true, item -> {
            Evidence e = fromItem(item);
            found.put(e.evidenceId(), e);
        });
        return found;
    }

    @Override
    public org.groupeval.store.Page<Evidence> list(int year, String groupId, String indicatorId,
                                                   boolean includeWithdrawn, int limit, String cursor) {
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .limit(limit)
                .exclusiveStartKey(PageCursor.decode(cursor));
        if (!includeWithdrawn) {
            request.filterExpression(Expression.builder().expression("#s <> :w")
                    .putExpressionName("#s", "status")
                    .putExpressionValue(":w", AttributeValue.fromS(EvidenceStatus.WITHDRAWN.name())).build());
        }
        Page<StoredItem> page;
        if (indicatorId == null) {
            request.queryConditional(QueryConditional.sortBeginsWith(Key.builder()
                    .partitionValue(partition(year, groupId)).sortValue(EVIDENCE_PREFIX).build()));
            page = table.query(request.build()).iterator().next();
        } else {
            request.queryConditional(QueryConditional.keyEqualTo(Key.builder()
                    .partitionValue(indicatorPartition(year, groupId, indicatorId)).build()));
            page = table.index(StoredItem.GSI1).query(request.build()).iterator().next();
        }
        return new org.groupeval.store.Page<>(page.items().stream().map(DynamoDbEvidenceStore::fromItem).toList(),
                PageCursor.encode(page.lastEvaluatedKey()));
    }

    @Override
    public Optional<Evidence> replace(Evidence next, long expectedVersion) {
        Evidence stored = next.withVersion(expectedVersion + 1);
        try {
            table.putItem(PutItemEnhancedRequest.builder(StoredItem.class).item(toItem(stored))
                    .conditionExpression(Transactions.versionIs(expectedVersion)).build());
            return Optional.of(stored);
        } catch (ConditionalCheckFailedException changed) {
            return Optional.empty();
        }
    }

    @Override
    public Evidence withdraw(Evidence withdrawn, long expectedVersion) {
        String pk = partition(withdrawn.year(), withdrawn.groupId());
        Evidence stored = withdrawn.withVersion(expectedVersion + 1);
        try {
            Transactions.write(dynamo, List.of(
                    Transactions.put(tables.evidence(), toItem(stored), Transactions.versionIs(expectedVersion)),
                    Transactions.add(tables.evidence(), pk, COUNTER_SK, "EvidenceCounter", COUNT, -1,
                            Expression.builder().expression("#count > :zero").putExpressionName("#count", COUNT)
                                    .putExpressionValue(":zero", AttributeValue.fromN("0")).build()),
                    selfAssessmentNotSubmitted(withdrawn.year(), withdrawn.groupId())));
            return stored;
        } catch (Transactions.ConditionFailed failed) {
            Optional<Evidence> now = failed.at(0).map(Transactions.Failure::existing)
                    .map(DynamoDbEvidenceStore::fromItem);
            if (now.isPresent() && now.get().status() == EvidenceStatus.WITHDRAWN) {
                return now.get(); // withdrawn meanwhile by another request: the outcome asked for
            }
            if (failed.failedAt(2)) {
                throw EvidenceRules.withdrawalLocked(withdrawn);
            }
            if (failed.failedAt(0)) {
                throw DomainException.preconditionFailed("Evidence " + withdrawn.evidenceId()
                        + " changed while it was being withdrawn; read it again and retry.");
            }
            throw new IllegalStateException("the evidence counter of " + pk + " counts no file to withdraw");
        }
    }

    @Override
    public Optional<StatementOfWork> statement(int year, String groupId) {
        return get(partition(year, groupId), STATEMENT_SK)
                .map(item -> Json.read(item.getData(), StatementOfWork.class).withVersion(item.getVersion()));
    }

    @Override
    public StatementOfWork saveStatement(StatementOfWork statement, Long expectedVersion) {
        StatementOfWork stored = statement.withVersion(expectedVersion == null ? 1 : expectedVersion + 1);
        StoredItem item = StoredItem.of("Statement", partition(statement.year(), statement.groupId()), STATEMENT_SK);
        item.setVersion(stored.version());
        item.setData(Json.write(stored));
        try {
            Transactions.write(dynamo, List.of(
                    Transactions.put(tables.evidence(), item, expectedVersion == null ? Transactions.NOT_EXISTS
                            : Transactions.versionIs(expectedVersion)),
                    selfAssessmentNotSubmitted(statement.year(), statement.groupId())));
            return stored;
        } catch (Transactions.ConditionFailed failed) {
            if (failed.failedAt(1)) {
                throw StatementRules.lockedBySubmission(statement.groupId(), statement.year());
            }
            long current = failed.at(0).map(Transactions.Failure::existing).map(StoredItem::getVersion).orElse(0L);
            throw DomainException.preconditionFailed("The statement of work of group " + statement.groupId()
                            + " has changed since you read it (now version " + current + "); read it again and "
                            + "reapply your change.")
                    .with("currentETag", "\"" + current + "\"");
        }
    }

    /**
     * The check that keeps evidence and statement as they were submitted: the group's self-assessment sheet
     * (ReviewTable) is missing or not {@code SUBMITTED} at the moment of the write. A submission racing the change
     * writes that same item, so DynamoDB orders the two: the change is part of the submission or refused.
     */
    private TransactWriteItem selfAssessmentNotSubmitted(int year, String groupId) {
        return Transactions.check(tables.review(), DynamoDbReviewFacts.groupCyclePk(year, groupId),
                "SHEET#" + Stage.SELF.code(), Expression.builder()
                        .expression("attribute_not_exists(pk) OR #status <> :submitted")
                        .putExpressionName("#status", "status")
                        .putExpressionValue(":submitted", AttributeValue.fromS(ReviewSheet.SUBMITTED)).build());
    }

    static String indicatorPartition(int year, String groupId, String indicatorId) {
        return partition(year, groupId) + "#INDICATOR#" + indicatorId;
    }

    private Optional<StoredItem> get(String pk, String sk) {
        return Optional.ofNullable(table.getItem(GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(pk).sortValue(sk).build()).consistentRead(true).build()));
    }

    static StoredItem toItem(Evidence e) {
        StoredItem item = StoredItem.of("Evidence", partition(e.year(), e.groupId()), EVIDENCE_PREFIX + e.evidenceId());
        item.setGsi1pk(indicatorPartition(e.year(), e.groupId(), e.indicatorId()));
        item.setGsi1sk(EVIDENCE_PREFIX + e.evidenceId());
        item.setStatus(e.status().name());
        item.setVersion(e.version());
        item.setData(Json.write(e));
        return item;
    }

    static Evidence fromItem(StoredItem item) {
        return Json.read(item.getData(), Evidence.class).withVersion(item.getVersion());
    }
}
