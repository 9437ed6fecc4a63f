package org.groupeval.store;

import jakarta.inject.Singleton;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.review.AuditRecord;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.DeclaredConflict;
import org.groupeval.domain.review.Extension;
import org.groupeval.domain.review.Panel;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.Stage;
import org.groupeval.web.Json;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * ReviewTable (docs/data-model.md):
 * <pre>
 * cycle         pk CYCLE#{year}                   sk CYCLE                     gsi3 CYCLES / {year}; status CONFIGURING|RUNNING (framework lock)
 * stage sheet   pk CYCLE#{year}#GROUP#{groupId}   sk SHEET#{stage}             gsi1 CYCLE#{year}#STAGE#{stage} / DISTRICT#{d}#GROUP#{g}
 * expert sheet  pk CYCLE#{year}#GROUP#{groupId}   sk SHEET#city#EXPERT#{sub}   gsi1 CYCLE#{year}#EXPERT-SHEETS / DISTRICT#{d}#GROUP#{g}#EXPERT#{sub}
 * panel         pk CYCLE#{year}#GROUP#{groupId}   sk PANEL                     gsi1 CYCLE#{year}#PANELS / DISTRICT#{d}#GROUP#{g}
 * panel seat    pk CYCLE#{year}#GROUP#{groupId}   sk PANEL#EXPERT#{sub}        gsi2 EXPERT#{sub} / CYCLE#{year}#GROUP#{g}
 * extension     pk CYCLE#{year}#GROUP#{groupId}   sk EXTENSION#{stage}         gsi3 CYCLE#{year}#EXTENSIONS / {stage}#{groupId}
 * audit record  pk CYCLE#{year}#GROUP#{groupId}#AUDIT  sk {instant}#{changeId}-{seq}
 * conflict      pk EXPERT#{sub}                   sk CONFLICT#{schoolCode | GROUP#groupId}
 * idempotency   pk IDEMPOTENCY#{sub}#{key}        sk IDEMPOTENCY
 * </pre>
 */
@Singleton
public class DynamoDbReviewStore implements ReviewStore {

    static final String CONFIGURING = "CONFIGURING";
    static final String RUNNING = "RUNNING";

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<StoredItem> table;

    public DynamoDbReviewStore(DynamoDbEnhancedClient client, Tables tables) {
        this.client = client;
        this.table = client.table(tables.review(), StoredItem.SCHEMA);
    }

    // -- keys ------------------------------------------------------------------------------------------------------

    static String cyclePk(int year) {
        return "CYCLE#" + year;
    }

    static String groupCyclePk(int year, String groupId) {
        return "CYCLE#" + year + "#GROUP#" + groupId;
    }

    static String auditPk(int year, String groupId) {
        return groupCyclePk(year, groupId) + "#AUDIT";
    }

    static String sheetSk(ReviewSheet sheet) {
        return sheet.expertSub() == null ? "SHEET#" + sheet.stage() : "SHEET#city#EXPERT#" + sheet.expertSub();
    }

    // -- cycles ----------------------------------------------------------------------------------------------------

    @Override
    public Optional<Cycle> cycle(int year) {
        StoredItem item = table.getItem(r -> r.key(key(cyclePk(year), "CYCLE")).consistentRead(true));
        return Optional.ofNullable(item).map(DynamoDbReviewStore::toCycle);
    }

