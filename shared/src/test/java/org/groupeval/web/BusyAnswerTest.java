package org.groupeval.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every function's answer when DynamoDB keeps refusing a write for contention, whichever route and store it comes
 * from: a 503 {@code busy} problem with {@code Retry-After}, not a 500. A fault stays a 500.
 */
class BusyAnswerTest {

    private static Failing handler;

    /** A function whose routes fail as DynamoDB makes them fail. */
    static final class Failing extends ApiHandler {
        Failing() {
            super(ApplicationContext.builder());
        }

        @Override
        protected Map<String, Route> routes() {
            return routeTable(
                    "POST /conflicting", (Route) r -> {
                        throw TransactionCanceledException.builder().message("Transaction cancelled")
                                .cancellationReasons(CancellationReason.builder().code("None").build(),
                                        CancellationReason.builder().code("TransactionConflict").build())
                                .build();
                    },
                    "PUT /conflicting", (Route) r -> {
                        throw TransactionConflictException.builder().message("Transaction is ongoing").build();
                    },
                    "GET /broken", (Route) r -> {
                        throw new IllegalStateException("a fault");
                    });
        }
    }

    @BeforeAll
    static void start() {
        handler = new Failing();
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    private static APIGatewayV2HTTPResponse call(String routeKey) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-1").build());
        return handler.execute(event);
    }

    @Test
    void aTransactionThatKeepsConflictingIsA503WithRetryAfter() throws Exception {
        for (String route : new String[] {"POST /conflicting", "PUT /conflicting"}) {
            APIGatewayV2HTTPResponse response = call(route);
            assertEquals(503, response.getStatusCode(), route + ": " + response.getBody());
            assertEquals("1", response.getHeaders().get("Retry-After"), route);
            assertEquals(ApiResponse.PROBLEM_JSON, response.getHeaders().get("Content-Type"), route);
            JsonNode problem = Json.MAPPER.readTree(response.getBody());
            assertEquals("urn:groupeval:problem:busy", problem.get("type").asText());
            assertEquals(503, problem.get("status").asInt());
            assertEquals(1, problem.get("retryAfterSeconds").asInt());
            assertEquals("req-1", problem.get("requestId").asText());
            assertFalse(response.getBody().contains("Exception"), "no internals: " + response.getBody());
        }
    }

    @Test
    void aFaultIsStillA500() {
        APIGatewayV2HTTPResponse response = call("GET /broken");
        assertEquals(500, response.getStatusCode());
        assertEquals(null, response.getHeaders().get("Retry-After"));
    }
}
