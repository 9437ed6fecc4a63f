package org.groupeval.store;

import jakarta.inject.Singleton;
import org.groupeval.domain.review.AuditRecord;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.DeclaredConflict;
import org.groupeval.domain.review.Extension;
import org.groupeval.domain.review.GroupReview;
import org.groupeval.domain.review.Panel;
import org.groupeval.domain.review.Participant;
import org.groupeval.domain.review.ReviewProgress;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.SheetStatus;
import org.groupeval.domain.review.Stage;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The review workflow's items in ReviewTable: keys in {@link ReviewKeys}, one mapper per item kind ({@link
 * CycleMapper}, {@link SheetMapper}, {@link PanelMapper}, {@link ExtensionMapper}, {@link AuditMapper}, {@link
 * ConflictMapper}), the writes of one request in {@link DynamoDbReviewTransaction}. It reports what it finds (a cycle
 * that exists, one that changed); the callers word the refusals.
 */
@Singleton
public class DynamoDbReviewStore implements ReviewStore {

    private final DynamoDbEnhancedClient client;
    private final DynamoDbClient dynamo;
    private final DynamoDbTable<StoredItem> table;

    public DynamoDbReviewStore(DynamoDbEnhancedClient client, DynamoDbClient dynamo, Tables tables) {
        this.client = client;
        this.dynamo = dynamo;
        this.table = client.table(tables.review(), StoredItem.SCHEMA);
    }

    // -- cycles ----------------------------------------------------------------------------------------------------

    @Override
    public Optional<Cycle> cycle(int year) {
        StoredItem item = table.getItem(r -> r.key(ReviewKeys.key(ReviewKeys.cycle(year), ReviewKeys.cycleItem()))
                .consistentRead(true));
        return Optional.ofNullable(item).map(CycleMapper::fromItem);
    }

