package org.groupeval.store;

import jakarta.inject.Singleton;
import org.groupeval.domain.Grade;
import org.groupeval.domain.ranking.GroupResult;
import org.groupeval.domain.ranking.RankingRun;
import org.groupeval.domain.ranking.RunStatus;
import org.groupeval.domain.ranking.ScheduledRun;
import org.groupeval.web.Json;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * ResultsTable (docs/data-model.md):
 * <pre>
 * run        pk CYCLE#{year}        sk RUN#{revision:06d}
 * pointers   pk CYCLE#{year}        sk RUN#LATEST | RUN#PUBLISHED     version = the revision pointed at
 * result     pk GROUP#{groupId}     sk RESULT#{year}#{revision:06d}
 *            gsi1 RESULTS#{year}#{rev:06d}                     / {rank:07d}#{groupId}
 *            gsi2 RESULTS#{year}#{rev:06d}#DISTRICT#{district} / same
 *            gsi3 RESULTS#{year}#{rev:06d}#GRADE#{grade}       / same
 *            gsi4 RESULTS#{year}#{rev:06d}#AWARDED             / same (awarded only)
 * bonus      pk GROUP#{groupId}     sk SENIOR_POST_BONUS               data {year, revision}
 * scheduled  pk CYCLE#{year}        sk SCHEDULED#{rankingAt}           data ScheduledRun (the schedule's marker)
 * </pre>
 */
@Singleton
public class DynamoDbResultStore implements ResultStore {

    static final String LATEST = "RUN#LATEST";
    static final String PUBLISHED = "RUN#PUBLISHED";
    static final String BONUS = "SENIOR_POST_BONUS";
    private static final int BATCH = 25;
    private static final int MAX_ATTEMPTS = 12;
    /** Concurrent BatchWriteItem calls of one run. */
    private static final int WRITERS = 8;

    private final DynamoDbEnhancedClient client;
    private final DynamoDbClient lowLevel;
    private final DynamoDbTable<StoredItem> table;
    private final String tableName;

    public DynamoDbResultStore(DynamoDbEnhancedClient client, DynamoDbClient lowLevel, Tables tables) {
        this.client = client;
        this.lowLevel = lowLevel;
        this.tableName = tables.results();
        this.table = client.table(tableName, StoredItem.SCHEMA);
    }

    static String cyclePk(int year) {
        return "CYCLE#" + year;
    }

    static String runSk(int revision) {
        return String.format("RUN#%06d", revision);
    }

    static String revisionKey(int year, int revision) {
        return String.format("RESULTS#%d#%06d", year, revision);
    }

    static String resultSk(int year, int revision) {
        return String.format("RESULT#%d#%06d", year, revision);
    }

    // ---- runs and pointers -------------------------------------------------------------------------------------------

    @Override
    public Optional<RankingRun> run(int year, int revision) {
        return Optional.ofNullable(table.getItem(key(cyclePk(year), runSk(revision)))).map(DynamoDbResultStore::toRun);
    }

