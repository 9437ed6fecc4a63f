package org.groupeval.registration;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupeval.local.LambdaEvents;
import org.groupeval.local.LocalAws;
import org.groupeval.local.LocalContext;
import org.groupeval.local.SampleEvent;
import org.groupeval.json.Json;
import org.groupeval.store.DynamoDbClients;
import org.groupeval.store.StoredItem;
import org.groupeval.store.Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.groupeval.registration.RegistrationHandlerTest.body;
import static org.groupeval.registration.RegistrationHandlerTest.city;
import static org.groupeval.registration.RegistrationHandlerTest.district;
import static org.groupeval.registration.RegistrationHandlerTest.group;
import static org.groupeval.registration.RegistrationHandlerTest.school;
import static org.groupeval.registration.RegistrationHandlerTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A group's participations in the cycles (enrolled as it registers while a self-assessment is open, its snapshot
 * refreshed by edits until the close), its end (dissolved, merged: claims released or passed on in the same
 * transaction), a school moving between groups, and a school finding its own groups.
 */
class GroupLifecycleTest {

    /** A cycle whose self-assessment is open whatever today's date, and one long closed. */
    private static final int OPEN = 2090;
    private static final int CLOSED = 2001;
    private static RegistrationHandler handler;
    private static DynamoDbTable<StoredItem> review;

    @BeforeAll
    static void start() {
        LocalAws.start();
        handler = new RegistrationHandler();
        DynamoDbEnhancedClient client = DynamoDbEnhancedClient.builder().dynamoDbClient(DynamoDbClients.create())
                .build();
        review = client.table(Tables.fromEnvironment().review(), StoredItem.SCHEMA);
        cycle(OPEN);
        cycle(CLOSED);
    }

    /** A cycle as the review workflow stores it, with the default deadlines of its year. */
    private static void cycle(int year) {
        StoredItem item = StoredItem.of("Cycle", "CYCLE#" + year, "CYCLE");
        item.setGsi3pk("CYCLES");
        item.setGsi3sk(Integer.toString(year));
        item.setVersion(1L);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("year", year);
        data.put("frameworkId", "ankang-2022");
        data.put("frameworkVersion", "1");
        data.put("deadlines", Map.of("self", year + "-08-31T23:59:59+08:00",
                "district", year + "-09-30T23:59:59+08:00", "city", year + "-10-31T23:59:59+08:00"));
        data.put("rankingAt", year + "-11-01T02:00:00+08:00");
        item.setData(Json.write(data));
        review.putItem(item);
    }

    private static APIGatewayV2HTTPResponse call(SampleEvent event) {
        return LambdaEvents.httpCall(handler, event.json(), LocalContext.of("test", "Registration"));
    }

