package org.groupeval.registration;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import org.groupeval.local.LocalAws;
import org.groupeval.local.LambdaEvents;
import org.groupeval.local.LocalContext;
import org.groupeval.local.SampleEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /frameworks, GET /frameworks/{id}, POST /frameworks/{id}/score through the registration entry point. */
class FrameworkRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static RegistrationHandler handler;

    @BeforeAll
    static void start() {
        LocalAws.start();
        handler = new RegistrationHandler();
    }

    static APIGatewayV2HTTPResponse call(SampleEvent event) {
        return LambdaEvents.httpCall(handler, event.json(), LocalContext.of("t", "Registration"));
    }

    static JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
        return JSON.readTree(r.getBody());
    }

    @Test
    void bothBuiltInFrameworksAreListed() throws Exception {
        APIGatewayV2HTTPResponse r = call(SampleEvent.of("registration/list-frameworks.json"));
        assertEquals(200, r.getStatusCode(), r.getBody());
        Set<String> ids = new HashSet<>();
        body(r).get("items").forEach(f -> ids.add(f.get("id").asText() + "@" + f.get("version").asText()));
        assertEquals(Set.of("ankang-2022@1", "chengdu-2023@1"), ids);
    }

    @Test
    void aFrameworkShowsEveryIndicatorWithItsRuleAndExpectedInput() throws Exception {
        APIGatewayV2HTTPResponse r = call(SampleEvent.of("registration/get-framework.json"));
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode f = body(r);
        assertEquals(100, f.get("maxScore").asInt());
        int indicators = 0;
        for (JsonNode c : f.get("categories")) {
            for (JsonNode i : c.get("indicators")) {
                indicators++;
                assertTrue(i.at("/rule/type").isTextual(), i.toString());
                assertFalse(i.at("/rule/input").isMissingNode(), "input shape exposed for " + i.get("id"));
            }
        }
        assertEquals(18, indicators);
        APIGatewayV2HTTPResponse chengdu = call(SampleEvent.of("registration/get-framework.json")
                .path("frameworkId", "chengdu-2023"));
        assertEquals(120, body(chengdu).get("maxTotal").asInt(), chengdu.getBody());
    }

    @Test
    void everyScoreIsShownWithTwoDecimalsAndRatiosKeepTheirOwnDigits() {
        String list = call(SampleEvent.of("registration/list-frameworks.json")).getBody();
        assertTrue(list.contains("\"maxScore\":100.00") && list.contains("\"maxTotal\":103.00"), list);
        String ankang = call(SampleEvent.of("registration/get-framework.json")).getBody();
        for (String score : List.of("\"maxScore\":100.00", "\"maxPoints\":15.00", "\"maxPoints\":6.00",
                "\"cap\":3.00", "\"points\":3.00", "\"min\":90.00", "\"below\":90.00")) {
            assertTrue(ankang.contains(score), score + " in " + ankang);
        }
        // the preview answers a sheet as the sheet routes do: every figure with two decimals
        String scored = call(SampleEvent.of("registration/score-sheet.json")).getBody();
        for (String score : List.of("\"maxPoints\":6.00", "\"maxScore\":100.00", " of 6.00")) {
            assertTrue(scored.contains(score), score + " in " + scored);
        }
        assertFalse(scored.matches(".*\"(points|maxPoints|total|baseTotal)\":\\d+(\\.\\d)?[,}].*"), scored);
    }

    @Test
    void anUnknownFrameworkOrVersionIs404() {
        APIGatewayV2HTTPResponse malformed = call(SampleEvent.of("registration/get-framework.json")
                .path("frameworkId", "a".repeat(2_000)));
        assertEquals(400, malformed.getStatusCode(), malformed.getBody());
        assertTrue(malformed.getBody().contains("/path/frameworkId"), malformed.getBody());
        assertEquals(404, call(SampleEvent.of("registration/get-framework.json").path("frameworkId", "paris-2030"))
                .getStatusCode());
        assertEquals(404, call(SampleEvent.of("registration/get-framework.json").query("version", "9"))
                .getStatusCode());
    }

    @Test
    void theSampleSheetScoresWithExplanationsAndSavesNothing() throws Exception {
        APIGatewayV2HTTPResponse r = call(SampleEvent.of("registration/score-sheet.json"));
        assertEquals(200, r.getStatusCode(), r.getBody());
        JsonNode scored = body(r);
        assertTrue(r.getBody().contains("\"total\":103.00"), "scores carry two decimals: " + r.getBody());
        assertEquals("EXCELLENT", scored.get("grade").asText());
        assertTrue(scored.get("complete").asBoolean());
        JsonNode a04 = scored.at("/indicators/A04");
        assertEquals(0, a04.get("points").decimalValue().compareTo(new java.math.BigDecimal("5")));
        assertFalse(a04.at("/explanation/zh").asText().isBlank());
        assertFalse(a04.at("/explanation/en").asText().isBlank());
    }

    @Test
    void invalidSheetInputListsEveryErrorWithItsPointer() throws Exception {
        SampleEvent event = SampleEvent.of("registration/score-sheet.json");
        ObjectNode sheet = event.bodyTree();
        ((ObjectNode) sheet.get("indicators")).putObject("A01").put("ratio", 1.5);
        ((ObjectNode) sheet.get("indicators")).putObject("A99").put("ratio", 1);
        ((ObjectNode) sheet.get("indicators")).putObject("A11").putArray("grades").add("SUPERB");
        APIGatewayV2HTTPResponse r = call(event.bodyJson(sheet));
        assertEquals(400, r.getStatusCode(), r.getBody());
        Set<String> pointers = new HashSet<>();
        body(r).get("errors").forEach(e -> pointers.add(e.get("pointer").asText()));
        assertTrue(pointers.containsAll(Set.of("/indicators/A01/ratio", "/indicators/A99")), pointers.toString());
        assertTrue(pointers.stream().anyMatch(p -> p.startsWith("/indicators/A11/grades")), pointers.toString());
    }

    @Test
    void numbersWithAbsurdExponentsAreRefusedWithTheirPointersNotComputed() throws Exception {
        // 1e1000000000 is a short body that would otherwise make the scorer build a billion-digit number (it was a 500)
        APIGatewayV2HTTPResponse r = call(SampleEvent.of("registration/score-sheet.json").body(
                "{\"indicators\": {\"A01\": {\"ratio\": 1e1000000000}, \"A02\": {\"percent\": 1e-1000000000},"
                        + " \"A18\": {\"percent\": 92.5}}}"));
        assertEquals(400, r.getStatusCode(), r.getBody());
        assertTrue(r.getHeaders().get("Content-Type").startsWith("application/problem+json"), r.getHeaders().toString());
        JsonNode problem = body(r);
        assertEquals("the request body has 2 numbers out of range", problem.get("detail").asText());
        Set<String> pointers = new HashSet<>();
        problem.get("errors").forEach(e -> pointers.add(e.get("pointer").asText()));
        assertEquals(Set.of("/indicators/A01/ratio", "/indicators/A02/percent"), pointers);
        assertTrue(problem.at("/errors/0/message").asText().startsWith("is out of range"), r.getBody());
        // an ordinary value with many decimals (a binary double printed in full) still scores
        assertEquals(200, call(SampleEvent.of("registration/score-sheet.json").body(
                "{\"indicators\": {\"A01\": {\"ratio\": 0.30000000000000004}}}")).getStatusCode());
    }

    @Test
    void aBodyOverSixtyFourKibibytesIsRefusedWith413BeforeItIsRead() throws Exception {
        String padding = "\"GOOD\", ".repeat(9000);
        APIGatewayV2HTTPResponse r = call(SampleEvent.of("registration/score-sheet.json").body(
                "{\"indicators\": {\"A11\": {\"grades\": [" + padding + "\"GOOD\"]}}}"));
        assertEquals(413, r.getStatusCode(), r.getBody());
        assertTrue(r.getHeaders().get("Content-Type").startsWith("application/problem+json"), r.getHeaders().toString());
        JsonNode problem = body(r);
        assertEquals("urn:groupeval:problem:payload-too-large", problem.get("type").asText());
        assertEquals("the request body is 72045 bytes; this route accepts at most 65536", problem.get("detail").asText());
    }

    @Test
    void submissionModeRefusesAnIncompleteSheetWhileDraftModeScoresIt() throws Exception {
        SampleEvent draft = SampleEvent.of("registration/score-sheet.json");
        ObjectNode sheet = draft.bodyTree();
        ((ObjectNode) sheet.get("indicators")).remove("A18");
        APIGatewayV2HTTPResponse d = call(draft.bodyJson(sheet));
        assertEquals(200, d.getStatusCode());
        assertFalse(body(d).get("complete").asBoolean());
        APIGatewayV2HTTPResponse s = call(SampleEvent.of("registration/score-sheet.json").query("mode", "submission")
                .bodyJson(sheet));
        assertEquals(400, s.getStatusCode(), s.getBody());
        assertEquals(400, call(SampleEvent.of("registration/score-sheet.json").query("mode", "final")).getStatusCode());
    }

    @Test
    void frameworksNeedAnIdentity() {
        assertEquals(401, call(SampleEvent.of("registration/list-frameworks.json").claims(null)).getStatusCode());
    }

    @Test
    void aMisconfiguredHandlerFailsLoudlyAtStartInsteadOfServingErrors() {
        String previous = System.getProperty("DYNAMODB_ENDPOINT");
        System.setProperty("DYNAMODB_ENDPOINT", "::not a uri");
        try {
            assertThrows(RuntimeException.class, () -> new RegistrationHandler(ApplicationContext.builder()));
        } finally {
            System.setProperty("DYNAMODB_ENDPOINT", previous);
        }
    }
}
