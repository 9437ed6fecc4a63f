package org.groupeval.scoring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.School;
import org.groupeval.local.LocalAws;
import org.groupeval.local.LambdaEvents;
import org.groupeval.local.LocalContext;
import org.groupeval.local.SampleEvent;
import org.groupeval.store.DynamoDbClients;
import org.groupeval.store.DynamoDbGroupStore;
import org.groupeval.store.Ids;
import org.groupeval.store.ResultKeys;
import org.groupeval.store.StoredItem;
import org.groupeval.store.Tables;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared fixtures of the scoring handler tests: callers, groups, cycles, full and partial ankang-2022 sheets. */
final class ReviewFixtures {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final AtomicInteger SEQ = new AtomicInteger();
    static ScoringHandler handler;
    static DynamoDbEnhancedClient enhanced;
    static DynamoDbGroupStore groups;

    private ReviewFixtures() {
    }

    static synchronized void start() {
        if (handler == null) {
            LocalAws.start();
            handler = new ScoringHandler();
            enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(DynamoDbClients.create()).build();
            groups = new DynamoDbGroupStore(enhanced, Tables.fromEnvironment());
        }
    }

    static String unique() {
        return "R" + Long.toString(System.nanoTime(), 36).toUpperCase() + SEQ.incrementAndGet();
    }

    /** A fresh 6-digit district per test, so per-district views never mix tests. */
    static String district() {
        return String.valueOf(700000 + (int) (System.nanoTime() % 200000) + SEQ.incrementAndGet());
    }

    record TestGroup(String groupId, String district, String core, List<String> members) {
    }

    static TestGroup group(String district) {
        String u = unique();
        Group group = new Group(Ids.newId(Identifiers.GROUP), "测试集团 " + u, "TRUSTEESHIP", district,
                new School(u + "C", "核心校"), List.of(new School(u + "M1", "成员校一"), new School(u + "M2", "成员校二")),
                null, Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"), 1);
        groups.create(group, null);
        return new TestGroup(group.groupId(), district, u + "C", List.of(u + "M1", u + "M2"));
    }

    // -- callers -----------------------------------------------------------------------------------------------------

    static Map<String, String> city() {
        return Map.of("sub", "city-admin", "role", "CITY");
    }

    static Map<String, String> school(TestGroup g) {
        return Map.of("sub", "staff-" + g.core(), "role", "SCHOOL", "school", g.core());
    }

    static Map<String, String> districtOf(TestGroup g) {
        return Map.of("sub", "reviewer-" + g.district(), "role", "DISTRICT", "district", g.district());
    }

    static Map<String, String> expert(String sub, String school) {
        return school == null ? Map.of("sub", sub, "role", "EXPERT") : Map.of("sub", sub, "role", "EXPERT", "school", school);
    }

    // -- time --------------------------------------------------------------------------------------------------------

    /** Sets the handler's clock to a Shanghai local time of the given year. */
    static void at(int year, int month, int day, int hour, int minute, int second) {
        handler.clock = Clock.fixed(OffsetDateTime.of(year, month, day, hour, minute, second, 0, ZoneOffset.ofHours(8))
                .toInstant(), ZoneOffset.UTC);
    }

    // -- calls -------------------------------------------------------------------------------------------------------

    static APIGatewayV2HTTPResponse call(SampleEvent event) {
        return LambdaEvents.httpCall(handler, event.json(), LocalContext.of("test", "Scoring"));
    }

    static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    static JsonNode ok(APIGatewayV2HTTPResponse response, int status) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        return body(response);
    }

