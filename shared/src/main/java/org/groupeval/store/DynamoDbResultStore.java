package org.groupeval.store;

import jakarta.inject.Singleton;
import org.groupeval.domain.Grade;
import org.groupeval.domain.ranking.GroupResult;
import org.groupeval.domain.ranking.RankingRun;
import org.groupeval.domain.ranking.RunStatus;
import org.groupeval.domain.ranking.ScheduledRun;
import org.groupeval.json.Json;
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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

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
import java.util.function.Consumer;

/**
 * Ranking runs, their pointers and results, the senior-post bonus record and the schedule's markers in ResultsTable
 * (keys: {@link ResultKeys}).
 */
@Singleton
public class DynamoDbResultStore implements ResultStore {

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

    // ---- runs and pointers -------------------------------------------------------------------------------------------

    @Override
    public Optional<RankingRun> run(int year, int revision) {
        return Optional.ofNullable(table.getItem(r -> r.key(ResultKeys.run(year, revision).key()).consistentRead(true)))
                .map(DynamoDbResultStore::toRun);
    }

    @Override
    public Optional<RankingRun> highestRun(int year) {
        return table.query(runsNewestFirst(year).limit(1).build()).iterator().next().items().stream().findFirst()
                .map(DynamoDbResultStore::toRun);
    }

    @Override
    public List<RankingRun> runs(int year) {
        return table.query(runsNewestFirst(year).build()).items().stream().map(DynamoDbResultStore::toRun).toList();
    }