    @Override
    public List<Cycle> cycles() {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue("CYCLES").build()))
                .scanIndexForward(false).limit(StoredItem.READ_ALL_PAGE).build();
        List<Cycle> cycles = new ArrayList<>();
        for (var page : table.index(StoredItem.GSI3).query(request)) {
            page.items().forEach(item -> cycles.add(toCycle(item)));
        }
        return cycles;
    }

    @Override
    public CreatedCycle createCycle(Cycle cycle, IdempotencyKey key) {
        try {
            Transactions.write(client, tx -> {
                tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class).item(cycleItem(cycle))
                        .conditionExpression(Transactions.NOT_EXISTS).build());
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
            throw DomainException.conflict("cycle-exists", "The cycle exists", "Cycle " + cycle.year()
                    + " already exists; change it with PATCH /cycles/" + cycle.year() + ".").with("year", cycle.year());
        }
    }

    @Override
    public Cycle updateCycle(Cycle next, long expectedVersion) {
        Cycle saved = next.withVersion(expectedVersion + 1);
        Expression condition = Expression.builder().expression("#v = :v AND #s = :s")
                .putExpressionName("#v", "version").putExpressionName("#s", "status")
                .putExpressionValue(":v", AttributeValue.fromN(Long.toString(expectedVersion)))
                .putExpressionValue(":s", AttributeValue.fromS(next.frameworkLocked() ? RUNNING : CONFIGURING))
                .build();
        try {
            Transactions.write(client, tx -> tx.addPutItem(table, TransactPutItemEnhancedRequest
                    .builder(StoredItem.class).item(cycleItem(saved)).conditionExpression(condition).build()));
            return saved;
        } catch (Transactions.ConditionFailed failed) {
            Cycle current = cycle(next.year()).orElseThrow();
            throw DomainException.preconditionFailed("Cycle " + next.year() + " has changed since you read it (now "
                    + "version " + current.version() + (current.frameworkLocked() ? ", framework fixed" : "")
                    + "); read it again and reapply your change.")
                    .with("currentETag", "\"" + current.version() + "\"");
        }
    }

    static StoredItem cycleItem(Cycle cycle) {
        StoredItem item = StoredItem.of("Cycle", cyclePk(cycle.year()), "CYCLE");
        item.setGsi3pk("CYCLES");
        item.setGsi3sk(String.valueOf(cycle.year()));
        item.setStatus(cycle.frameworkLocked() ? RUNNING : CONFIGURING);
        item.setVersion(cycle.version());
        item.setData(Json.write(cycle));
        return item;
    }

    static Cycle toCycle(StoredItem item) {
        return Json.read(item.getData(), Cycle.class).withVersion(item.getVersion())
                .withFrameworkLocked(RUNNING.equals(item.getStatus()));
    }

    // -- one group in one cycle ------------------------------------------------------------------------------------

    @Override
    public GroupCycle groupCycle(int year, String groupId, String district) {
        Map<Stage, ReviewSheet> sheets = new EnumMap<>(Stage.class);
        Map<String, ReviewSheet> expertSheets = new LinkedHashMap<>();
        Map<Stage, Extension> extensions = new EnumMap<>(Stage.class);
        Panel panel = Panel.empty(groupId, year, district);
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder()
                        .partitionValue(groupCyclePk(year, groupId)).build()))
                .consistentRead(true).build();
        for (var page : table.query(request)) {
            for (StoredItem item : page.items()) {
                String sk = item.getSk();
                if (sk.startsWith("SHEET#city#EXPERT#")) {
                    ReviewSheet sheet = toSheet(item);
                    expertSheets.put(sheet.expertSub(), sheet);
                } else if (sk.startsWith("SHEET#")) {
                    ReviewSheet sheet = toSheet(item);
                    Stage.parse(sheet.stage()).ifPresent(s -> sheets.put(s, sheet));
                } else if (sk.equals("PANEL")) {
                    panel = Json.read(item.getData(), Panel.class);
                    panel = new Panel(panel.groupId(), panel.year(), panel.district(), panel.experts(),
                            panel.updatedAt(), panel.updatedBy(), item.getVersion());
                } else if (sk.startsWith("EXTENSION#")) {
                    Extension extension = Json.read(item.getData(), Extension.class);
                    Stage.parse(extension.stage()).ifPresent(s -> extensions.put(s, extension));
                }
            }
        }
        return new GroupCycle(sheets, expertSheets, panel, extensions);
    }

    @SuppressWarnings("unchecked")
    static ReviewSheet toSheet(StoredItem item) {
        return ReviewSheet.fromData(Json.read(item.getData(), Map.class), item.getVersion());
    }

    static StoredItem sheetItem(ReviewSheet sheet) {
        StoredItem item = StoredItem.of(sheet.expertSub() == null ? "StageSheet" : "ExpertSheet",
                groupCyclePk(sheet.year(), sheet.groupId()), sheetSk(sheet));
        if (sheet.expertSub() == null) {
            item.setGsi1pk("CYCLE#" + sheet.year() + "#STAGE#" + sheet.stage());
            item.setGsi1sk("DISTRICT#" + sheet.district() + "#GROUP#" + sheet.groupId());
        } else {
            item.setGsi1pk("CYCLE#" + sheet.year() + "#EXPERT-SHEETS");
            item.setGsi1sk("DISTRICT#" + sheet.district() + "#GROUP#" + sheet.groupId() + "#EXPERT#"
                    + sheet.expertSub());
        }
        item.setStatus(sheet.status());
        item.setDistrict(sheet.district());
        item.setGrade(sheet.grade());
        item.setVersion(sheet.version());
        item.setData(Json.write(sheet.toData()));
        return item;
    }

    static StoredItem panelItem(Panel panel) {
        StoredItem item = StoredItem.of("Panel", groupCyclePk(panel.year(), panel.groupId()), "PANEL");
        item.setGsi1pk("CYCLE#" + panel.year() + "#PANELS");
        item.setGsi1sk("DISTRICT#" + panel.district() + "#GROUP#" + panel.groupId());
        item.setDistrict(panel.district());
        item.setVersion(panel.version());
        item.setData(Json.write(panel));
        return item;
    }

    static StoredItem seatItem(Panel panel, Panel.Expert expert) {
        StoredItem item = StoredItem.of("PanelSeat", groupCyclePk(panel.year(), panel.groupId()),
                "PANEL#EXPERT#" + expert.subject());
        item.setGsi2pk("EXPERT#" + expert.subject());
        item.setGsi2sk("CYCLE#" + panel.year() + "#GROUP#" + panel.groupId());
        item.setDistrict(panel.district());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("groupId", panel.groupId());
        data.put("year", panel.year());
        data.put("expert", expert);
        item.setData(Json.write(data));
        return item;
    }

    static StoredItem extensionItem(Extension extension) {
        StoredItem item = StoredItem.of("Extension", groupCyclePk(extension.year(), extension.groupId()),
                "EXTENSION#" + extension.stage());
        item.setGsi3pk("CYCLE#" + extension.year() + "#EXTENSIONS");
        item.setGsi3sk(extension.stage() + "#" + extension.groupId());
        item.setDistrict(extension.district());
        item.setData(Json.write(extension));
        return item;
    }

    static StoredItem auditItem(AuditRecord record) {
        StoredItem item = StoredItem.of("Audit", auditPk(record.year(), record.groupId()),
                millis(record.at()) + "#" + record.auditId());
        item.setData(Json.write(record));
        return item;
    }

    /** An instant as sort keys hold it: ISO-8601 UTC with exactly three fractional digits. */
    static String millis(Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(instant);
    }

    // -- audit -----------------------------------------------------------------------------------------------------

    @Override
    public Page<AuditRecord> audit(int year, String groupId, int limit, String cursor) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(auditPk(year, groupId))
                        .build()))
                .scanIndexForward(true).limit(limit).exclusiveStartKey(PageCursor.decode(cursor)).build();
        var page = table.query(request).iterator().next();
        List<AuditRecord> records = page.items().stream()
                .map(i -> Json.read(i.getData(), AuditRecord.class)).toList();
        return new Page<>(records, PageCursor.encode(page.lastEvaluatedKey()));
    }

    // -- conflicts -------------------------------------------------------------------------------------------------

    @Override
    public List<DeclaredConflict> conflicts(String expertSub) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue("EXPERT#" + expertSub)
                        .sortValue("CONFLICT#").build()))
                .consistentRead(true).build();
        List<DeclaredConflict> conflicts = new ArrayList<>();
        for (var page : table.query(request)) {
            page.items().forEach(i -> conflicts.add(Json.read(i.getData(), DeclaredConflict.class)));
        }
        return conflicts;
    }

    @Override
    public List<Assignment> assignments(String expertSub, Integer year) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue("EXPERT#" + expertSub)
                        .sortValue(year == null ? "CYCLE#" : "CYCLE#" + year + "#GROUP#").build()))
                .limit(StoredItem.READ_ALL_PAGE).build();
        List<StoredItem> seats = new ArrayList<>();
        table.index(StoredItem.GSI2).query(request).forEach(page -> seats.addAll(page.items()));
        // a seat lives in its group-cycle partition, as does the expert's sheet of that group
        List<Key> keys = new ArrayList<>(seats.size());
        seats.forEach(seat -> keys.add(key(seat.getPk(), "SHEET#city#EXPERT#" + expertSub)));
        Map<String, ReviewSheet> sheets = new HashMap<>();
        BatchGets.forEach(client, table, keys, true, item -> sheets.put(item.getPk(), toSheet(item)));
        List<Assignment> assignments = new ArrayList<>(seats.size());
        for (StoredItem item : seats) {
            SeatData seat = Json.read(item.getData(), SeatData.class);
            assignments.add(new Assignment(seat.year(), seat.groupId(), item.getDistrict(), seat.expert(),
                    sheets.get(item.getPk())));
        }
        return assignments;
    }

    /** The data of a panel seat item ({@link #seatItem}). */
    record SeatData(String groupId, int year, Panel.Expert expert) {
    }

    @Override
    public void declareConflict(DeclaredConflict conflict) {
        StoredItem item = StoredItem.of("DeclaredConflict", "EXPERT#" + conflict.expertSub(),
                "CONFLICT#" + conflict.target());
        item.setData(Json.write(conflict));
        table.putItem(item);
    }

    // -- progress --------------------------------------------------------------------------------------------------

    @Override
    public List<SheetState> stageSheets(int year, Stage stage, String district) {
        List<SheetState> states = new ArrayList<>();
        forEachInGsi1("CYCLE#" + year + "#STAGE#" + stage.code(), district, item -> {
            ReviewSheet sheet = toSheet(item);
            states.add(new SheetState(sheet.groupId(), sheet.district(), sheet.status(),
                    Boolean.TRUE.equals(sheet.recommend()), null));
        });
        return states;
    }

    @Override
    public List<SheetState> expertSheets(int year, String district) {
        List<SheetState> states = new ArrayList<>();
        forEachInGsi1("CYCLE#" + year + "#EXPERT-SHEETS", district, item -> {
            String sk = item.getGsi1sk();
            String groupId = sk.substring(sk.indexOf("#GROUP#") + 7, sk.indexOf("#EXPERT#"));
            states.add(new SheetState(groupId, item.getDistrict(), item.getStatus(), false,
                    sk.substring(sk.indexOf("#EXPERT#") + 8)));
        });
        return states;
    }

    @Override
    public List<Panel> panels(int year, String district) {
        List<Panel> panels = new ArrayList<>();
        forEachInGsi1("CYCLE#" + year + "#PANELS", district, item -> panels.add(Json.read(item.getData(),
                Panel.class)));
        return panels;
    }

    @Override
    public List<Extension> extensions(int year) {
        List<Extension> extensions = new ArrayList<>();
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder()
                        .partitionValue("CYCLE#" + year + "#EXTENSIONS").build())).build();
        for (var page : table.index(StoredItem.GSI3).query(request)) {
            page.items().forEach(i -> extensions.add(Json.read(i.getData(), Extension.class)));
        }
        return extensions;
    }

    private void forEachInGsi1(String partition, String district, Consumer<StoredItem> sink) {
        QueryConditional condition = district == null
                ? QueryConditional.keyEqualTo(Key.builder().partitionValue(partition).build())
                : QueryConditional.sortBeginsWith(Key.builder().partitionValue(partition)
                .sortValue("DISTRICT#" + district + "#").build());
        QueryEnhancedRequest request = QueryEnhancedRequest.builder().queryConditional(condition)
                .limit(StoredItem.READ_ALL_PAGE).build();
        for (var page : table.index(StoredItem.GSI1).query(request)) {
            page.items().forEach(sink);
        }
    }

    // -- transactions ----------------------------------------------------------------------------------------------

    @Override
    public ReviewTransaction transaction() {
        return new DynamoDbReviewTransaction();
    }

    private static Key key(String pk, String sk) {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }

    private final class DynamoDbReviewTransaction implements ReviewTransaction {

        private final List<Consumer<TransactWriteItemsEnhancedRequest.Builder>> writes = new ArrayList<>();
        private final List<Supplier<? extends RuntimeException>> onFailure = new ArrayList<>();
        private int idempotencyIndex = -1;
        private IdempotencyKey idempotencyKey;

        private void add(Consumer<TransactWriteItemsEnhancedRequest.Builder> write,
                         Supplier<? extends RuntimeException> failure) {
            writes.add(write);
            onFailure.add(failure);
        }

        @Override
        public ReviewTransaction sheet(ReviewSheet sheet, Long expectedVersion, Supplier<DomainException> onConflict) {
            StoredItem item = sheetItem(sheet);
            Expression condition = expectedVersion == null ? Transactions.NOT_EXISTS
                    : Transactions.versionIs(expectedVersion);
            add(tx -> tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class).item(item)
                    .conditionExpression(condition).build()), onConflict);
            return this;
        }

        @Override
        public ReviewTransaction unchanged(ReviewSheet sheet, Supplier<DomainException> onConflict) {
            Key k = key(groupCyclePk(sheet.year(), sheet.groupId()), sheetSk(sheet));
            add(tx -> tx.addConditionCheck(table, ConditionCheck.builder().key(k)
                    .conditionExpression(Transactions.versionIs(sheet.version())).build()), onConflict);
            return this;
        }

        @Override
        public ReviewTransaction panel(Panel panel, long expectedVersion, List<String> removedSubjects,
                                       Supplier<DomainException> onConflict) {
            StoredItem item = panelItem(panel);
            Expression condition = expectedVersion == 0 ? Transactions.NOT_EXISTS
                    : Transactions.versionIs(expectedVersion);
            add(tx -> tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class).item(item)
                    .conditionExpression(condition).build()), onConflict);
            for (Panel.Expert expert : panel.experts()) {
                StoredItem seat = seatItem(panel, expert);
                add(tx -> tx.addPutItem(table, seat), null);
            }
            for (String subject : removedSubjects) {
                Key k = key(groupCyclePk(panel.year(), panel.groupId()), "PANEL#EXPERT#" + subject);
                add(tx -> tx.addDeleteItem(table, TransactDeleteItemEnhancedRequest.builder().key(k).build()), null);
            }
            return this;
        }

        @Override
        public ReviewTransaction panelUnchanged(Panel panel, Supplier<DomainException> onConflict) {
            Key k = key(groupCyclePk(panel.year(), panel.groupId()), "PANEL");
            Expression condition = panel.version() == 0 ? Transactions.NOT_EXISTS
                    : Transactions.versionIs(panel.version());
            add(tx -> tx.addConditionCheck(table, ConditionCheck.builder().key(k).conditionExpression(condition)
                    .build()), onConflict);
            return this;
        }

        @Override
        public ReviewTransaction extension(Extension extension) {
            StoredItem item = extensionItem(extension);
            add(tx -> tx.addPutItem(table, item), null);
            return this;
        }

        @Override
        public ReviewTransaction lockFramework(Cycle cycle) {
            // the lock changes the cycle's representation (frameworkLocked), so it is a new version: a new ETag.
            // The version is set, not incremented, so first sheets of several groups at once lock it once: each
            // finds the cycle as read, or exactly one version later and locked (by another sheet, nothing else).
            StoredItem lock = StoredItem.of(null, cyclePk(cycle.year()), "CYCLE");
            lock.setStatus(RUNNING);
            lock.setVersion(cycle.version() + 1);
            Expression condition = Expression.builder().expression("#v = :v OR (#v = :locked AND #s = :running)")
                    .putExpressionName("#v", "version").putExpressionName("#s", "status")
                    .putExpressionValue(":v", AttributeValue.fromN(Long.toString(cycle.version())))
                    .putExpressionValue(":locked", AttributeValue.fromN(Long.toString(cycle.version() + 1)))
                    .putExpressionValue(":running", AttributeValue.fromS(RUNNING)).build();
            add(tx -> tx.addUpdateItem(table, TransactUpdateItemEnhancedRequest.builder(StoredItem.class).item(lock)
                    .ignoreNulls(true).conditionExpression(condition).build()), () -> DomainException.conflict(
                    "cycle-changed", "The cycle changed", "Cycle " + cycle.year() + " was changed while this sheet "
                            + "was saved; read the cycle and try again."));
            return this;
        }

        @Override
        public ReviewTransaction audit(List<AuditRecord> records) {
            for (AuditRecord record : records) {
                StoredItem item = auditItem(record);
                add(tx -> tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class).item(item)
                        .conditionExpression(Transactions.NOT_EXISTS).build()), null);
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
}
