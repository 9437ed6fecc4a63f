package org.groupeval.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.groupeval.json.Json;
import org.groupeval.local.LambdaInvoker;
import org.groupeval.local.LocalContext;
import org.groupeval.web.StructuredLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bootstrap every function shares: a function that cannot start fails its init loudly (never serves a request
 * half-started), an invocation reads its event and writes its answer as JSON, and a failed invocation is logged and
 * rethrown unchanged so that Lambda retries it.
 */
class FunctionHandlerTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    /** A bean whose creation fails, as a client with a broken setting does. */
    @Singleton
    static final class Misconfigured {
        Misconfigured() {
            throw new IllegalStateException("SETTING is not set");
        }
    }

    @Singleton
    static final class Greeting {
        String greet(String name) {
            return "hello " + name;
        }
    }

    /** Answers {@code {"greeting": ...}} for {@code {"name": ...}}; fails for {@code {"fail": true}}. */
    static class Greeter extends FunctionHandler<JsonNode, Map<String, Object>> {
        @Inject
        Greeting greeting;

        Greeter() {
            super(JsonNode.class, LambdaContexts.builder());
        }

        @Override
        protected Map<String, Object> handle(JsonNode event, Context lambdaContext) {
            if (event.path("fail").asBoolean()) {
                throw new IllegalArgumentException("asked to fail");
            }
            return Map.of("greeting", greeting.greet(event.path("name").asText()));
        }

        @Override
        protected String failureMessage() {
            return "greeting failed";
        }
    }

    static final class NeedsMisconfigured extends FunctionHandler<JsonNode, String> {
        @Inject
        Misconfigured misconfigured;

        /** The constructor Lambda calls. */
        NeedsMisconfigured() {
            super(JsonNode.class, Startup.preparing());
        }

        @Override
        protected String handle(JsonNode event, Context lambdaContext) {
            return "served";
        }
    }

    @BeforeEach
    void captureLog() {
        StructuredLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        StructuredLog.redirect(System.out);
    }

    private List<JsonNode> logLines() {
        return log.toString(StandardCharsets.UTF_8).lines().map(line -> {
            try {
                return Json.MAPPER.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON log line: " + line, e);
            }
        }).toList();
    }

    @Test
    void aFunctionWhoseBeansCannotBeCreatedFailsItsInitLoudly() {
        IllegalStateException e = assertThrows(IllegalStateException.class, NeedsMisconfigured::new);
        assertTrue(e.getMessage().startsWith("NeedsMisconfigured did not start"), e.getMessage());
        StringBuilder causes = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            causes.append(t.getMessage()).append('\n');
        }
        assertTrue(causes.toString().contains("SETTING is not set"), causes.toString());
        List<JsonNode> lines = logLines();
        assertEquals(1, lines.size(), lines.toString());
        assertEquals("ERROR", lines.get(0).get("level").asText());
        assertEquals("function did not start", lines.get(0).get("message").asText());
        assertEquals("NeedsMisconfigured", lines.get(0).get("function").asText());
    }

    @Test
    void anInvocationReadsItsEventAndWritesItsAnswerAsJson() {
        try (Greeter greeter = new Greeter()) {
            String answer = LambdaInvoker.of(greeter).invoke("{\"name\":\"安康\"}", LocalContext.of("r1", "Greeter"));
            assertEquals("{\"greeting\":\"hello 安康\"}", answer);
            assertEquals(List.of(), logLines());
        }
    }

    @Test
    void aFailedInvocationIsLoggedAndRethrownUnchangedForLambdaToRetry() {
        try (Greeter greeter = new Greeter()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LambdaInvoker.of(greeter)
                    .invoke("{\"fail\":true}", LocalContext.of("r2", "Greeter")));
            assertEquals("asked to fail", e.getMessage());
            List<JsonNode> lines = logLines();
            assertEquals(1, lines.size(), lines.toString());
            assertEquals("ERROR", lines.get(0).get("level").asText());
            assertEquals("greeting failed", lines.get(0).get("message").asText());
            assertEquals("r2", lines.get(0).get("requestId").asText());
            assertEquals("java.lang.IllegalArgumentException: asked to fail", lines.get(0).get("error").asText());
        }
    }

    @Test
    void aPayloadThatIsNotJsonFailsTheInvocation() {
        try (Greeter greeter = new Greeter()) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> LambdaInvoker.of(greeter)
                    .invoke("not json", LocalContext.of("r3", "Greeter")));
            assertTrue(e.getCause().getMessage().contains("Unrecognized token"), e.getCause().getMessage());
        }
    }
}