    @Override
    public Optional<RankingRun> highestRun(int year) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBetween(key(cyclePk(year), runSk(0)), key(cyclePk(year), runSk(999_999))))
                .scanIndexForward(false)
                .limit(1)
                .consistentRead(true)
                .build();
        return table.query(request).iterator().next().items().stream().findFirst().map(DynamoDbResultStore::toRun);
    }

    @Override
    public OptionalInt latestRevision(int year) {
        return pointer(year, LATEST);
    }

    @Override
    public OptionalInt publishedRevision(int year) {
        return pointer(year, PUBLISHED);
    }

    private OptionalInt pointer(int year, String sk) {
        StoredItem item = table.getItem(r -> r.key(key(cyclePk(year), sk)).consistentRead(true));
        return item == null ? OptionalInt.empty() : OptionalInt.of(item.getVersion().intValue());
    }

    @Override
    public boolean claim(RankingRun run) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(StoredItem.class).item(toItem(run))
                    .conditionExpression(Transactions.NOT_EXISTS).build());
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public boolean replace(RankingRun next, long expectedVersion) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(StoredItem.class).item(toItem(next))
                    .conditionExpression(Transactions.versionIs(expectedVersion)).build());
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    @Override
    public boolean complete(RankingRun completed, long expectedVersion) {
        try {
            Transactions.write(client, tx -> {
                tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class).item(toItem(completed))
                        .conditionExpression(Transactions.versionIs(expectedVersion)).build());
                tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                        .item(pointerItem(completed.year(), LATEST, completed.revision()))
                        .conditionExpression(pointerBelow(completed.revision())).build());
            });
            return true;
        } catch (Transactions.ConditionFailed failed) {
            if (failed.failedAt(0)) {
                return false;
            }
            // a higher revision is already latest: this one is complete, but the pointer stays
            return replace(completed, expectedVersion);
        }
    }

    @Override
    public void pointLatestAtLeast(int year, int revision) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(StoredItem.class).item(pointerItem(year, LATEST, revision))
                    .conditionExpression(pointerBelow(revision)).build());
        } catch (ConditionalCheckFailedException alreadyThere) {
            // the pointer is at this revision or a higher one
        }
    }

    @Override
    public void publish(RankingRun published, long expectedVersion, OptionalInt expectedPublished) {
        Expression pointerUnchanged = expectedPublished.isEmpty() ? Transactions.NOT_EXISTS
                : Transactions.versionIs(expectedPublished.getAsInt());
        Transactions.write(client, tx -> {
            tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class).item(toItem(published))
                    .conditionExpression(Transactions.versionIs(expectedVersion)).build());
            tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                    .item(pointerItem(published.year(), PUBLISHED, published.revision()))
                    .conditionExpression(pointerUnchanged).build());
        });
    }

    private static Expression pointerBelow(int revision) {
        return Expression.builder().expression("attribute_not_exists(pk) OR #v < :rev")
                .putExpressionName("#v", "version")
                .putExpressionValue(":rev", AttributeValue.fromN(Integer.toString(revision)))
                .build();
    }

    private static StoredItem pointerItem(int year, String sk, int revision) {
        StoredItem item = StoredItem.of("RunPointer", cyclePk(year), sk);
        item.setVersion((long) revision);
        item.setData(Json.write(Map.of("year", year, "revision", revision)));
        return item;
    }

    static StoredItem toItem(RankingRun run) {
        StoredItem item = StoredItem.of("RankingRun", cyclePk(run.year()), runSk(run.revision()));
        item.setStatus(run.status().name());
        item.setVersion(run.version());
        item.setData(Json.write(run));
        return item;
    }

    static RankingRun toRun(StoredItem item) {
        RankingRun run = Json.read(item.getData(), RankingRun.class);
        return run.version() == item.getVersion() ? run : run.withVersion(item.getVersion());
    }

    // ---- results -----------------------------------------------------------------------------------------------------

    @Override
    public void writeResults(int year, int revision, List<GroupResult> results) {
        // batches go out from a few threads: BatchWriteItem latency, not CPU, bounds a 100,000-group run
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> batches = new ArrayList<>(results.size() / BATCH + 1);
            for (int from = 0; from < results.size(); from += BATCH) {
                List<GroupResult> chunk = results.subList(from, Math.min(results.size(), from + BATCH));
                batches.add(writers.submit(() -> writeBatch(chunk.stream().map(r -> WriteRequest.builder()
                        .putRequest(PutRequest.builder().item(StoredItem.SCHEMA.itemToMap(toItem(revision, r), true))
                                .build()).build()).toList())));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing results", e);
        } finally {
            writers.shutdownNow();
        }
    }

    /** One BatchWriteItem; what DynamoDB leaves unprocessed is sent again with exponential backoff and jitter. */
    private void writeBatch(List<WriteRequest> requests) {
        Map<String, List<WriteRequest>> pending = Map.of(tableName, requests);
        for (int attempt = 1; ; attempt++) {
            Map<String, List<WriteRequest>> sending = pending;
            BatchWriteItemResponse response = lowLevel.batchWriteItem(r -> r.requestItems(sending));
            Map<String, List<WriteRequest>> unprocessed = response.unprocessedItems();
            if (unprocessed == null || unprocessed.isEmpty()) {
                return;
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB left " + unprocessed.get(tableName).size()
                        + " result items unprocessed after " + attempt + " attempts");
            }
            pending = unprocessed;
            Backoff.pause(25, attempt, 5_000);
        }
    }

    static StoredItem toItem(int revision, GroupResult r) {
        StoredItem item = StoredItem.of("Result", DynamoDbGroupStore.groupPk(r.groupId()), resultSk(r.year(), revision));
        String rev = revisionKey(r.year(), revision);
        String order = String.format("%07d#%s", r.rank(), r.groupId());
        item.setGsi1pk(rev);
        item.setGsi1sk(order);
        item.setGsi2pk(rev + "#DISTRICT#" + r.district());
        item.setGsi2sk(order);
        item.setGsi3pk(rev + "#GRADE#" + r.grade().name());
        item.setGsi3sk(order);
        if (r.award()) {
            item.setGsi4pk(rev + "#AWARDED");
            item.setGsi4sk(order);
        }
        item.setDistrict(r.district());
        item.setGroupType(r.groupType());
        item.setGrade(r.grade().name());
        item.setAwarded(r.award());
        item.setVersion((long) revision);
        item.setData(Json.write(r));
        return item;
    }

    static GroupResult toResult(StoredItem item) {
        return Json.read(item.getData(), GroupResult.class);
    }

    @Override
    public Page<GroupResult> results(int year, int revision, ResultFilter filter, int limit, String cursor) {
        Query q = query(year, revision, filter);
        List<GroupResult> items = new ArrayList<>();
        Map<String, AttributeValue> start = PageCursor.decode(cursor);
        while (true) {
            QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                    .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(q.partition).build()))
                    .limit(limit - items.size())
                    .exclusiveStartKey(start);
            if (q.filter != null) {
                request.filterExpression(q.filter);
            }
            var page = table.index(q.index).query(request.build()).iterator().next();
            page.items().forEach(i -> items.add(toResult(i)));
            start = page.lastEvaluatedKey();
            if (start == null || start.isEmpty() || items.size() >= limit) {
                return new Page<>(items, PageCursor.encode(start));
            }
        }
    }

    @Override
    public void forEachResult(int year, int revision, ResultFilter filter, Consumer<GroupResult> sink) {
        Query q = query(year, revision, filter);
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(q.partition).build()))
                .limit(StoredItem.READ_ALL_PAGE);
        if (q.filter != null) {
            request.filterExpression(q.filter);
        }
        for (var page : table.index(q.index).query(request.build())) {
            page.items().forEach(i -> sink.accept(toResult(i)));
        }
    }

    private record Query(String index, String partition, Expression filter) {
    }

    /**
     * The most selective index for the filters (awarded, then grade, then district, else all in rank order); the
     * other filters become a filter expression on that Query. Every index is sorted by rank.
     */
    private static Query query(int year, int revision, ResultFilter f) {
        String rev = revisionKey(year, revision);
        List<String> conditions = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String index;
        String partition;
        if (Boolean.TRUE.equals(f.awarded())) {
            index = StoredItem.GSI4;
            partition = rev + "#AWARDED";
        } else if (f.grade() != null) {
            index = StoredItem.GSI3;
            partition = rev + "#GRADE#" + f.grade().name();
        } else if (f.district() != null) {
            index = StoredItem.GSI2;
            partition = rev + "#DISTRICT#" + f.district();
        } else {
            index = StoredItem.GSI1;
            partition = rev;
        }
        if (f.district() != null && !index.equals(StoredItem.GSI2)) {
            conditions.add("#d = :d");
            names.put("#d", "district");
            values.put(":d", AttributeValue.fromS(f.district()));
        }
        if (f.grade() != null && !index.equals(StoredItem.GSI3)) {
            conditions.add("#g = :g");
            names.put("#g", "grade");
            values.put(":g", AttributeValue.fromS(f.grade().name()));
        }
        if (Boolean.FALSE.equals(f.awarded())) {
            conditions.add("#a = :a");
            names.put("#a", "awarded");
            values.put(":a", AttributeValue.fromBool(false));
        }
        Expression filter = conditions.isEmpty() ? null : Expression.builder()
                .expression(String.join(" AND ", conditions)).expressionNames(names).expressionValues(values).build();
        return new Query(index, partition, filter);
    }

    @Override
    public Optional<GroupResult> result(String groupId, int year, int revision) {
        return Optional.ofNullable(table.getItem(key(DynamoDbGroupStore.groupPk(groupId), resultSk(year, revision))))
                .map(DynamoDbResultStore::toResult);
    }

    @Override
    public List<StoredResult> history(String groupId) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(key(DynamoDbGroupStore.groupPk(groupId), "RESULT#")))
                .build();
        List<StoredResult> out = new ArrayList<>();
        for (var page : table.query(request)) {
            for (StoredItem item : page.items()) {
                out.add(new StoredResult(item.getVersion().intValue(), toResult(item)));
            }
        }
        return out;
    }

    @Override
    public Set<String> groupsGraded(int year, int revision, Grade grade) {
        Set<String> ids = new HashSet<>();
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder()
                        .partitionValue(revisionKey(year, revision) + "#GRADE#" + grade.name()).build()))
                .limit(StoredItem.READ_ALL_PAGE)
                .build();
        for (var page : table.index(StoredItem.GSI3).query(request)) {
            for (StoredItem item : page.items()) {
                String sk = item.getGsi3sk();
                ids.add(sk.substring(sk.indexOf('#') + 1));
            }
        }
        return ids;
    }

    // ---- the schedule's markers --------------------------------------------------------------------------------------

    static String scheduledSk(Instant rankingAt) {
        return "SCHEDULED#" + DynamoDbReviewStore.millis(rankingAt);
    }

    @Override
    public Optional<ScheduledRun> scheduledRun(int year, Instant rankingAt) {
        StoredItem item = table.getItem(r -> r.key(key(cyclePk(year), scheduledSk(rankingAt))).consistentRead(true));
        return Optional.ofNullable(item).map(i -> Json.read(i.getData(), ScheduledRun.class));
    }

    @Override
    public boolean putScheduledRun(ScheduledRun run, Long expectedVersion) {
        StoredItem item = StoredItem.of("ScheduledRun", cyclePk(run.year()), scheduledSk(run.rankingAt()));
        item.setStatus(run.status().name());
        item.setVersion(run.version());
        item.setData(Json.write(run));
        try {
            table.putItem(PutItemEnhancedRequest.builder(StoredItem.class).item(item)
                    .conditionExpression(expectedVersion == null ? Transactions.NOT_EXISTS
                            : Transactions.versionIs(expectedVersion)).build());
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    // ---- senior-post bonus record ------------------------------------------------------------------------------------

    @Override
    public Map<String, Integer> seniorPostBonusYears(Collection<String> groupIds) {
        Map<String, Integer> years = new HashMap<>();
        List<String> ids = new ArrayList<>(new HashSet<>(groupIds));
        List<Key> keys = new ArrayList<>(ids.size());
        ids.forEach(id -> keys.add(key(DynamoDbGroupStore.groupPk(id), BONUS)));
        BatchGets.forEach(client, table, keys, false, item -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = Json.read(item.getData(), Map.class);
            years.put(item.getPk().substring("GROUP#".length()), ((Number) data.get("year")).intValue());
        });
        return years;
    }

    @Override
    public void recordSeniorPostBonus(String groupId, int year, int revision) {
        StoredItem existing = table.getItem(r -> r.key(key(DynamoDbGroupStore.groupPk(groupId), BONUS)).consistentRead(true));
        if (existing != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = Json.read(existing.getData(), Map.class);
            if (((Number) data.get("year")).intValue() < year) {
                return;
            }
        }
        StoredItem item = StoredItem.of("SeniorPostBonus", DynamoDbGroupStore.groupPk(groupId), BONUS);
        item.setData(Json.write(Map.of("year", year, "revision", revision)));
        item.setVersion(1L);
        table.putItem(item);
    }

    @Override
    public void clearSeniorPostBonus(String groupId, int year) {
        StoredItem existing = table.getItem(r -> r.key(key(DynamoDbGroupStore.groupPk(groupId), BONUS)).consistentRead(true));
        if (existing == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = Json.read(existing.getData(), Map.class);
        if (((Number) data.get("year")).intValue() == year) {
            table.deleteItem(key(DynamoDbGroupStore.groupPk(groupId), BONUS));
        }
    }

    private static Key key(String pk, String sk) {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }

    /** The status a run item holds, without reading its data (for conditions and tests). */
    static RunStatus status(StoredItem item) {
        return RunStatus.valueOf(item.getStatus());
    }
}
