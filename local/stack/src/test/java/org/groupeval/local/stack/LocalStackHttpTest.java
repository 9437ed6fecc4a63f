package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local stack's own HTTP behaviour: every request it cannot read is a problem+json 400 (not the HTTP server's
 * HTML page), and CORS lets exactly the configured origin and pages of this machine read answers.
 */
class LocalStackHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final StackClient client = new StackClient();

    private static String raw(byte[] request) throws IOException {
        return StackClient.raw(client.stack().port(), request);
    }

    private static void assertProblem(String answer, int status, String what) throws IOException {
        assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), what + ": " + answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), what + ": " + answer);
        JsonNode problem = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertEquals(status, problem.get("status").asInt(), answer);
        assertTrue(problem.get("type").asText().startsWith("urn:groupeval:problem:"), answer);
        assertFalse(problem.get("detail").asText().isBlank(), answer);
    }

    @Test
    void malformedUrlsAreProblemJson() throws IOException {
        for (String target : List.of("/groups/%zz", "/groups/%", "/groups/\"<>", "/groups/'\"<>", "/groups?district=%zz",
                "/groups/%ff", "/groups/a b")) {
            String answer = raw(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertProblem(answer, 400, target);
            assertTrue(answer.contains("malformed-request"), answer);
        }
        byte[] nonAscii = "GET /groups/汉 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(raw(nonAscii), 400, "raw UTF-8 bytes");
        assertProblem(raw("GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)), 400, "no HTTP");
        assertProblem(raw(("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1)), 431, "headers too large");
    }

    @Test
    void corsAllowsExactlyThisMachinesPagesAndTheConfiguredOrigin() throws Exception {
        for (String origin : List.of("http://localhost:5173", "http://127.0.0.1:8080")) {
            HttpResponse<String> r = client.send("OPTIONS", "/groups", null, null, "Origin", origin,
                    "Access-Control-Request-Method", "POST");
            assertEquals(origin, r.headers().firstValue("access-control-allow-origin").orElse(null), origin);
        }
        for (String origin : List.of("http://localhost.evil.example", "http://localhost:5173.evil.example",
                "http://localhost", "https://localhost:5173", "http://localhost:5173/", "http://user@localhost:5173",
                "http://127.0.0.1.evil.example:80", "null")) {
            HttpResponse<String> r = client.send("OPTIONS", "/groups", null, null, "Origin", origin,
                    "Access-Control-Request-Method", "POST");
            assertTrue(r.headers().firstValue("access-control-allow-origin").isEmpty(), origin);
            HttpResponse<String> get = client.send("GET", "/frameworks", client.token("role=CITY"), null,
                    "Origin", origin);
            assertEquals(200, get.statusCode());
            assertTrue(get.headers().firstValue("access-control-allow-origin").isEmpty(), origin);
        }
    }

    @Test
    void originsAreComparedParsed() {
        assertTrue(LocalStack.allowedOrigin("https://eval.example.org", "https://eval.example.org"));
        assertTrue(LocalStack.allowedOrigin("http://localhost:3000", "https://eval.example.org"));
        assertFalse(LocalStack.allowedOrigin("http://localhost.evil.example", "https://eval.example.org"));
        assertFalse(LocalStack.allowedOrigin("http://localhost:3000@evil.example", "https://eval.example.org"));
        assertFalse(LocalStack.allowedOrigin("http://[::1", "https://eval.example.org"));
    }
}
