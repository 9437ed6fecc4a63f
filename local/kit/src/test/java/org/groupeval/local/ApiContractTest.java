package org.groupeval.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * openapi.yaml against template.yaml and the sample events, and the checks themselves: each is shown failing on a
 * deliberately wrong template, response or sample, so that a route added without its operation, a field or status
 * a handler answers without the description declaring it, or a sample event that drifts cannot pass unnoticed.
 */
class ApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = SamTemplate.repoRoot();
    private static final ApiContract CONTRACT = ApiContract.repository();

    // ---- the repository's description -----------------------------------------------------------------------------

    @Test
    void everyRouteOfTheTemplateIsAnOperationAndEveryOperationARouteOfTheTemplate() {
        List<String> drift = CONTRACT.routeDrift(SamTemplate.load().routeTable().keySet());
        assertTrue(drift.isEmpty(), String.join("\n", drift));
        JsonNode components = CONTRACT.document().path("components");
        System.out.println("openapi.yaml: " + CONTRACT.routeKeys().size() + " operations, "
                + components.path("schemas").size() + " schemas, " + CONTRACT.problemTypes().size()
                + " problem types");
    }

    @Test
    void everySampleRequestOfEventsConformsToItsOperationAndIsItsExample() throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Path file : sampleEvents()) {
            JsonNode event = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (!event.has("routeKey")) {
                continue; // an S3 notification or a schedule's payload: a trigger, not a request of the API
            }
            checked++;
            String json = event.toString();
            String name = ROOT.resolve("events").relativize(file).toString();
            CONTRACT.requestViolations(ApiContract.requestOf(json)).forEach(v -> failures.add(name + ": " + v));
            // a binary body (an .xlsx, base64-encoded as API Gateway passes it) is not repeated in the description
            if (event.hasNonNull("body") && !event.path("isBase64Encoded").asBoolean(false)) {
                String example = file.getFileName().toString().replace(".json", "");
                JsonNode declared = CONTRACT.document().path("components").path("examples").path(example).path("value");
                if (!JSON.readTree(event.get("body").asText()).equals(JSON.readTree(declared.toString()))) {
                    failures.add(name + ": its body is not the example '" + example + "' of openapi.yaml");
                }
            }
        }
        assertEquals(SamTemplate.load().routeTable().size(), checked, "one sample request per route");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    // ---- a route added to the template without the description ------------------------------------------------

    @Test
    void aRouteTheTemplateGainsWithoutAnOperationIsReported(@TempDir Path dir) throws IOException {
        String template = Files.readString(ROOT.resolve("template.yaml"), StandardCharsets.UTF_8);
        String withRoute = template.replace("""
                        ListGroups:
                          Type: HttpApi""".stripIndent().indent(8), """
                        ArchiveGroup:
                          Type: HttpApi
                          Properties:
                            ApiId: !Ref HttpApi
                            Method: DELETE
                            Path: /groups/{groupId}
                        ListGroups:
                          Type: HttpApi""".stripIndent().indent(8));
        assertFalse(withRoute.equals(template), "the template's ListGroups event was not found to add a route before");
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, withRoute, StandardCharsets.UTF_8);

        List<String> drift = CONTRACT.routeDrift(SamTemplate.load(file).routeTable().keySet());

        assertEquals(List.of("DELETE /groups/{groupId} is a route of template.yaml but not an operation of "
                + "openapi.yaml"), drift);
    }

    @Test
    void anOperationTheTemplateLacksIsReported() throws IOException {
        ObjectNode description = (ObjectNode) CONTRACT.document().deepCopy();
        ((ObjectNode) description.path("paths").path("/groups/{groupId}")).set("delete",
                description.path("paths").path("/groups/{groupId}").path("get").deepCopy());
        ApiContract extra = ApiContract.parse(JSON.writeValueAsString(description));

        List<String> drift = extra.routeDrift(SamTemplate.load().routeTable().keySet());

        assertEquals(List.of("DELETE /groups/{groupId} is an operation of openapi.yaml but no route of template.yaml"),
                drift);
    }

    // ---- a handler answering what the description does not declare ---------------------------------------------

    private static final ApiContract.HttpRequest READ_GROUP = new ApiContract.HttpRequest("GET",
            "/groups/g-01kexamp1e0000000000000000", Map.of(), Map.of("authorization", "Bearer x"), null);

    private static ObjectNode group() {
        ObjectNode group = JSON.createObjectNode();
        group.put("groupId", "g-01kexamp1e0000000000000000").put("name", "汉滨区第一教育集团").put("type", "TRUSTEESHIP")
                .put("district", "610902");
        group.putObject("coreSchool").put("code", "S001").put("name", "汉滨高级中学");
        group.putArray("memberSchools").addObject().put("code", "S002").put("name", "江北小学");
        group.put("createdAt", "2026-08-01T08:30:00Z").put("updatedAt", "2026-08-01T08:30:00Z").put("version", 1);
        return group;
    }

    private static Map<String, String> json(String... more) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        for (int i = 0; i < more.length; i += 2) {
            headers.put(more[i], more[i + 1]);
        }
        return headers;
    }

    @Test
    void aResponseAsDeclaredConforms() {
        assertEquals(List.of(), CONTRACT.responseViolations(READ_GROUP,
                new ApiContract.HttpResponse(200, json("ETag", "\"1\""), group().toString())));
    }

    @Test
    void aBodyMemberTheDescriptionDoesNotDeclareIsAViolation() {
        ObjectNode leaky = group().put("internalNote", "not for callers");

        List<String> violations = CONTRACT.responseViolations(READ_GROUP,
                new ApiContract.HttpResponse(200, json("ETag", "\"1\""), leaky.toString()));

        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains("internalNote"), violations.toString());
        assertThrows(AssertionError.class, () -> CONTRACT.assertConforms(READ_GROUP,
                new ApiContract.HttpResponse(200, json("ETag", "\"1\""), leaky.toString())));
    }

    @Test
    void aStatusTheOperationDoesNotDeclareIsAViolation() {
        String problem = "{\"type\":\"urn:groupeval:problem:payload-too-large\",\"title\":\"The request is too large\","
                + "\"status\":413,\"detail\":\"too large\"}";

        List<String> violations = CONTRACT.responseViolations(READ_GROUP, new ApiContract.HttpResponse(413,
                Map.of("Content-Type", "application/problem+json; charset=utf-8"), problem));

        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).startsWith("status 413 is not declared for GET /groups/{groupId}"),
                violations.toString());
    }

    @Test
    void aHeaderTheOperationDoesNotDeclareIsAViolation() {
        List<String> violations = CONTRACT.responseViolations(READ_GROUP, new ApiContract.HttpResponse(200,
                json("ETag", "\"1\"", "X-Debug-Sql", "SELECT 1"), group().toString()));

        assertEquals(List.of("response header 'x-debug-sql' is not declared for status 200"), violations);
    }

    @Test
    void aProblemTypeItsStatusDoesNotDeclareIsAViolation() {
        String problem = "{\"type\":\"urn:groupeval:problem:stage-closed\",\"title\":\"Closed\",\"status\":409,"
                + "\"detail\":\"closed\"}";
        ApiContract.HttpRequest update = new ApiContract.HttpRequest("PUT", "/groups/g-01kexamp1e0000000000000000", Map.of(),
                Map.of(), "{}");

        List<String> violations = CONTRACT.responseViolations(update, new ApiContract.HttpResponse(409,
                Map.of("Content-Type", "application/problem+json"), problem));

        assertFalse(violations.isEmpty());
        assertTrue(violations.stream().anyMatch(v -> v.contains("enumeration")), violations.toString());
    }

    @Test
    void aWronglyTypedScoreOrAMissingRequiredMemberIsAViolation() {
        ObjectNode group = group();
        group.remove("district");
        group.put("version", "1");

        List<String> violations = CONTRACT.responseViolations(READ_GROUP,
                new ApiContract.HttpResponse(200, json("ETag", "\"1\""), group.toString()));

        assertEquals(2, violations.size(), violations.toString());
    }

    @Test
    void aScoreWithMoreThanTwoDecimalsOrAMalformedIdIsAViolation() {
        ApiContract.HttpRequest readResult = new ApiContract.HttpRequest("GET",
                "/cycles/2026/results/g-01kexamp1e0000000000000000", Map.of(), Map.of(), null);
        ObjectNode result = JSON.createObjectNode().put("groupId", "g-01kexamp1e0000000000000000").put("year", 2026)
                .put("revision", 1).put("name", "汉滨区第一教育集团").put("district", "610902")
                .put("groupType", "TRUSTEESHIP").put("rank", 1).put("districtRank", 1)
                .put("score", new java.math.BigDecimal("96.50")).put("basis", "CITY").put("bandGrade", "EXCELLENT")
                .put("grade", "EXCELLENT").put("award", true).put("seniorPostBonus", false);
        result.putArray("flags");
        result.putObject("explanation").put("score", "市级终审 96.50 / city review 96.50");
        assertEquals(List.of(), CONTRACT.responseViolations(readResult,
                new ApiContract.HttpResponse(200, json(), result.toString())));

        List<String> violations = CONTRACT.responseViolations(readResult, new ApiContract.HttpResponse(200, json(),
                result.put("score", new java.math.BigDecimal("96.505")).put("groupId", "g-1").toString()));

        assertEquals(2, violations.size(), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("/score") && v.contains("0.01")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("/groupId")), violations.toString());
    }

    @Test
    void aBusyAnswerWithoutRetryAfterOrABodyRefusalWhereNoBodyIsTakenIsAViolation() {
        ApiContract.HttpRequest register = new ApiContract.HttpRequest("POST", "/groups", Map.of(), Map.of(), "{}");
        String busy = "{\"type\":\"urn:groupeval:problem:busy\",\"title\":\"The service is busy\",\"status\":503,"
                + "\"detail\":\"send it again\",\"retryAfterSeconds\":1}";
        Map<String, String> problem = Map.of("Content-Type", "application/problem+json");
        Map<String, String> problemRetry = Map.of("Content-Type", "application/problem+json", "Retry-After", "1");
        assertEquals(List.of(), CONTRACT.responseViolations(register,
                new ApiContract.HttpResponse(503, problemRetry, busy)));

        assertEquals(List.of("required response header 'Retry-After' is missing"), CONTRACT.responseViolations(
                register, new ApiContract.HttpResponse(503, problem, busy)));
        String unsupported = "{\"type\":\"urn:groupeval:problem:unsupported-media-type\",\"title\":\"Unsupported "
                + "media type\",\"status\":415,\"detail\":\"JSON only\",\"errors\":[{\"pointer\":"
                + "\"/headers/Content-Type\",\"message\":\"JSON only\"}]}";
        assertEquals(List.of(), CONTRACT.responseViolations(register,
                new ApiContract.HttpResponse(415, problem, unsupported)));
        List<String> violations = CONTRACT.responseViolations(READ_GROUP,
                new ApiContract.HttpResponse(415, problem, unsupported));
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).startsWith("status 415 is not declared for GET /groups/{groupId}"),
                violations.toString());
    }

    @Test
    void aDescriptionThatNoLongerDeclaresAnAnsweredMemberFailsTheResponse() throws IOException {
        ObjectNode description = (ObjectNode) CONTRACT.document().deepCopy();
        ((ObjectNode) description.path("components").path("schemas").path("Group").path("properties"))
                .remove("contact");
        ApiContract narrowed = ApiContract.parse(JSON.writeValueAsString(description));
        ObjectNode withContact = group();
        withContact.putObject("contact").put("name", "王老师");

        assertEquals(List.of(), CONTRACT.responseViolations(READ_GROUP,
                new ApiContract.HttpResponse(200, json("ETag", "\"1\""), withContact.toString())));
        assertFalse(narrowed.responseViolations(READ_GROUP,
                new ApiContract.HttpResponse(200, json("ETag", "\"1\""), withContact.toString())).isEmpty());
    }

    @Test
    void aHandlerTestsResponseIsCheckedThroughTheEventItAnswers() throws IOException {
        String event = LambdaEvents.sampleJson("registration/get-group.json");
        String leaky = JSON.writeValueAsString(Map.of("statusCode", 200, "headers", json("ETag", "\"1\""),
                "body", group().put("internalNote", "x").toString(), "isBase64Encoded", false));

        AssertionError failure = assertThrows(AssertionError.class,
                () -> CONTRACT.assertConformsToEvent(event, leaky));

        assertTrue(failure.getMessage().contains("internalNote"), failure.getMessage());
    }

    // ---- a sample event that drifts ------------------------------------------------------------------------------

    @Test
    void aSampleEventWhoseBodyDriftsNoLongerConforms() throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(LambdaEvents.sampleJson("registration/register-group.json"));
        ObjectNode body = (ObjectNode) JSON.readTree(event.get("body").asText());
        body.set("members", body.remove("memberSchools"));
        event.put("body", body.toString());

        List<String> violations = CONTRACT.requestViolations(ApiContract.requestOf(event.toString()));

        assertEquals(2, violations.size(), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("memberSchools")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("members")), violations.toString());
    }

    @Test
    void aSampleEventWithAnUndeclaredOrInvalidParameterNoLongerConforms() throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(LambdaEvents.sampleJson("registration/list-groups.json"));
        ((ObjectNode) event.get("queryStringParameters")).put("limit", "5000").put("page", "2");

        List<String> violations = CONTRACT.requestViolations(ApiContract.requestOf(event.toString()));

        assertEquals(2, violations.size(), violations.toString());
        assertTrue(violations.contains("query parameter 'page' is not declared"), violations.toString());
    }

    private static List<Path> sampleEvents() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("events"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
