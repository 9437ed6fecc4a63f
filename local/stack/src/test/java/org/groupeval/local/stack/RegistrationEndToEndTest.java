package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local stack started on a free port, driven over real HTTP with tokens it issued, as a client would: the
 * template's routing, the emulated JWT authorizer and the registration function's rules end to end.
 */
class RegistrationEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final StackClient client = new StackClient();

    static String group(String core, String district, String... members) {
        StringBuilder m = new StringBuilder();
        for (String member : members) {
            m.append(m.length() == 0 ? "" : ",").append("{\"code\":\"").append(member).append("\",\"name\":\"成员校 ")
                    .append(member).append("\"}");
        }
        return "{\"name\":\"教育集团 " + core + "\",\"type\":\"COLLABORATIVE\",\"district\":\"" + district
                + "\",\"coreSchool\":{\"code\":\"" + core + "\",\"name\":\"核心校\"},\"memberSchools\":[" + m + "]}";
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static void assertProblem(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                r.headers().toString());
        assertEquals(status, json(r).get("status").asInt());
    }

    @Test
    void registrationEndToEndWithEveryRole() throws Exception {
        String school = client.token("role=SCHOOL&school=E2E1");
        String otherSchool = client.token("role=SCHOOL&school=E2E9");
        String district = client.token("role=DISTRICT&district=610902");
        String otherDistrict = client.token("role=DISTRICT&district=610921");
        String city = client.token("role=CITY");

        // 401 without a token, and with a token the stack did not issue
        assertProblem(client.send("POST", "/groups", null, group("E2E1", "610902", "E2E2")), 401);
        assertProblem(client.send("GET", "/groups", "not.a.token", null), 401);

        // 400 listing several field errors at once
        HttpResponse<String> bad = client.send("POST", "/groups", school,
                "{\"name\":\"\",\"type\":\"X\",\"district\":\"61\",\"coreSchool\":{\"code\":\"E2E1\",\"name\":\"c\"},"
                        + "\"memberSchools\":[{\"code\":\"E2E1\",\"name\":\"m\"}]}");
        assertProblem(bad, 400);
        Set<String> pointers = new HashSet<>();
        json(bad).get("errors").forEach(e -> pointers.add(e.get("pointer").asText()));
        assertEquals(Set.of("/name", "/type", "/district", "/memberSchools/0/code"), pointers);

        // 201, and the same Idempotency-Key again returns the same group
        HttpResponse<String> created = client.send("POST", "/groups", school, group("E2E1", "610902", "E2E2", "E2E3"),
                "Idempotency-Key", "e2e-register-1");
        assertEquals(201, created.statusCode(), created.body());
        String id = json(created).get("groupId").asText();
        HttpResponse<String> again = client.send("POST", "/groups", school, group("E2E1", "610902", "E2E2", "E2E3"),
                "Idempotency-Key", "e2e-register-1");
        assertEquals(201, again.statusCode());
        assertEquals(id, json(again).get("groupId").asText());
        HttpResponse<String> list = client.send("GET", "/groups?district=610902&limit=500", city, null);
        long copies = 0;
        for (JsonNode g : json(list).get("items")) {
            copies += g.at("/coreSchool/code").asText().equals("E2E1") ? 1 : 0;
        }
        assertEquals(1, copies, "one group, not two");

        // 409 naming the holder when another group claims one of its schools
        HttpResponse<String> taken = client.send("POST", "/groups", otherSchool, group("E2E9", "610902", "E2E3"));
        assertProblem(taken, 409);
        assertEquals(id, json(taken).get("holderGroupId").asText());

        // who sees what: 403 across schools and districts
        assertEquals(200, client.send("GET", "/groups/" + id, school, null).statusCode());
        assertEquals(200, client.send("GET", "/groups/" + id, district, null).statusCode());
        assertEquals(200, client.send("GET", "/groups/" + id, city, null).statusCode());
        assertProblem(client.send("GET", "/groups/" + id, otherSchool, null), 403);
        assertProblem(client.send("GET", "/groups/" + id, otherDistrict, null), 403);
        assertProblem(client.send("GET", "/groups?district=610902", otherDistrict, null), 403);

        // 412 on a stale If-Match; the right one wins and bumps the ETag
        HttpResponse<String> updated = client.send("PUT", "/groups/" + id, school, group("E2E1", "610902", "E2E2"),
                "If-Match", "\"1\"");
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals("\"2\"", updated.headers().firstValue("ETag").orElseThrow());
        assertProblem(client.send("PUT", "/groups/" + id, school, group("E2E1", "610902", "E2E2", "E2E4"),
                "If-Match", "\"1\""), 412);

        // an unknown route is a 404 problem, not a crash
        assertProblem(client.send("GET", "/nowhere", city, null), 404);
    }

    @Test
    void theStackServesTheApiDescriptionBesideTheApi() throws Exception {
        HttpResponse<String> spec = client.send("GET", "/openapi.yaml", null, null);
        assertEquals(200, spec.statusCode());
        assertTrue(spec.body().startsWith("openapi: 3.1.0"), spec.body().substring(0, 40));
    }

    @Test
    void twentyParallelRegistrationsOverHttpYieldOneGroup() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String core = "PAR" + i;
            String token = client.token("role=SCHOOL&school=" + core);
            HttpRequest request = HttpRequest.newBuilder(client.uri("/groups"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(group(core, "610902", "PARSHARED"), StandardCharsets.UTF_8))
                    .build();
            calls.add(client.http().sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(client::checked));
        }
        int created = 0;
        int conflicts = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            int status = call.get().statusCode();
            created += status == 201 ? 1 : 0;
            conflicts += status == 409 ? 1 : 0;
        }
        assertEquals(1, created);
        assertEquals(19, conflicts);
    }

    @Test
    void tokensNeedARoleAndItsScope() throws Exception {
        assertEquals(400, client.http().send(HttpRequest.newBuilder(client.uri("/_local/token?role=KING"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(400, client.http().send(HttpRequest.newBuilder(client.uri("/_local/token?role=SCHOOL"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        String expert = client.token("role=EXPERT&sub=" + URLEncoder.encode("E01", StandardCharsets.UTF_8) + "&school=S777");
        assertTrue(client.stack().issuer().verify(expert).orElseThrow().get("sub").equals("E01"));
    }

    @Test
    void anUnknownScheduleIs404() throws Exception {
        assertProblem(client.send("POST", "/_local/schedules/NoSuchSchedule", null, null), 404);
    }

    /**
     * A spreadsheet over real HTTP: the stack passes the binary body base64-encoded, as API Gateway does, the
     * template comes back as an .xlsx, and a 50 MB file is refused (413) before any function sees it.
     */
    @Test
    void groupsAreImportedFromASpreadsheetOverHttp() throws Exception {
        String city = client.token("role=CITY");
        String xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        HttpResponse<byte[]> template = client.sendBytes("GET", "/groups/import/template.xlsx", city, null, null);
        assertEquals(200, template.statusCode());
        assertEquals('P', (char) template.body()[0]);
        assertEquals('K', (char) template.body()[1]);
        java.util.List<java.util.List<String>> rows = new ArrayList<>();
        rows.add(org.groupeval.domain.group.GroupImport.LAYOUT.headers());
        rows.add(List.of("导入集团 E2EX", "协作型", "610902", "E2EXC", "核心校", "E2EXM1 成员校一\nE2EXM2 成员校二"));
        byte[] file = org.groupeval.local.SampleXlsx.sheet("集团名单", 1, rows);
        HttpResponse<byte[]> imported = client.sendBytes("POST", "/groups/import", city, file, xlsx);
        String answer = new String(imported.body(), StandardCharsets.UTF_8);
        assertEquals(201, imported.statusCode(), answer);
        assertEquals(1, JSON.readTree(answer).get("created").asInt());
        HttpResponse<byte[]> huge = client.sendBytes("POST", "/groups/import", city, new byte[50 * 1024 * 1024], xlsx);
        assertEquals(413, huge.statusCode());
    }
}