    static JsonNode problem(APIGatewayV2HTTPResponse response, int status, String type) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("application/problem+json"));
        JsonNode problem = body(response);
        if (type != null) {
            assertEquals("urn:groupeval:problem:" + type, problem.get("type").asText(), response.getBody());
        }
        return problem;
    }

    static APIGatewayV2HTTPResponse createCycle(Map<String, Object> body) {
        return call(SampleEvent.of("scoring/create-cycle.json").claims(city()).header("Idempotency-Key", null)
                .bodyJson(body));
    }

    /** A cycle of ankang-2022 with the default calendar; {@code panel}: whether the city stage uses a panel. */
    static void cycle(int year, boolean panel, Map<String, Object> panelSettings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", year);
        body.put("frameworkId", "ankang-2022");
        Map<String, Object> p = new LinkedHashMap<>(panelSettings == null ? Map.of() : panelSettings);
        p.put("required", panel);
        body.put("panel", p);
        ok(createCycle(body), 201);
    }

    /** Another recommended group in an existing cycle; the clock ends in the city stage. */
    static TestGroup recommendedIn(int year) {
        TestGroup g = group(district());
        at(year, 8, 10, 10, 0, 0);
        ok(put(g, year, "self", school(g), full("1"), null), 201);
        ok(submit(g, year, "self", school(g), null), 200);
        at(year, 9, 10, 10, 0, 0);
        ok(put(g, year, "district", districtOf(g), full("0.9"), null), 201);
        ok(submit(g, year, "district", districtOf(g), Map.of("recommend", true)), 200);
        at(year, 10, 10, 10, 0, 0);
        return g;
    }

    /** An expert of a panel request, {@code affiliation} (a school code) optional. */
    static Map<String, Object> seat(String sub, String affiliation) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("subject", sub);
        e.put("name", "专家 " + sub);
        if (affiliation != null) {
            e.put("affiliation", affiliation);
        }
        return e;
    }

    static SampleEvent sheetEvent(String file, TestGroup g, int year, String stage, Map<String, String> claims) {
        SampleEvent e = SampleEvent.of("scoring/" + file).claims(claims).path("groupId", g.groupId())
                .path("year", String.valueOf(year)).header("If-Match", null);
        return stage == null ? e : e.path("stage", stage);
    }

    static APIGatewayV2HTTPResponse put(TestGroup g, int year, String stage, Map<String, String> claims,
                                        Object body, String ifMatch) {
        return call(sheetEvent("save-sheet.json", g, year, stage, claims).header("If-Match", ifMatch).bodyJson(body));
    }

    static APIGatewayV2HTTPResponse submit(TestGroup g, int year, String stage, Map<String, String> claims,
                                           Object body) {
        SampleEvent e = sheetEvent("submit-sheet.json", g, year, stage, claims);
        return call(body == null ? e.body(null) : e.bodyJson(body));
    }

    static APIGatewayV2HTTPResponse get(TestGroup g, int year, String stage, Map<String, String> claims) {
        return call(sheetEvent("get-sheet.json", g, year, stage, claims));
    }

    static JsonNode audit(TestGroup g, int year) {
        List<JsonNode> all = new ArrayList<>();
        String token = null;
        do {
            SampleEvent e = sheetEvent("get-audit.json", g, year, null, city()).query("limit", "500");
            if (token != null) {
                e.query("nextToken", token);
            }
            JsonNode page = ok(call(e), 200);
            page.get("items").forEach(all::add);
            token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
        } while (token != null);
        return JSON.valueToTree(all);
    }

    // -- sheets ------------------------------------------------------------------------------------------------------

    /**
     * A complete ankang-2022 sheet: every "proportional" indicator at {@code ratio}, A04 meeting both targets (5),
     * A11 one PASS school (6), A18 satisfaction {@code ratio}. Total = 85 × ratio + 11 (ratio 1 → 96.00, 0.5 → 53.50).
     */
    static Map<String, Object> full(String ratio) {
        Map<String, Object> indicators = new LinkedHashMap<>();
        for (int i = 1; i <= 18; i++) {
            String id = String.format("A%02d", i);
            switch (id) {
                case "A04" -> indicators.put(id, Map.of("exchangeRatio", 0.12, "backboneRatio", 0.25));
                case "A11" -> indicators.put(id, Map.of("grades", List.of("PASS")));
                case "A18" -> indicators.put(id, Map.of("ratio", new java.math.BigDecimal(ratio)));
                default -> indicators.put(id, Map.of("ratio", new java.math.BigDecimal(ratio)));
            }
        }
        Map<String, Object> sheet = new LinkedHashMap<>();
        sheet.put("indicators", indicators);
        return sheet;
    }

    /** {@link #full} with some indicators' ratios replaced. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fullWith(String ratio, Map<String, String> ratios) {
        Map<String, Object> sheet = full(ratio);
        Map<String, Object> indicators = (Map<String, Object>) sheet.get("indicators");
        ratios.forEach((id, r) -> indicators.put(id, Map.of("ratio", new java.math.BigDecimal(r))));
        return sheet;
    }

    static Map<String, Object> partial() {
        return Map.of("indicators", Map.of("A01", Map.of("ratio", 0.5), "A02", Map.of("percent", 75)));
    }

    /** Writes the ranking's publication pointer for a year (what the ranking function does on publish). */
    static void publish(int year) {
        StoredItem item = ResultKeys.published(year).item("RunPointer");
        item.setVersion(1L);
        item.setData("{\"revision\":1}");
        enhanced.table(Tables.fromEnvironment().results(), StoredItem.SCHEMA).putItem(item);
    }
}