    /** The run items of a year (not the pointers beside them), highest revision first, consistently read. */
    private static QueryEnhancedRequest.Builder runsNewestFirst(int year) {
        return QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBetween(ResultKeys.run(year, 0).key(),
                        ResultKeys.run(year, ResultKeys.MAX_REVISION).key()))
                .scanIndexForward(false)
                .consistentRead(true);
    }

    @Override
    public OptionalInt latestRevision(int year) {
        return pointer(ResultKeys.latest(year));
    }

    @Override
    public OptionalInt publishedRevision(int year) {
        return pointer(ResultKeys.published(year));
    }

    private OptionalInt pointer(ItemKey pointer) {
        StoredItem item = table.getItem(r -> r.key(pointer.key()).consistentRead(true));
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
                        .item(pointerItem(ResultKeys.latest(completed.year()), completed.year(), completed.revision()))
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
            table.putItem(PutItemEnhancedRequest.builder(StoredItem.class).item(pointerItem(ResultKeys.latest(year), year,
                    revision))
                    .conditionExpression(pointerBelow(revision)).build());
        } catch (ConditionalCheckFailedException alreadyThere) {
            // the pointer is at this revision or a higher one
        }
    }

    @Override
    public boolean publish(RankingRun published, long expectedVersion, OptionalInt expectedPublished) {
        Expression pointerUnchanged = expectedPublished.isEmpty() ? Transactions.NOT_EXISTS
                : Transactions.versionIs(expectedPublished.getAsInt());
        try {
            Transactions.write(client, tx -> {
                tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class).item(toItem(published))
                        .conditionExpression(Transactions.versionIs(expectedVersion)).build());
                tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                        .item(pointerItem(ResultKeys.published(published.year()), published.year(),
                                published.revision()))
                        .conditionExpression(pointerUnchanged).build());
            });
            return true;
        } catch (Transactions.ConditionFailed changed) {
            return false;
        }
    }

    private static Expression pointerBelow(int revision) {
        return Expression.builder().expression("attribute_not_exists(pk) OR #v < :rev")
                .putExpressionName("#v", "version")
                .putExpressionValue(":rev", AttributeValue.fromN(Integer.toString(revision)))
                .build();
    }

    /** A pointer of a year ({@link ResultKeys#latest}, {@link ResultKeys#published}) at a revision. */
    private static StoredItem pointerItem(ItemKey pointer, int year, int revision) {
        StoredItem item = pointer.item("RunPointer");
        item.setVersion((long) revision);
        item.setData(Json.write(Map.of("year", year, "revision", revision)));
        return item;
    }

    static StoredItem toItem(RankingRun run) {
        StoredItem item = ResultKeys.run(run.year(), run.revision()).item("RankingRun");
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
        BatchWrites.putAll(lowLevel, tableName, results, r -> toItem(revision, r));
    }

    static StoredItem toItem(int revision, GroupResult r) {
        StoredItem item = ResultKeys.item(revision, r);
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
        List<String> conditions = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String index;
        String partition;
        if (Boolean.TRUE.equals(f.awarded())) {
            index = StoredItem.GSI4;
            partition = ResultKeys.awarded(year, revision);
        } else if (f.grade() != null) {
            index = StoredItem.GSI3;
            partition = ResultKeys.ofGrade(year, revision, f.grade());
        } else if (f.district() != null) {
            index = StoredItem.GSI2;
            partition = ResultKeys.ofDistrict(year, revision, f.district());
        } else {
            index = StoredItem.GSI1;
            partition = ResultKeys.ranked(year, revision);
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
        return Optional.ofNullable(table.getItem(ResultKeys.result(groupId, year, revision).key()))
                .map(DynamoDbResultStore::toResult);
    }

    @Override
    public List<StoredResult> history(String groupId) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(ResultKeys.history(groupId).key()))
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
                        .partitionValue(ResultKeys.ofGrade(year, revision, grade)).build()))
                .limit(StoredItem.READ_ALL_PAGE)
                .build();
        for (var page : table.index(StoredItem.GSI3).query(request)) {
            for (StoredItem item : page.items()) {
                ids.add(ResultKeys.rankedGroupId(item.getGsi3sk()));
            }
        }
        return ids;
    }

    // ---- the schedule's markers --------------------------------------------------------------------------------------

    @Override
    public Optional<ScheduledRun> scheduledRun(int year, Instant rankingAt) {
        StoredItem item = table.getItem(r -> r.key(ResultKeys.scheduled(year, rankingAt).key()).consistentRead(true));
        return Optional.ofNullable(item).map(i -> Json.read(i.getData(), ScheduledRun.class));
    }

    @Override
    public boolean putScheduledRun(ScheduledRun run, Long expectedVersion) {
        StoredItem item = ResultKeys.scheduled(run.year(), run.rankingAt()).item("ScheduledRun");
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
        ids.forEach(id -> keys.add(ResultKeys.bonus(id).key()));
        BatchGets.forEach(client, table, keys, false, item -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = Json.read(item.getData(), Map.class);
            years.put(ResultKeys.bonusGroupId(item), ((Number) data.get("year")).intValue());
        });
        return years;
    }

    @Override
    public void recordSeniorPostBonus(String groupId, int year, int revision) {
        StoredItem existing = table.getItem(r -> r.key(ResultKeys.bonus(groupId).key()).consistentRead(true));
        if (existing != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = Json.read(existing.getData(), Map.class);
            if (((Number) data.get("year")).intValue() < year) {
                return;
            }
        }
        StoredItem item = ResultKeys.bonus(groupId).item("SeniorPostBonus");
        item.setData(Json.write(Map.of("year", year, "revision", revision)));
        item.setVersion(1L);
        table.putItem(item);
    }

    @Override
    public void clearSeniorPostBonus(String groupId, int year) {
        StoredItem existing = table.getItem(r -> r.key(ResultKeys.bonus(groupId).key()).consistentRead(true));
        if (existing == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = Json.read(existing.getData(), Map.class);
        if (((Number) data.get("year")).intValue() == year) {
            table.deleteItem(ResultKeys.bonus(groupId).key());
        }
    }

    /** The status a run item holds, without reading its data (for conditions and tests). */
    static RunStatus status(StoredItem item) {
        return RunStatus.valueOf(item.getStatus());
    }
}
