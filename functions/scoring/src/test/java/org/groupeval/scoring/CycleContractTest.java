package org.groupeval.scoring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.groupeval.local.SampleEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.groupeval.scoring.ReviewFixtures.at;
import static org.groupeval.scoring.ReviewFixtures.call;
import static org.groupeval.scoring.ReviewFixtures.city;
import static org.groupeval.scoring.ReviewFixtures.district;
import static org.groupeval.scoring.ReviewFixtures.group;
import static org.groupeval.scoring.ReviewFixtures.ok;
import static org.groupeval.scoring.ReviewFixtures.partial;
import static org.groupeval.scoring.ReviewFixtures.problem;
import static org.groupeval.scoring.ReviewFixtures.put;
import static org.groupeval.scoring.ReviewFixtures.school;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cycle's HTTP contract: one ETag names one representation (the framework lock is part of it), and a creation
 * repeated with its Idempotency-Key answers the first result, not the resource as it is now.
 */
class CycleContractTest {

    private static final AtomicInteger YEARS = new AtomicInteger(2090);

    @BeforeAll
    static void boot() {
        ReviewFixtures.start();
    }

    static APIGatewayV2HTTPResponse read(int year) {
        return call(SampleEvent.of("scoring/get-cycle.json").claims(city()).path("year", String.valueOf(year)));
    }

    static SampleEvent create(int year, String key) {
        return SampleEvent.of("scoring/create-cycle.json").claims(city()).header("Idempotency-Key", key)
                .bodyJson(Map.of("year", year, "frameworkId", "ankang-2022", "panel", Map.of("required", false)));
    }

    @Test
    void theETagChangesWhenTheFrameworkIsLockedSoAStaleIfMatchIsRefused() {
        int year = YEARS.getAndIncrement();
        ok(call(create(year, null)), 201);
        APIGatewayV2HTTPResponse before = read(year);
        assertEquals("\"1\"", before.getHeaders().get("ETag"));
        assertFalse(ok(before, 200).get("frameworkLocked").asBoolean());

        ReviewFixtures.TestGroup g = group(district());
        at(year, 8, 1, 9, 0, 0);
        ok(put(g, year, "self", school(g), partial(), null), 201);

        APIGatewayV2HTTPResponse after = read(year);
        JsonNode locked = ok(after, 200);
        assertTrue(locked.get("frameworkLocked").asBoolean());
        assertNotEquals(before.getHeaders().get("ETag"), after.getHeaders().get("ETag"));
        assertEquals("\"" + locked.get("version").asLong() + "\"", after.getHeaders().get("ETag"));
        // the city's copy read before the lock is stale: PATCH with it is refused, not applied to a changed cycle
        problem(call(SampleEvent.of("scoring/update-cycle.json").claims(city()).path("year", String.valueOf(year))
                .header("If-Match", "\"1\"").bodyJson(Map.of("deadlines",
                        Map.of("self", year + "-09-05T23:59:59+08:00")))), 412, "precondition-failed");
        ok(call(SampleEvent.of("scoring/update-cycle.json").claims(city()).path("year", String.valueOf(year))
                .header("If-Match", after.getHeaders().get("ETag")).bodyJson(Map.of("deadlines",
                        Map.of("self", year + "-09-05T23:59:59+08:00")))), 200);
    }

    @Test
    void firstSheetsOfManyGroupsAtOnceAllSaveWhileTheFrameworkIsLockedOnce() throws Exception {
        int year = YEARS.getAndIncrement();
        ok(call(create(year, null)), 201);
        at(year, 8, 1, 9, 0, 0);
        String d = district();
        List<ReviewFixtures.TestGroup> groups = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            groups.add(group(d));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<APIGatewayV2HTTPResponse>> saves = new ArrayList<>();
            for (ReviewFixtures.TestGroup g : groups) {
                saves.add(() -> put(g, year, "self", school(g), partial(), null));
            }
            for (Future<APIGatewayV2HTTPResponse> f : pool.invokeAll(saves)) {
                ok(f.get(), 201);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode cycle = ok(read(year), 200);
        assertTrue(cycle.get("frameworkLocked").asBoolean());
        assertEquals(2, cycle.get("version").asInt(), "locking is one change of the cycle");
    }

    @Test
    void aRepeatedCycleCreationAnswersTheFirstResult() {
        int year = YEARS.getAndIncrement();
        String key = "cycle-" + year;
        APIGatewayV2HTTPResponse first = call(create(year, key));
        JsonNode created = ok(first, 201);
        ok(call(SampleEvent.of("scoring/update-cycle.json").claims(city()).path("year", String.valueOf(year))
                .header("If-Match", "\"1\"").bodyJson(Map.of("rankingAt", (year + 1) + "-01-05T10:00:00+08:00"))),
                200);
        APIGatewayV2HTTPResponse again = call(create(year, key));
        assertEquals(201, again.getStatusCode(), again.getBody());
        assertEquals("true", again.getHeaders().get("Idempotent-Replayed"));
        assertEquals(first.getHeaders().get("ETag"), again.getHeaders().get("ETag"));
        assertEquals(created, ok(again, 201));
    }

    @Test
    void aRepeatedExtensionAnswersTheFirstGrant() {
        int year = YEARS.getAndIncrement();
        ok(call(create(year, null)), 201);
        ReviewFixtures.TestGroup g = group(district());
        at(year, 8, 1, 9, 0, 0);
        SampleEvent grant = SampleEvent.of("scoring/grant-extension.json").claims(city())
                .header("Idempotency-Key", "ext-" + year).path("year", String.valueOf(year))
                .bodyJson(Map.of("groupId", g.groupId(), "stage", "self", "deadline", year + "-09-07T23:59:59+08:00",
                        "reason", "typhoon closure"));
        JsonNode first = ok(call(grant), 201);
        // the city grants a later one (a new request), then the first request is repeated
        ok(call(SampleEvent.of("scoring/grant-extension.json").claims(city()).header("Idempotency-Key", null)
                .path("year", String.valueOf(year)).bodyJson(Map.of("groupId", g.groupId(), "stage", "self",
                        "deadline", year + "-09-14T23:59:59+08:00", "reason", "second typhoon"))), 201);
        APIGatewayV2HTTPResponse again = call(grant);
        assertEquals("true", again.getHeaders().get("Idempotent-Replayed"));
        assertEquals(first, ok(again, 201));
        assertEquals(year + "-09-07T23:59:59+08:00", first.get("deadline").asText());
    }
}