    @Override
    public List<Cycle> cycles() {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(ReviewKeys.partition(ReviewKeys.cycles())))
                .scanIndexForward(false).limit(StoredItem.READ_ALL_PAGE).build();
        List<Cycle> cycles = new ArrayList<>();
        for (var page : table.index(StoredItem.GSI3).query(request)) {
            page.items().forEach(item -> cycles.add(CycleMapper.fromItem(item)));
        }
        return cycles;
    }

    @Override
    public CreatedCycle createCycle(Cycle cycle, IdempotencyKey key) {
        try {
            Transactions.write(client, tx -> {
                tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                        .item(CycleMapper.toItem(cycle)).conditionExpression(Transactions.NOT_EXISTS).build());
                if (key != null) {
                    tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                            .item(key.toItem(String.valueOf(cycle.year()), cycle, cycle.createdAt()))
                            .conditionExpression(Transactions.NOT_EXISTS)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
                }
            });
            return new CreatedCycle(cycle, false);
        } catch (Transactions.ConditionFailed failed) {
            for (Transactions.Failure f : failed.failures()) {
                if (key != null && f.index() == 1 && f.existing() != null) {
                    int year = Integer.parseInt(key.replayedResourceId(f.existing()));
                    return new CreatedCycle(key.firstResult(f.existing(), Cycle.class)
                            .orElseGet(() -> cycle(year).orElseThrow()), true);
                }
            }
            throw new CycleExists(cycle.year());
        }
    }

    @Override
    public Cycle updateCycle(Cycle next, long expectedVersion) {
        Cycle saved = next.withVersion(expectedVersion + 1);
        Expression condition = Expression.builder().expression("#v = :v AND #s = :s")
                .putExpressionName("#v", StoredItem.VERSION).putExpressionName("#s", StoredItem.STATUS)
                .putExpressionValue(":v", AttributeValue.fromN(Long.toString(expectedVersion)))
                .putExpressionValue(":s", AttributeValue.fromS(CycleMapper.status(next.frameworkLocked())))
                .build();
        try {
            Transactions.write(client, tx -> tx.addPutItem(table, TransactPutItemEnhancedRequest
                    .builder(StoredItem.class).item(CycleMapper.toItem(saved)).conditionExpression(condition)
                    .build()));
            return saved;
        } catch (Transactions.ConditionFailed failed) {
            throw new CycleChanged(cycle(next.year()).orElseThrow());
        }
    }

    // -- one group in one cycle ------------------------------------------------------------------------------------

    @Override
    public GroupReview groupReview(int year, String groupId, String district) {
        Map<Stage, ReviewSheet> sheets = new EnumMap<>(Stage.class);
        Map<String, ReviewSheet> expertSheets = new LinkedHashMap<>();
        Map<Stage, Extension> extensions = new EnumMap<>(Stage.class);
        Panel panel = Panel.empty(groupId, year, district);
        Participant participant = null;
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(ReviewKeys.partition(
                        ReviewKeys.groupCycle(year, groupId))))
                .consistentRead(true).build();
        for (var page : table.query(request)) {
            for (StoredItem item : page.items()) {
                ReviewKeys.GroupItem kind = ReviewKeys.groupItem(item.getSk());
                if (kind == ReviewKeys.GroupItem.EXPERT_SHEET) {
                    ReviewSheet sheet = SheetMapper.fromItem(item);
                    expertSheets.put(sheet.expertSub(), sheet);
                } else if (kind == ReviewKeys.GroupItem.STAGE_SHEET) {
                    ReviewSheet sheet = SheetMapper.fromItem(item);
                    sheets.put(sheet.stage(), sheet);
                } else if (kind == ReviewKeys.GroupItem.PANEL) {
                    panel = PanelMapper.fromItem(item);
                } else if (kind == ReviewKeys.GroupItem.PARTICIPANT) {
                    participant = ParticipantMapper.fromItem(item);
                } else if (kind == ReviewKeys.GroupItem.EXTENSION) {
                    Extension extension = ExtensionMapper.fromItem(item);
                    extensions.put(extension.stage(), extension);
                }
            }
        }
        return new GroupReview(sheets, expertSheets, panel, extensions, participant);
    }

    // -- participants ----------------------------------------------------------------------------------------------

    @Override
    public Page<Participant> participants(int year, String district, int limit, String cursor) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder().queryConditional(gsi1(
                        ReviewKeys.participants(year), district))
                .limit(limit).exclusiveStartKey(PageCursor.decode(cursor)).build();
        var page = table.index(StoredItem.GSI1).query(request).iterator().next();
        return new Page<>(page.items().stream().map(ParticipantMapper::fromItem).toList(),
                PageCursor.encode(page.lastEvaluatedKey()));
    }

    @Override
    public Map<String, Map<Stage, ReviewSheet>> stageSheetsOf(int year, List<String> groupIds) {
        List<Key> keys = new ArrayList<>(groupIds.size() * Stage.values().length);
        for (String groupId : groupIds) {
            for (Stage stage : Stage.values()) {
                keys.add(ReviewKeys.key(ReviewKeys.groupCycle(year, groupId), ReviewKeys.stageSheet(stage)));
            }
        }
        Map<String, Map<Stage, ReviewSheet>> sheets = new HashMap<>();
        BatchGets.forEach(client, table, keys, false, item -> {
            ReviewSheet sheet = SheetMapper.fromItem(item);
            sheets.computeIfAbsent(sheet.groupId(), g -> new EnumMap<>(Stage.class)).put(sheet.stage(), sheet);
        });
        return sheets;
    }

    @Override
    public List<Participant> allParticipants(int year, String district) {
        List<Participant> participants = new ArrayList<>();
        forEachInGsi1(ReviewKeys.participants(year), district, i -> participants.add(ParticipantMapper.fromItem(i)));
        return participants;
    }

    @Override
    public int enrolAll(int year, List<Participant> candidates) {
        Set<String> present = new HashSet<>();
        forEachInGsi1(ReviewKeys.participants(year), null, i -> present.add(ParticipantMapper.fromItem(i).groupId()));
        List<Participant> missing = candidates.stream().filter(p -> !present.contains(p.groupId())).toList();
        BatchWrites.putAll(dynamo, table.tableName(), missing, ParticipantMapper::toItem);
        return missing.size();
    }

    // -- audit -----------------------------------------------------------------------------------------------------

    @Override
    public Page<AuditRecord> audit(int year, String groupId, int limit, String cursor) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(ReviewKeys.partition(ReviewKeys.audit(year, groupId))))
                .scanIndexForward(true).limit(limit).exclusiveStartKey(PageCursor.decode(cursor)).build();
        var page = table.query(request).iterator().next();
        List<AuditRecord> records = page.items().stream().map(AuditMapper::fromItem).toList();
        return new Page<>(records, PageCursor.encode(page.lastEvaluatedKey()));
    }

    // -- experts: conflicts and seats ------------------------------------------------------------------------------

    @Override
    public List<DeclaredConflict> conflicts(String expertSub) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(ReviewKeys.key(ReviewKeys.expert(expertSub),
                        ReviewKeys.conflictsPrefix())))
                .consistentRead(true).build();
        List<DeclaredConflict> conflicts = new ArrayList<>();
        for (var page : table.query(request)) {
            page.items().forEach(i -> conflicts.add(ConflictMapper.fromItem(i)));
        }
        return conflicts;
    }

    @Override
    public List<Assignment> assignments(String expertSub, Integer year) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(ReviewKeys.key(ReviewKeys.expert(expertSub),
                        ReviewKeys.seatsPrefix(year))))
                .limit(StoredItem.READ_ALL_PAGE).build();
        List<StoredItem> seats = new ArrayList<>();
        table.index(StoredItem.GSI2).query(request).forEach(page -> seats.addAll(page.items()));
        // a seat lives in its group-cycle partition, as does the expert's sheet of that group
        List<Key> keys = new ArrayList<>(seats.size());
        seats.forEach(seat -> keys.add(ReviewKeys.key(seat.getPk(), ReviewKeys.expertSheet(expertSub))));
        Map<String, ReviewSheet> sheets = new HashMap<>();
        BatchGets.forEach(client, table, keys, true, item -> sheets.put(item.getPk(), SheetMapper.fromItem(item)));
        List<Assignment> assignments = new ArrayList<>(seats.size());
        for (StoredItem item : seats) {
            PanelMapper.Seat seat = PanelMapper.seatFromItem(item);
            assignments.add(new Assignment(seat.year(), seat.groupId(), item.getDistrict(), seat.expert(),
                    sheets.get(item.getPk())));
        }
        return assignments;
    }

    @Override
    public void declareConflict(DeclaredConflict conflict) {
        table.putItem(ConflictMapper.toItem(conflict));
    }

    // -- progress --------------------------------------------------------------------------------------------------

    @Override
    public List<ReviewProgress.SheetState> stageSheets(int year, Stage stage, String district) {
        List<ReviewProgress.SheetState> states = new ArrayList<>();
        forEachInGsi1(ReviewKeys.stageSheets(year, stage), district, item -> {
            ReviewSheet sheet = SheetMapper.fromItem(item);
            states.add(new ReviewProgress.SheetState(sheet.groupId(), sheet.district(), sheet.status(),
                    Boolean.TRUE.equals(sheet.recommend()), null));
        });
        return states;
    }

    @Override
    public List<ReviewProgress.SheetState> expertSheets(int year, String district) {
        List<ReviewProgress.SheetState> states = new ArrayList<>();
        forEachInGsi1(ReviewKeys.expertSheets(year), district, item -> states.add(new ReviewProgress.SheetState(
                ReviewKeys.groupOfExpertSheet(item.getGsi1sk()), item.getDistrict(),
                SheetStatus.valueOf(item.getStatus()), false, ReviewKeys.expertOfExpertSheet(item.getGsi1sk()))));
        return states;
    }

    @Override
    public List<Panel> panels(int year, String district) {
        List<Panel> panels = new ArrayList<>();
        forEachInGsi1(ReviewKeys.panels(year), district, item -> panels.add(PanelMapper.fromItem(item)));
        return panels;
    }

    @Override
    public List<Extension> extensions(int year) {
        return extensions(table, year);
    }

    /** Every extension of a cycle (GSI3), for this store and the ranking's. */
    static List<Extension> extensions(DynamoDbTable<StoredItem> table, int year) {
        List<Extension> extensions = new ArrayList<>();
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(ReviewKeys.partition(ReviewKeys.extensions(year))))
                .build();
        for (var page : table.index(StoredItem.GSI3).query(request)) {
            page.items().forEach(i -> extensions.add(ExtensionMapper.fromItem(i)));
        }
        return extensions;
    }

    private static QueryConditional gsi1(String partition, String district) {
        return district == null
                ? QueryConditional.keyEqualTo(ReviewKeys.partition(partition))
                : QueryConditional.sortBeginsWith(ReviewKeys.key(partition, ReviewKeys.districtPrefix(district)));
    }

    private void forEachInGsi1(String partition, String district, Consumer<StoredItem> sink) {
        forEachInGsi1(table, partition, district, sink);
    }

    /** Every item of one GSI1 partition, or of one district in it, in index order: for this store and the ranking's. */
    static void forEachInGsi1(DynamoDbTable<StoredItem> table, String partition, String district,
                              Consumer<StoredItem> sink) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder().queryConditional(gsi1(partition, district))
                .limit(StoredItem.READ_ALL_PAGE).build();
        for (var page : table.index(StoredItem.GSI1).query(request)) {
            page.items().forEach(sink);
        }
    }

    // -- transactions ----------------------------------------------------------------------------------------------

    @Override
    public ReviewTransaction transaction() {
        return new DynamoDbReviewTransaction(client, table);
    }
}
