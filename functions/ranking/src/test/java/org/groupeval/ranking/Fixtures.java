package org.groupeval.ranking;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.GroupLifecycle;
import org.groupeval.domain.group.GroupRequest;
import org.groupeval.domain.group.GroupRules;
import org.groupeval.domain.group.LifecycleRequest;
import org.groupeval.domain.group.School;
import org.groupeval.domain.review.Extension;
import org.groupeval.domain.review.Participant;
import org.groupeval.domain.review.ParticipantStatus;
import org.groupeval.domain.review.ParticipationCause;
import org.groupeval.domain.review.Stage;
import org.groupeval.local.LambdaEvents;
import org.groupeval.local.LocalContext;
import org.groupeval.local.SampleEvent;
import org.groupeval.store.DynamoDbClients;
import org.groupeval.store.DynamoDbGroupStore;
import org.groupeval.store.Ids;
import org.groupeval.store.StoredItem;
import org.groupeval.store.Tables;
import org.groupeval.json.Json;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test data written straight into the tables, shaped as docs/data-model.md says the review workflow and the
 * registration write it: cycles and stage sheets (ReviewTable), groups (GroupsTable).
 */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final DynamoDbTable<StoredItem> review;
    private final DynamoDbGroupStore groups;

    Fixtures() {
        DynamoDbEnhancedClient client = DynamoDbEnhancedClient.builder().dynamoDbClient(DynamoDbClients.create()).build();
        Tables tables = Tables.fromEnvironment();
        review = client.table(tables.review(), StoredItem.SCHEMA);
        groups = new DynamoDbGroupStore(client, tables);
    }

    /** The instant of a cycle's city deadline: 31 October of its year, 23:59:59 Beijing time. */
    static Instant cityDeadline(int year) {
        return Instant.parse(year + "-10-31T15:59:59Z");
    }

    void cycle(int year, Map<String, Object> award) {
        cycle(year, award, Map.of("self", year + "-08-31T23:59:59+08:00",
                "district", year + "-09-30T23:59:59+08:00", "city", year + "-10-31T23:59:59+08:00"),
                year + "-11-01T02:00:00+08:00");
    }

    /** A cycle with its own deadlines ({self, district, city}) and ranking time, ISO-8601 with offset. */
    void cycle(int year, Map<String, Object> award, Map<String, String> deadlines, String rankingAt) {
        cycle(year, "ankang-2022", award, deadlines, rankingAt);
    }

    void cycle(int year, String frameworkId, Map<String, Object> award, Map<String, String> deadlines,
               String rankingAt) {
        StoredItem item = StoredItem.of("Cycle", "CYCLE#" + year, "CYCLE");
        item.setGsi3pk("CYCLES");
        item.setGsi3sk(Integer.toString(year));
        item.setVersion(1L);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("year", year);
        data.put("frameworkId", frameworkId);
        data.put("frameworkVersion", "1");
        data.put("award", award);
        data.put("deadlines", deadlines);
        data.put("rankingAt", rankingAt);
        item.setData(Json.write(data));
        review.putItem(item);
    }

    /** An extension CITY granted, as the review workflow stores it (docs/data-model.md, ReviewTable). */
    void extension(int year, String groupId, String district, String stage, Instant deadline) {
        StoredItem item = StoredItem.of("Extension", "CYCLE#" + year + "#GROUP#" + groupId, "EXTENSION#" + stage);
        item.setGsi3pk("CYCLE#" + year + "#EXTENSIONS");
        item.setGsi3sk(stage + "#" + groupId);
        item.setVersion(1L);
        item.setData(Json.write(new Extension(year, groupId, district, Stage.parse(stage).orElseThrow(),
                deadline.atOffset(java.time.ZoneOffset.ofHours(8)).toString(), "typhoon closure", Instant.now(),
                "CITY:user-city")));
        review.putItem(item);
    }

    void cycle(int year) {
        cycle(year, Map.of("ratio", 0.30, "scope", "PER_GRADE", "tiePolicy", "NONE_AT_CUTOFF"));
    }

    /** A registered group; {@code createdAt} decides whether it took part in cycles whose deadline came later. */
    String group(String name, String type, String district, Instant createdAt) {
        String id = Ids.newId(Identifiers.GROUP);
        String core = ("RK" + Long.toString(System.nanoTime(), 36) + SEQ.incrementAndGet()).toUpperCase();
        Group group = new Group(id, name, type, district, new School(core, "核心校 " + name),
                List.of(new School(core + "M", "成员校 " + name)), null, createdAt, createdAt, 1L);
        groups.create(group, null);
        return id;
    }

    String group(String name, String type, String district) {
        return group(name, type, district, Instant.now());
    }

    /** The group renamed as its core school would, at {@code at} (a time after a cycle's close, say). */
    void rename(String groupId, String name, Instant at) {
        Group current = groups.find(groupId).orElseThrow();
        GroupRequest request = new GroupRequest(name, current.type(), current.district(), current.coreSchool(),
                current.memberSchools(), current.contact());
        groups.update(current, GroupRules.update(current, request, at), current.version());
    }

    /** The group dissolved by the city at {@code at}. */
    void dissolve(String groupId, Instant at) {
        Group current = groups.find(groupId).orElseThrow();
        groups.dissolve(GroupLifecycle.dissolve(current, new LifecycleRequest(null, "restructured", null), at,
                "CITY:user-city"), current.version());
    }

    String coreSchool(String groupId) {
        return groups.find(groupId).orElseThrow().coreSchool().code();
    }

    /** A stage sheet as the review workflow stores it; {@code categories} as {id: points}. */
    /**
     * The group enrolled in the cycle, as the review workflow stores a participant (docs/data-model.md,
     * ReviewTable), with a snapshot of the group as it is now; {@code status} ENROLLED or WITHDRAWN.
     */
    void participant(int year, String groupId, String status) {
        Group group = groups.find(groupId).orElseThrow();
        Participant p = Participant.enrol(year, group, Instant.now(), "CITY:user-city", "fixture",
                ParticipationCause.CITY);
        if (!status.equals("ENROLLED")) {
            p = p.changed(ParticipantStatus.valueOf(status), group, Instant.now(), "CITY:user-city", "fixture",
                    ParticipationCause.CITY);
        }
        StoredItem item = StoredItem.of("Participant", "CYCLE#" + year + "#GROUP#" + groupId, "PARTICIPANT");
        item.setGsi1pk("CYCLE#" + year + "#PARTICIPANTS");
        item.setGsi1sk("DISTRICT#" + group.district() + "#GROUP#" + groupId);
        item.setGsi2pk("GROUP#" + groupId + "#CYCLES");
        item.setGsi2sk("CYCLE#" + year);
        item.setDistrict(group.district());
        item.setStatus(status);
        item.setVersion(1L);
        item.setData(Json.write(p));
        review.putItem(item);
    }

    void enrol(int year, String groupId) {
        participant(year, groupId, "ENROLLED");
    }

    /** A stage sheet; the group, which took part in the cycle, enrolled in it (if it was not yet). */
    void sheet(int year, String groupId, String district, String stage, String total, boolean submitted,
               boolean veto, boolean fraud, boolean recommend, Map<String, String> categories) {
        sheet(year, groupId, district, stage, total, submitted, veto, fraud, recommend, categories, Map.of());
    }

    /**
     * A submitted or draft stage sheet with its indicators' points ({id: points}) and its bonus, as the scoring engine
     * stores them (docs/data-model.md, ReviewTable).
     */
    void scoredSheet(int year, String groupId, String district, String stage, String total, boolean submitted,
                     Map<String, String> indicators, String bonus) {
        Map<String, Object> scored = new LinkedHashMap<>();
        indicators.forEach((id, points) -> scored.put(id, Map.of("points", new BigDecimal(points), "complete", true)));
        sheet(year, groupId, district, stage, total, submitted, false, false, true, Map.of(),
                Map.of("indicators", scored, "bonus", new BigDecimal(bonus), "grade", "GOOD"));
    }

    private void sheet(int year, String groupId, String district, String stage, String total, boolean submitted,
                       boolean veto, boolean fraud, boolean recommend, Map<String, String> categories,
                       Map<String, Object> more) {
        if (review.getItem(r -> r.key(k -> k.partitionValue("CYCLE#" + year + "#GROUP#" + groupId)
                .sortValue("PARTICIPANT")).consistentRead(true)) == null) {
            enrol(year, groupId);
        }
        StoredItem item = StoredItem.of("Sheet", "CYCLE#" + year + "#GROUP#" + groupId, "SHEET#" + stage);
        item.setGsi1pk("CYCLE#" + year + "#STAGE#" + stage);
        item.setGsi1sk("DISTRICT#" + district + "#GROUP#" + groupId);
        item.setStatus(submitted ? "SUBMITTED" : "DRAFT");
        item.setDistrict(district);
        item.setVersion(1L);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("groupId", groupId);
        data.put("year", year);
        data.put("stage", stage);
        data.put("district", district);
        data.put("status", submitted ? "SUBMITTED" : "DRAFT");
        data.put("total", new BigDecimal(total));
        data.put("veto", veto);
        data.put("fraud", fraud);
        data.put("complete", true);
        if (stage.equals("district")) {
            data.put("recommend", recommend);
        }
        data.put("submittedAt", submitted ? (year + "-10-20T10:00:00Z") : null);
        data.put("categories", categories.entrySet().stream()
                .map(e -> Map.of("id", e.getKey(), "points", new BigDecimal(e.getValue()), "maxPoints", 30)).toList());
        data.putAll(more);
        item.setData(Json.write(data));
        review.putItem(item);
    }

    /** A group reviewed through to the city: district sheet (recommended) and city sheet, both submitted. */
    void reviewed(int year, String groupId, String district, String cityTotal) {
        sheet(year, groupId, district, "district", cityTotal, true, false, false, true, Map.of());
        sheet(year, groupId, district, "city", cityTotal, true, false, false, false, Map.of());
    }

    // ---- calling the handler ----------------------------------------------------------------------------------------

    /** {@code n} calls at once, each on its own thread; their results in the order they were submitted. */
    static <T> List<T> atOnce(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(Collections.nCopies(n, call))) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static Map<String, String> city() {
        return Map.of("sub", "user-city", "role", "CITY");
    }

    static Map<String, String> district(String code) {
        return Map.of("sub", "user-d" + code, "role", "DISTRICT", "district", code);
    }

    static Map<String, String> school(String code) {
        return Map.of("sub", "user-" + code, "role", "SCHOOL", "school", code);
    }

    static APIGatewayV2HTTPResponse call(RankingHandler handler, SampleEvent event) {
        return LambdaEvents.httpCall(handler, event.json(), LocalContext.of("t", "RankingFunction"));
    }

    static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }
}
