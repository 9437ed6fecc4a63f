package org.groupeval.registration;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupeval.domain.Identifiers;
import org.groupeval.local.LocalAws;
import org.groupeval.local.LambdaEvents;
import org.groupeval.local.LocalContext;
import org.groupeval.local.SampleEvent;
import org.groupeval.store.Ids;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registration routes, fed the sample events of events/registration through the Lambda entry point. */
class RegistrationHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static RegistrationHandler handler;

    @BeforeAll
    static void start() {
        LocalAws.start();
        handler = new RegistrationHandler();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static org.groupeval.store.GroupStore store;

    /** The group holding a school's claim, as the table has it. */
    static synchronized java.util.Optional<String> groupOfSchool(String schoolCode) {
        if (store == null) {
            store = new org.groupeval.store.DynamoDbGroupStore(software.amazon.awssdk.enhanced.dynamodb
                    .DynamoDbEnhancedClient.builder().dynamoDbClient(org.groupeval.store.DynamoDbClients.create())
                    .build(), org.groupeval.store.Tables.fromEnvironment());
        }
        return store.groupOfSchool(schoolCode);
    }

    static Map<String, String> school(String code) {
        return Map.of("sub", "user-" + code, "role", "SCHOOL", "school", code);
    }

    static Map<String, String> district(String code) {
        return Map.of("sub", "user-d" + code, "role", "DISTRICT", "district", code);
    }

    static Map<String, String> city() {
        return Map.of("sub", "user-city", "custom:role", "CITY");
    }

    /** A unique school-code prefix per test, so tests sharing one DynamoDB Local never collide. */
    static String unique() {
        // at most 6 + 1 + 3 characters: with suffixes like "CONTESTED" a code stays within the 20 allowed (the full
        // nanoTime grew to 9 base-36 digits once the machine had been up for 47 minutes)
        return "T" + Long.toString(System.nanoTime() % 2_176_782_336L, 36).toUpperCase() + SEQ.incrementAndGet();
    }

    static ObjectNode group(String core, String district, String... members) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", "测试教育集团 " + core);
        body.put("type", "TRUSTEESHIP");
        body.put("district", district);
        body.putObject("coreSchool").put("code", core).put("name", "核心校 " + core);
        ArrayNode list = body.putArray("memberSchools");
        for (String m : members) {
            list.addObject().put("code", m).put("name", "成员校 " + m);
        }
        return body;
    }

    static APIGatewayV2HTTPResponse call(SampleEvent event) {
        return LambdaEvents.httpCall(handler, event.json(), LocalContext.of("test", "Registration"));
    }

    static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    static APIGatewayV2HTTPResponse register(ObjectNode group, Map<String, String> claims) {
        return call(SampleEvent.of("registration/register-group.json").claims(claims).header("Idempotency-Key", null)
                .bodyJson(group));
    }

    static String registered(String core, String district, String... members) {
        APIGatewayV2HTTPResponse response = register(group(core, district, members), school(core));
        assertEquals(201, response.getStatusCode(), response.getBody());
        return body(response).get("groupId").asText();
    }

    static void assertProblem(APIGatewayV2HTTPResponse response, int status) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("application/problem+json"));
        JsonNode problem = body(response);
        assertEquals(status, problem.get("status").asInt());
        assertNotNull(problem.get("type").asText());
        assertNotNull(problem.get("title").asText());
        assertNotNull(problem.get("detail").asText());
    }

    // ---- POST /groups --------------------------------------------------------------------------------------------

    @Test
    void theSampleRegistrationCreatesTheGroupWithETagAndLocation() {
        String u = unique();
        SampleEvent event = SampleEvent.of("registration/register-group.json").header("Idempotency-Key", u);
        ObjectNode sample = event.bodyTree();
        sample.with("coreSchool").put("code", u + "C");
        ((ObjectNode) sample.withArray("memberSchools").get(0)).put("code", u + "M1");
        ((ObjectNode) sample.withArray("memberSchools").get(1)).put("code", u + "M2");
        APIGatewayV2HTTPResponse response = call(event.bodyJson(sample).claims(school(u + "C")));
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode group = body(response);
        assertTrue(group.get("groupId").asText().matches("g-[0-9a-z]{26}"));
        assertEquals("汉滨区第一教育集团", group.get("name").asText());
        assertEquals("610902", group.get("district").asText());
        assertEquals("汉滨区", group.get("districtName").asText());
        assertEquals(u + "C", group.at("/coreSchool/code").asText());
        assertEquals(2, group.get("memberSchools").size());
        assertEquals("\"1\"", response.getHeaders().get("ETag"));
        assertEquals("/groups/" + group.get("groupId").asText(), response.getHeaders().get("Location"));
        JsonNode read = body(call(SampleEvent.of("registration/get-group.json")
                .path("groupId", group.get("groupId").asText()).claims(city())));
        assertEquals("汉滨区", read.get("districtName").asText());
        JsonNode listed = body(call(SampleEvent.of("registration/list-groups.json").noQuery()
                .query("district", "610902").query("limit", "500").claims(city())));
        listed.get("items").forEach(g -> assertEquals("汉滨区", g.get("districtName").asText()));
    }

    @Test
    void noIdentityIs401() {
        assertProblem(call(SampleEvent.of("registration/register-group.json").claims(null)), 401);
    }

    @Test
    void districtsAndExpertsCannotRegister() {
        String u = unique();
        assertProblem(register(group(u + "C", "610902", u + "M"), district("610902")), 403);
        assertProblem(register(group(u + "C", "610902", u + "M"),
                Map.of("sub", "e1", "role", "EXPERT", "school", u + "C")), 403);
    }

    @Test
    void aSchoolRegistersOnlyAsTheCoreSchool() {
        String u = unique();
        assertProblem(register(group(u + "C", "610902", u + "M"), school(u + "M")), 403);
    }

    @Test
    void cityRegistersAnyGroup() {
        String u = unique();
        assertEquals(201, register(group(u + "C", "610902", u + "M"), city()).getStatusCode());
    }

    @Test
    void everyInvalidFieldIsListedInOneProblem() {
        String u = unique();
        ObjectNode bad = group(u + "C", "6109", u + "M", u + "M", u + "C");
        bad.put("name", " ");
        bad.put("type", "FRIENDSHIP");
        ((ObjectNode) bad.withArray("memberSchools").get(0)).put("name", "x".repeat(101));
        APIGatewayV2HTTPResponse response = register(bad, school(u + "C"));
        assertProblem(response, 400);
        Set<String> pointers = new HashSet<>();
        body(response).get("errors").forEach(e -> pointers.add(e.get("pointer").asText()));
        assertEquals(Set.of("/name", "/type", "/district", "/memberSchools/0/name", "/memberSchools/1/code",
                "/memberSchools/2/code"), pointers);
    }

    @Test
    void aGroupNeedsAtLeastOneMemberAndACoreSchool() {
        ObjectNode bad = JSON.createObjectNode().put("name", "n").put("type", "INTEGRATED").put("district", "610902");
        bad.putArray("memberSchools");
        APIGatewayV2HTTPResponse response = register(bad, city());
        assertProblem(response, 400);
        Set<String> pointers = new HashSet<>();
        body(response).get("errors").forEach(e -> pointers.add(e.get("pointer").asText()));
        assertEquals(Set.of("/coreSchool", "/memberSchools"), pointers);
    }

    @Test
    void malformedJsonIs400NotACrash() {
        assertProblem(call(SampleEvent.of("registration/register-group.json").body("{\"name\": ")), 400);
        APIGatewayV2HTTPResponse wrongType = call(SampleEvent.of("registration/register-group.json")
                .body("{\"name\": \"n\", \"memberSchools\": \"S1\"}"));
        assertProblem(wrongType, 400);
        assertEquals("/memberSchools", body(wrongType).at("/errors/0/pointer").asText());
    }

    @Test
    void aSchoolAlreadyInAGroupIsRefusedNamingTheHolder() {
        String u = unique();
        String holder = registered(u + "A", "610902", u + "SHARED");
        APIGatewayV2HTTPResponse response = register(group(u + "B", "610902", u + "SHARED"), school(u + "B"));
        assertProblem(response, 409);
        assertEquals(holder, body(response).get("holderGroupId").asText());
        assertTrue(body(response).get("detail").asText().contains(holder));
        // nothing of the loser was written: its core school is still free
        registered(u + "B", "610902", u + "OTHER");
    }

    @Test
    void aCoreSchoolCannotLeadTwoGroups() {
        String u = unique();
        registered(u + "A", "610902", u + "M1");
        assertProblem(register(group(u + "A", "610902", u + "M2"), school(u + "A")), 409);
    }

    @Test
    void theSameIdempotencyKeyTwiceCreatesOneGroup() {
        String u = unique();
        SampleEvent first = SampleEvent.of("registration/register-group.json").claims(school(u + "C"))
                .header("Idempotency-Key", "key-" + u).bodyJson(group(u + "C", "610902", u + "M"));
        APIGatewayV2HTTPResponse a = call(first);
        APIGatewayV2HTTPResponse b = call(SampleEvent.of("registration/register-group.json").claims(school(u + "C"))
                .header("Idempotency-Key", "key-" + u).bodyJson(group(u + "C", "610902", u + "M")));
        assertEquals(201, a.getStatusCode());
        assertEquals(201, b.getStatusCode(), b.getBody());
        assertEquals(body(a).get("groupId"), body(b).get("groupId"));
        assertEquals("true", b.getHeaders().get("Idempotent-Replayed"));
        // the same key for a different request is refused, not silently replayed
        APIGatewayV2HTTPResponse c = call(SampleEvent.of("registration/register-group.json").claims(school(u + "C"))
                .header("Idempotency-Key", "key-" + u).bodyJson(group(u + "C", "610902", u + "M", u + "M2")));
        assertProblem(c, 422);
    }

    @Test
    void aReplayAnswersTheFirstResultEvenAfterTheGroupChanged() {
        String u = unique();
        SampleEvent register = SampleEvent.of("registration/register-group.json").claims(school(u + "C"))
                .header("Idempotency-Key", "replay-" + u).bodyJson(group(u + "C", "610902", u + "M"));
        APIGatewayV2HTTPResponse first = call(register);
        assertEquals(201, first.getStatusCode(), first.getBody());
        String id = body(first).get("groupId").asText();
        APIGatewayV2HTTPResponse updated = call(SampleEvent.of("registration/update-group.json").path("groupId", id)
                .claims(school(u + "C")).header("If-Match", "\"1\"")
                .bodyJson(group(u + "C", "610902", u + "M", u + "M2")));
        assertEquals(200, updated.getStatusCode(), updated.getBody());

        APIGatewayV2HTTPResponse replayed = call(register);
        assertEquals(201, replayed.getStatusCode(), replayed.getBody());
        assertEquals("true", replayed.getHeaders().get("Idempotent-Replayed"));
        assertEquals(first.getHeaders().get("ETag"), replayed.getHeaders().get("ETag"));
        assertEquals(first.getHeaders().get("Location"), replayed.getHeaders().get("Location"));
        assertEquals(body(first), body(replayed));
        assertEquals(1, body(replayed).get("version").asInt());
        assertEquals(1, body(replayed).get("memberSchools").size());
    }

    @Test
    void twentyConcurrentRegistrationsClaimingOneSchoolYieldExactlyOneGroup() throws Exception {
        String u = unique();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<APIGatewayV2HTTPResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String core = u + "C" + i;
            futures.add(pool.submit(() -> register(group(core, "610902", u + "CONTESTED"), school(core))));
        }
        int created = 0;
        Set<String> holders = new HashSet<>();
        String winner = null;
        for (Future<APIGatewayV2HTTPResponse> f : futures) {
            APIGatewayV2HTTPResponse r = f.get();
            if (r.getStatusCode() == 201) {
                created++;
                winner = body(r).get("groupId").asText();
            } else {
                assertProblem(r, 409);
                holders.add(body(r).get("holderGroupId").asText());
            }
        }
        pool.shutdown();
        assertEquals(1, created);
        assertEquals(Set.of(winner), holders, "every loser is told the winner holds the school");
    }

    // ---- GET /groups/{groupId} -----------------------------------------------------------------------------------

    @Test
    void aGroupIsVisibleToItsSchoolItsDistrictAndTheCityOnly() {
        String u = unique();
        String id = registered(u + "C", "610902", u + "M");
        SampleEvent get = SampleEvent.of("registration/get-group.json").path("groupId", id).rawPath("/groups/" + id);
        assertEquals(200, call(get.claims(school(u + "C"))).getStatusCode());
        assertEquals(200, call(get.claims(district("610902"))).getStatusCode());
        assertEquals(200, call(get.claims(city())).getStatusCode());
        assertProblem(call(get.claims(school(u + "M"))), 403);
        assertProblem(call(get.claims(school("OTHER1"))), 403);
        assertProblem(call(get.claims(district("610921"))), 403);
        assertProblem(call(get.claims(Map.of("sub", "e", "role", "EXPERT"))), 403);
    }

    @Test
    void aMissingGroupIs404ForTheCityAnd403ForOthersSoExistenceDoesNotLeak() {
        SampleEvent get = SampleEvent.of("registration/get-group.json").path("groupId", Ids.newId(Identifiers.GROUP));
        assertProblem(call(get.claims(city())), 404);
        assertProblem(call(get.claims(district("610902"))), 403);
    }

    @Test
    void aMalformedGroupIdIsRefusedBeforeAnyLookupAsAMissingGroupIs() {
        String u = unique();
        String groupId = registered(u + "C", "610902", u + "M");
        for (String bad : new String[] {"A".repeat(2_100), "g-missing", groupId.toUpperCase(), groupId + "x"}) {
            for (SampleEvent event : new SampleEvent[] {SampleEvent.of("registration/get-group.json"),
                    SampleEvent.of("registration/update-group.json").bodyJson(group(u + "C", "610902", u + "M"))}) {
                APIGatewayV2HTTPResponse forCity = call(event.path("groupId", bad).claims(city()));
                assertProblem(forCity, 400);
                assertEquals("/path/groupId", body(forCity).at("/errors/0/pointer").asText());
                assertTrue(body(forCity).get("detail").asText().length() < 400, "the value is not echoed whole");
                assertProblem(call(event.claims(school(u + "C"))), 403);
                assertProblem(call(event.claims(district("610902"))), 403);
            }
        }
    }

    @Test
    void aSchoolNamingAnotherCoreSchoolIsRefusedBeforeTheValuesAreValidated() {
        String u = unique();
        // its district is not a district either: the values are not validated for a caller who may not register
        APIGatewayV2HTTPResponse response = register(group(u + "OTHER", "61090", u + "M"), school(u + "C"));
        assertProblem(response, 403);
        assertTrue(body(response).get("detail").asText().contains(u + "OTHER"), response.getBody());
        // a body the route cannot read at all is refused as such only to a caller who may register
        assertProblem(call(SampleEvent.of("registration/register-group.json").claims(Map.of("sub", "e", "role",
                "EXPERT")).body("{\"name\": ")), 403);
        assertProblem(call(SampleEvent.of("registration/register-group.json").claims(district("610902"))
                .header("Content-Type", "text/plain")), 403);
    }

    @Test
    void everyMemberAGroupDoesNotHaveIsNamedAndNothingIsStored() {
        String u = unique();
        ObjectNode body = group(u + "C", "610902", u + "M");
        body.put("colour", "blue");
        ((ObjectNode) body.get("coreSchool")).put("principal", "王校长");
        ((ObjectNode) body.withArray("memberSchools").get(0)).put("pupils", 900);
        APIGatewayV2HTTPResponse response = register(body, school(u + "C"));
        assertProblem(response, 400);
        List<String> pointers = new ArrayList<>();
        body(response).get("errors").forEach(e -> pointers.add(e.get("pointer").asText()));
        assertEquals(List.of("/coreSchool/principal", "/memberSchools/0/pupils", "/colour"), pointers);
        assertEquals(201, register(group(u + "C", "610902", u + "M"), school(u + "C")).getStatusCode(),
                "the refused request claimed no school");
    }

    @Test
    void anOverLongEmailAddressIsRefusedByItsLength() {
        String u = unique();
        ObjectNode body = group(u + "C", "610902", u + "M");
        body.putObject("contact").put("email", "a@" + "a.".repeat(30_000) + "@");
        APIGatewayV2HTTPResponse response = register(body, school(u + "C"));
        assertProblem(response, 400);
        assertEquals("/contact/email", body(response).at("/errors/0/pointer").asText());
        assertTrue(body(response).at("/errors/0/message").asText().contains("at most 254"), response.getBody());
    }

    // ---- PUT /groups/{groupId} -----------------------------------------------------------------------------------

    @Test
    void anUpdateNeedsTheCurrentETag() {
        String u = unique();
        String id = registered(u + "C", "610902", u + "M");
        ObjectNode changed = group(u + "C", "610902", u + "M", u + "M2");
        SampleEvent put = SampleEvent.of("registration/update-group.json").path("groupId", id)
                .claims(school(u + "C")).bodyJson(changed);
        assertProblem(call(put.header("If-Match", null)), 428);
        assertProblem(call(put.header("If-Match", "\"7\"")), 412);
        APIGatewayV2HTTPResponse ok = call(put.header("If-Match", "\"1\""));
        assertEquals(200, ok.getStatusCode(), ok.getBody());
        assertEquals("\"2\"", ok.getHeaders().get("ETag"));
        assertEquals(2, body(ok).get("memberSchools").size());
        // the same (now stale) If-Match again changes nothing
        assertProblem(call(put.header("If-Match", "\"1\"").bodyJson(group(u + "C", "610902", u + "M"))), 412);
        SampleEvent get = SampleEvent.of("registration/get-group.json").path("groupId", id).claims(city());
        assertEquals(2, body(call(get)).get("memberSchools").size());
    }

    @Test
    void removingAMemberFreesItAndAddingATakenOneIsRefused() {
        String u = unique();
        String a = registered(u + "A", "610902", u + "M1", u + "M2");
        String b = registered(u + "B", "610902", u + "M3");
        SampleEvent putA = SampleEvent.of("registration/update-group.json").path("groupId", a)
                .claims(school(u + "A")).header("If-Match", "\"1\"").bodyJson(group(u + "A", "610902", u + "M1"));
        assertEquals(200, call(putA).getStatusCode());
        SampleEvent putB = SampleEvent.of("registration/update-group.json").path("groupId", b)
                .claims(school(u + "B")).header("If-Match", "\"1\"")
                .bodyJson(group(u + "B", "610902", u + "M3", u + "M2"));
        assertEquals(200, call(putB).getStatusCode(), "M2 was freed by group A");
        APIGatewayV2HTTPResponse taken = call(SampleEvent.of("registration/update-group.json").path("groupId", b)
                .claims(school(u + "B")).header("If-Match", "\"2\"")
                .bodyJson(group(u + "B", "610902", u + "M3", u + "M2", u + "M1")));
        assertProblem(taken, 409);
        assertEquals(a, body(taken).get("holderGroupId").asText());
    }

    @Test
    void theDistrictAndCoreSchoolOfAGroupCannotChange() {
        String u = unique();
        String id = registered(u + "C", "610902", u + "M");
        APIGatewayV2HTTPResponse response = call(SampleEvent.of("registration/update-group.json").path("groupId", id)
                .claims(city()).header("If-Match", "\"1\"").bodyJson(group(u + "X", "610921", u + "M")));
        assertProblem(response, 400);
        assertEquals(2, body(response).get("errors").size());
    }

    @Test
    void districtsCannotChangeGroups() {
        String u = unique();
        String id = registered(u + "C", "610902", u + "M");
        assertProblem(call(SampleEvent.of("registration/update-group.json").path("groupId", id)
                .claims(district("610902")).header("If-Match", "\"1\"").bodyJson(group(u + "C", "610902", u + "M"))), 403);
    }

    // ---- GET /groups ---------------------------------------------------------------------------------------------

    @Test
    void aDistrictListsItsOwnGroupsPageByPage() {
        String u = unique();
        String d = String.valueOf(100000 + Math.abs(u.hashCode()) % 800000);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            ids.add(registered(u + "C" + i, d, u + "M" + i));
        }
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            SampleEvent list = SampleEvent.of("registration/list-groups.json").claims(district(d)).noQuery()
                    .query("limit", "2");
            if (token != null) {
                list.query("nextToken", token);
            }
            APIGatewayV2HTTPResponse response = call(list);
            assertEquals(200, response.getStatusCode(), response.getBody());
            body(response).get("items").forEach(g -> seen.add(g.get("groupId").asText()));
            JsonNode next = body(response).get("nextToken");
            token = next == null || next.isNull() ? null : next.asText();
            pages++;
        } while (token != null && pages < 10);
        assertEquals(ids, seen);
        assertTrue(pages >= 2);
    }

    @Test
    void listFiltersByTypeAndRefusesOtherDistricts() {
        String u = unique();
        String d = String.valueOf(100000 + Math.abs((u + "x").hashCode()) % 800000);
        registered(u + "C1", d, u + "M1");
        ObjectNode integrated = group(u + "C2", d, u + "M2");
        integrated.put("type", "INTEGRATED");
        assertEquals(201, register(integrated, city()).getStatusCode());
        APIGatewayV2HTTPResponse response = call(SampleEvent.of("registration/list-groups.json").claims(city())
                .noQuery().query("district", d).query("type", "INTEGRATED"));
        assertEquals(200, response.getStatusCode());
        assertEquals(1, body(response).get("items").size());
        assertNull(body(response).get("nextToken"));
        assertProblem(call(SampleEvent.of("registration/list-groups.json").claims(district("610902")).noQuery()
                .query("district", d)), 403);
        assertProblem(call(SampleEvent.of("registration/list-groups.json").claims(school(u + "C1"))), 403);
    }

    @Test
    void aPageTokenServesOnlyTheListAndTheCallerItWasIssuedFor() {
        String u = unique();
        String a = String.valueOf(100000 + Math.abs((u + "a").hashCode()) % 800000);
        String b = String.valueOf(100000 + Math.abs((u + "b").hashCode()) % 800000);
        String id = registered(u + "A1", a, u + "N1");
        registered(u + "A2", a, u + "N2");
        registered(u + "B1", b, u + "O1");
        registered(u + "B2", b, u + "O2");
        String token = body(call(groups(district(a)).query("limit", "1"))).get("nextToken").asText();
        String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1);
        assertFalse(decoded.contains(a) || decoded.contains(id), "the token shows nothing of the key: " + decoded);
        // the caller it was issued to continues with it, at any page size
        assertEquals(200, call(groups(district(a)).query("limit", "1").query("nextToken", token)).getStatusCode());
        assertEquals(200, call(groups(district(a)).query("limit", "7").query("nextToken", token)).getStatusCode());
        // another district, the city, another filter of the same list: not theirs to continue
        assertBadPageToken(call(groups(district(b)).query("nextToken", token)));
        assertBadPageToken(call(groups(city()).query("district", a).query("nextToken", token)));
        assertBadPageToken(call(groups(district(a)).query("type", "TRUSTEESHIP").query("nextToken", token)));
        // tokens made up from the keys they used to carry, and altered ones
        String key = "pk=GROUP#" + id + "\u001fsk=GROUP\u001fgsi1pk=DISTRICT#" + a + "\u001fgsi1sk=TRUSTEESHIP#" + id;
        for (String forged : List.of("cGs9eB9zaz0", "cGs9R1JPVVAjeB9zaz1HUk9VUA",
                Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8)),
                token.substring(1), token + "A", token.substring(0, token.length() - 1)
                        + (token.endsWith("A") ? "B" : "A"), "长".repeat(300), "~")) {
            assertBadPageToken(call(groups(district(a)).query("nextToken", forged)));
        }
    }

    static SampleEvent groups(Map<String, String> claims) {
        return SampleEvent.of("registration/list-groups.json").claims(claims).noQuery();
    }

    /** A 400 problem that names the token and tells the caller to start again. */
    static void assertBadPageToken(APIGatewayV2HTTPResponse response) {
        assertProblem(response, 400);
        assertEquals("/query/nextToken", body(response).at("/errors/0/pointer").asText(), response.getBody());
        assertTrue(body(response).get("detail").asText().contains("first page"), response.getBody());
    }

    @Test
    void badListParametersAre400() {
        SampleEvent list = SampleEvent.of("registration/list-groups.json").claims(city());
        assertProblem(call(list.query("limit", "0")), 400);
        assertProblem(call(SampleEvent.of("registration/list-groups.json").claims(city()).query("limit", "501")), 400);
        assertProblem(call(SampleEvent.of("registration/list-groups.json").claims(city()).query("nextToken", "garbage!")), 400);
        assertProblem(call(SampleEvent.of("registration/list-groups.json").claims(city()).query("type", "NOPE")), 400);
        assertProblem(call(SampleEvent.of("registration/list-groups.json").claims(city()).query("district", "12")), 400);
    }

    @Test
    void anUnknownRouteIs404() {
        APIGatewayV2HTTPEvent event = SampleEvent.of("registration/list-groups.json").as(APIGatewayV2HTTPEvent.class);
        event.setRouteKey("DELETE /groups");
        APIGatewayV2HTTPResponse response = handler.execute(event);
        assertProblem(response, 404);
        assertNotEquals(500, response.getStatusCode());
    }
    // ---- the Lambda payload (stream handler) ---------------------------------------------------------------------

    /** The handler's raw output for a raw payload, as Lambda passes it to API Gateway. */
    static String rawCall(String payload) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        handler.handleRequest(new java.io.ByteArrayInputStream(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                out, LocalContext.of("t", "Registration"));
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theResponsePayloadHasApiGatewaysFieldsAndNoNulls() throws Exception {
        String core = unique();
        String groupId = registered(core + "C", "610902", core + "M1");
        SampleEvent event = SampleEvent.of("registration/get-group.json").claims(city()).path("groupId", groupId);
        JsonNode payload = JSON.readTree(rawCall(event.json()));
        Set<String> fields = new HashSet<>();
        payload.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("statusCode", "headers", "body", "isBase64Encoded"), fields, payload.toString());
        assertEquals(200, payload.get("statusCode").asInt());
        assertEquals(false, payload.get("isBase64Encoded").asBoolean());
        assertEquals(groupId, JSON.readTree(payload.get("body").asText()).get("groupId").asText());
        assertTrue(payload.get("headers").get("ETag").isTextual(), payload.toString());
    }

    @Test
    void fieldsThePayloadModelDoesNotKnowAreIgnored() throws Exception {
        String core = unique();
        String groupId = registered(core + "C", "610902", core + "M1");
        ObjectNode event = (ObjectNode) JSON.readTree(SampleEvent.of("registration/get-group.json").claims(city())
                .path("groupId", groupId).json());
        event.put("someFutureField", "x");
        ((ObjectNode) event.get("requestContext")).putObject("authentication").putObject("clientCert")
                .put("subjectDN", "CN=client");
        JsonNode payload = JSON.readTree(rawCall(event.toString()));
        assertEquals(200, payload.get("statusCode").asInt(), payload.toString());
    }

    @Test
    void aPayloadThatIsNotAnHttpApiEventIsABadRequestNotAnException() throws Exception {
        for (String payload : List.of("", "null", "not json", "[1, 2]", "{\"headers\": 7}", "{\"routeKey\": ")) {
            APIGatewayV2HTTPResponse response = LambdaEvents.fromJson(rawCall(payload), APIGatewayV2HTTPResponse.class);
            assertProblem(response, 400);
            assertTrue(body(response).get("detail").asText().contains("payload format 2.0"), payload);
        }
    }
}
