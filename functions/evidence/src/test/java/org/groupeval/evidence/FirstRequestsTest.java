package org.groupeval.evidence;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.groupeval.evidence.EvidenceFixture.World;
import org.groupeval.local.LambdaEvents;
import org.groupeval.local.LocalContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.groupeval.evidence.EvidenceFixture.declaration;
import static org.groupeval.evidence.EvidenceFixture.event;
import static org.groupeval.evidence.EvidenceFixture.pdf;
import static org.groupeval.evidence.EvidenceFixture.school;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A function that has just started answers many first requests at once, each needing what is built on first use
 * (the presigner of the upload URLs): every declaration gets its URL, none a 500.
 */
class FirstRequestsTest {

    private static final int AT_ONCE = 16;
    private static EvidenceFixture fx;

    @BeforeAll
    static void start() {
        fx = EvidenceFixture.get();
    }

    @RepeatedTest(5)
    void sixteenFirstDeclarationsAtOnceAllGetTheirUploadUrl() throws Exception {
        World w = fx.world();
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try (EvidenceHandler fresh = new EvidenceHandler()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<APIGatewayV2HTTPResponse>> answers = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                String json = event("declare-evidence.json", w, school(w.core()))
                        .bodyJson(declaration("A11", "first-" + i + ".pdf", "application/pdf", pdf("first " + i)))
                        .json();
                answers.add(pool.submit(() -> {
                    go.await();
                    return LambdaEvents.httpCall(fresh, json, LocalContext.of("first", "Evidence"));
                }));
            }
            go.countDown();
            for (Future<APIGatewayV2HTTPResponse> answer : answers) {
                APIGatewayV2HTTPResponse response = answer.get();
                assertEquals(201, response.getStatusCode(), response.getBody());
                assertTrue(EvidenceFixture.body(response).has("uploadUrl"), response.getBody());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