    private static JsonNode ok(APIGatewayV2HTTPResponse response, int status) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        return body(response);
    }

    private static void problem(APIGatewayV2HTTPResponse response, int status, String type) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("urn:groupeval:problem:" + type, body(response).get("type").asText(), response.getBody());
    }

    private static APIGatewayV2HTTPResponse register(ObjectNode group, Map<String, String> claims) {
        return call(SampleEvent.of("registration/register-group.json").claims(claims).header("Idempotency-Key", null)
                .bodyJson(group));
    }

    private static String registered(ObjectNode group) {
        return ok(register(group, city()), 201).get("groupId").asText();
    }

    private static APIGatewayV2HTTPResponse update(String id, long version, ObjectNode group) {
        return call(SampleEvent.of("registration/update-group.json").path("groupId", id).claims(city())
                .header("If-Match", "\"" + version + "\"").bodyJson(group));
    }

    private static JsonNode read(String id) {
        return ok(call(SampleEvent.of("registration/get-group.json").path("groupId", id).claims(city())), 200);
    }

    private static APIGatewayV2HTTPResponse dissolve(String id, long version) {
        return call(SampleEvent.of("registration/dissolve-group.json").path("groupId", id).claims(city())
                .header("If-Match", "\"" + version + "\""));
    }

    private static APIGatewayV2HTTPResponse merge(String id, long version, String into) {
        SampleEvent event = SampleEvent.of("registration/merge-group.json").path("groupId", id).claims(city())
                .header("If-Match", "\"" + version + "\"");
        ObjectNode body = event.bodyTree();
        body.put("into", into);
        return call(event.bodyJson(body));
    }

    /** The group's participations, by year. */
    private static Map<Integer, JsonNode> participations(String id) {
        JsonNode items = ok(call(SampleEvent.of("registration/list-group-participations.json").path("groupId", id)
                .claims(city())), 200).get("items");
        Map<Integer, JsonNode> byYear = new LinkedHashMap<>();
        items.forEach(p -> byYear.put(p.get("year").asInt(), p));
        return byYear;
    }

    private static List<String> groupsOfSchool(Map<String, String> claims, String school) {
        JsonNode items = ok(call(SampleEvent.of("registration/list-groups.json").noQuery().query("school", school)
                .claims(claims)), 200).get("items");
        List<String> ids = new ArrayList<>();
        items.forEach(g -> ids.add(g.get("groupId").asText() + ":" + g.get("status").asText()));
        return ids;
    }

    // ---- participation ---------------------------------------------------------------------------------------------

    @Test
    void aGroupRegisteredWhileASelfAssessmentIsOpenJoinsThatCycleOnly() {
        String u = unique();
        String id = registered(group(u + "C", "610902", u + "M"));
        Map<Integer, JsonNode> years = participations(id);
        assertTrue(years.containsKey(OPEN), years.toString());
        assertFalse(years.containsKey(CLOSED), "the self-assessment of " + CLOSED + " had closed: " + years);
        JsonNode open = years.get(OPEN);
        assertEquals("ENROLLED", open.get("status").asText());
        assertEquals("测试教育集团 " + u + "C", open.get("snapshot").get("name").asText());
        assertEquals(u + "M", open.get("snapshot").get("memberSchools").get(0).get("code").asText());
    }

    @Test
    void anEditRefreshesTheSnapshotOfAnOpenCycleAndLeavesAClosedOnesAsItWas() {
        String u = unique();
        String id = registered(group(u + "C", "610902", u + "M"));
        // the group took part in the closed year too, under its name of then
        StoredItem item = StoredItem.of("Participant", "CYCLE#" + CLOSED + "#GROUP#" + id, "PARTICIPANT");
        item.setGsi1pk("CYCLE#" + CLOSED + "#PARTICIPANTS");
        item.setGsi1sk("DISTRICT#610902#GROUP#" + id);
        item.setGsi2pk("GROUP#" + id + "#CYCLES");
        item.setGsi2sk("CYCLE#" + CLOSED);
        item.setStatus("ENROLLED");
        item.setVersion(1L);
        JsonNode before = participations(id).get(OPEN);
        ObjectNode old = ((ObjectNode) before.deepCopy()).put("year", CLOSED);
        old.remove("version");
        item.setData(old.toString());
        review.putItem(item);

        ObjectNode renamed = group(u + "C", "610902", u + "M", u + "N");
        renamed.put("name", "更名后的集团 " + u);
        ok(update(id, 1, renamed), 200);

        Map<Integer, JsonNode> years = participations(id);
        assertEquals("更名后的集团 " + u, years.get(OPEN).get("snapshot").get("name").asText());
        assertEquals(2, years.get(OPEN).get("snapshot").get("memberSchools").size());
        assertEquals(2, years.get(OPEN).get("version").asInt(), "refreshed in the edit's transaction");
        assertEquals("测试教育集团 " + u + "C", years.get(CLOSED).get("snapshot").get("name").asText(),
                "after the close, an edit changes the group, not that year's snapshot");
        assertEquals(1, years.get(CLOSED).get("snapshot").get("memberSchools").size());
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------------------

    @Test
    void dissolvingReleasesEverySchoolWithdrawsTheGroupAndFreezesIt() {
        String u = unique();
        String id = registered(group(u + "C", "610902", u + "M1", u + "M2"));
        assertEquals("REGISTERED", participations(id).get(OPEN).get("cause").asText(), "joined the open cycle");
        JsonNode dissolved = ok(dissolve(id, 1), 200);
        assertEquals("DISSOLVED", dissolved.get("status").asText());
        assertEquals("2027-07-01", dissolved.get("ended").get("date").asText());
        assertEquals("2", call(SampleEvent.of("registration/get-group.json").path("groupId", id).claims(city()))
                .getHeaders().get("ETag").replace("\"", ""));
        assertEquals("WITHDRAWN", participations(id).get(OPEN).get("status").asText());
        assertTrue(participations(id).get(OPEN).get("reason").asText().startsWith("dissolved: "));
        assertEquals("GROUP_DISSOLVED", participations(id).get(OPEN).get("cause").asText());

        // every school is free again: a new group claims them all
        String next = registered(group(u + "M1", "610902", u + "C", u + "M2"));
        assertEquals("ENROLLED", participations(next).get(OPEN).get("status").asText());

        problem(update(id, 2, group(u + "C", "610902", u + "M1")), 409, "group-not-active");
        problem(dissolve(id, 2), 409, "group-not-active");
        problem(dissolve(next, 7), 412, "precondition-failed");
        problem(call(SampleEvent.of("registration/dissolve-group.json").path("groupId", next)
                .claims(district("610902")).header("If-Match", "\"1\"")), 403, "forbidden");
    }

    @Test
    void mergingPassesTheSchoolsToTheSurvivorInOneStep() {
        String u = unique();
        String merged = registered(group(u + "A", "610902", u + "A1"));
        String survivor = registered(group(u + "B", "610902", u + "B1"));
        String elsewhere = registered(group(u + "D", "610921", u + "D1"));
        problem(merge(merged, 1, elsewhere), 422, "merge-across-districts");
        problem(merge(merged, 1, merged), 400, "validation-failed");

        JsonNode answer = ok(merge(merged, 1, survivor), 200);
        assertEquals("MERGED", answer.get("merged").get("status").asText());
        assertEquals(survivor, answer.get("merged").get("ended").get("mergedInto").asText());
        List<String> members = new ArrayList<>();
        answer.get("survivor").get("memberSchools").forEach(s -> members.add(s.get("code").asText()));
        assertEquals(List.of(u + "B1", u + "A", u + "A1"), members);
        assertEquals(2, read(survivor).get("version").asInt());

        // the claims moved with them: a new group cannot take them, and learns the survivor holds them
        APIGatewayV2HTTPResponse taken = register(group(u + "A", "610902", u + "X"), city());
        problem(taken, 409, "school-already-in-group");
        assertEquals(survivor, body(taken).get("holderGroupId").asText());
        assertEquals("WITHDRAWN", participations(merged).get(OPEN).get("status").asText());
        assertEquals("GROUP_MERGED", participations(merged).get(OPEN).get("cause").asText());
        assertEquals(3, participations(survivor).get(OPEN).get("snapshot").get("memberSchools").size());
        problem(merge(survivor, 2, merged), 409, "group-not-active");
    }

    @Test
    void concurrentMovesOfOneSchoolLeaveExactlyOneHolder() throws Exception {
        String u = unique();
        String x = u + "X";
        String a = registered(group(u + "A", "610902", x, u + "A1"));
        String b = registered(group(u + "B", "610902", u + "B1"));
        String c = registered(group(u + "C", "610902", u + "C1"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Callable<Boolean>> moves = new ArrayList<>();
            // A lets X go while B and C each try to take it, and a new group tries to claim it
            moves.add(() -> {
                go.await();
                return update(a, 1, group(u + "A", "610902", u + "A1")).getStatusCode() == 200;
            });
            for (String[] taker : new String[][] {{b, u + "B", u + "B1"}, {c, u + "C", u + "C1"}}) {
                moves.add(() -> {
                    go.await();
                    for (int attempt = 0; attempt < 40; attempt++) {
                        if (update(taker[0], 1, group(taker[1], "610902", taker[2], x)).getStatusCode() == 200) {
                            return true;
                        }
                    }
                    return false;
                });
            }
            moves.add(() -> {
                go.await();
                for (int attempt = 0; attempt < 40; attempt++) {
                    if (register(group(x, "610902", u + "N1"), city()).getStatusCode() == 201) {
                        return true;
                    }
                }
                return false;
            });
            List<Future<Boolean>> results = new ArrayList<>();
            moves.forEach(m -> results.add(pool.submit(m)));
            go.countDown();
            List<Boolean> outcomes = new ArrayList<>();
            for (Future<Boolean> f : results) {
                outcomes.add(f.get());
            }
            assertTrue(outcomes.get(0), "A released X");
            assertEquals(1, outcomes.subList(1, 4).stream().filter(Boolean::booleanValue).count(),
                    "exactly one taker succeeded: " + outcomes);
        } finally {
            pool.shutdownNow();
        }
        List<String> holders = groupsOfSchool(city(), x).stream().filter(g -> g.endsWith(":ACTIVE")).toList();
        assertEquals(1, holders.size(), "one active group lists the school: " + holders);
        assertFalse(read(a).toString().contains("\"" + x + "\""), "A no longer lists it");
    }

    // ---- a school's own groups -----------------------------------------------------------------------------------------

    @Test
    void aSchoolFindsItsOwnGroupsActiveFirst() {
        String u = unique();
        String first = registered(group(u + "C", "610902", u + "M"));
        ok(dissolve(first, 1), 200);
        String second = registered(group(u + "C", "610902", u + "M2"));
        assertEquals(List.of(second + ":ACTIVE", first + ":DISSOLVED"), groupsOfSchool(school(u + "C"), "mine"));
        assertEquals(List.of(second + ":ACTIVE"), groupsOfSchool(school(u + "M2"), "mine"),
                "a member school finds its group too");
        assertEquals(List.of(), groupsOfSchool(school(u + "Z"), "mine"));
        assertEquals(List.of(second + ":ACTIVE", first + ":DISSOLVED"), groupsOfSchool(district("610902"), u + "C"));
        assertEquals(List.of(), groupsOfSchool(district("610921"), u + "C"), "another district sees none");
        problem(call(SampleEvent.of("registration/list-groups.json").noQuery().query("school", "mine")
                .claims(city())), 403, "forbidden");
        problem(call(SampleEvent.of("registration/list-groups.json").noQuery().query("school", u + "D")
                .claims(school(u + "C"))), 403, "forbidden");
        problem(call(SampleEvent.of("registration/list-groups.json").query("school", "mine")
                .claims(school(u + "C"))), 400, "validation-failed");
    }
}
