package org.groupeval.evidence;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupeval.domain.evidence.EvidenceLimits;
import org.groupeval.domain.evidence.FileType;
import org.groupeval.evidence.EvidenceFixture.World;
import org.groupeval.store.StoredItem;
import org.groupeval.store.Tables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.Key;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.groupeval.evidence.EvidenceFixture.assertProblem;
import static org.groupeval.evidence.EvidenceFixture.body;
import static org.groupeval.evidence.EvidenceFixture.declaration;
import static org.groupeval.evidence.EvidenceFixture.pdf;
import static org.groupeval.evidence.EvidenceFixture.school;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Declarations: validation, the limits (each naming its setting), the cycle's framework, idempotency. */
class EvidenceDeclarationTest {

    private static EvidenceFixture fx;
    private static EvidenceLimits defaults;

    @BeforeAll
    static void start() {
        fx = EvidenceFixture.get();
        defaults = fx.handler.limits;
    }

    @AfterEach
    void restoreLimits() {
        fx.handler.limits = defaults;
    }

    private static List<String> pointers(APIGatewayV2HTTPResponse response) {
        List<String> pointers = new ArrayList<>();
        body(response).get("errors").forEach(e -> pointers.add(e.get("pointer").asText()));
        return pointers;
    }

    @Test
    void theTemplateSettingsAreTheDocumentedDefaults() {
        assertEquals(50L * 1024 * 1024, defaults.maxBytes());
        assertEquals(300, defaults.maxFilesPerGroupAndCycle());
        assertEquals(EnumSet.allOf(FileType.class), defaults.allowedTypes());
        assertEquals(Duration.ofMinutes(15), defaults.uploadUrlTtl());
        assertEquals(Duration.ofMinutes(5), defaults.downloadUrlTtl());
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        World w = fx.world();
        ObjectNode body = EvidenceFixture.JSON.createObjectNode();
        body.put("indicatorId", "Z99");
        body.put("title", " ");
        body.put("fileName", "../etc/passwd");
        body.put("contentType", "application/x-msdownload");
        body.put("size", 0);
        body.put("sha256", "not-a-hash");
        APIGatewayV2HTTPResponse response = fx.declare(w, body, school(w.core()));
        assertProblem(response, 400);
        assertEquals(List.of("/indicatorId", "/title", "/materialNumber", "/fileName", "/contentType", "/size",
                "/sha256"), pointers(response));
        assertTrue(body(response).at("/errors/0/message").asText().contains("ankang-2022"));
    }

    @Test
    void aDisallowedTypeNamesTheAllowedTypesSetting() {
        World w = fx.world();
        fx.handler.limits = new EvidenceLimits(EnumSet.of(FileType.PDF), defaults.maxBytes(),
                defaults.maxFilesPerGroupAndCycle(), defaults.uploadUrlTtl(), defaults.downloadUrlTtl());
        APIGatewayV2HTTPResponse response = fx.declare(w, declaration("A01", "photo.jpg", "image/jpeg", new byte[10]),
                school(w.core()));
        assertProblem(response, 400);
        JsonNode problem = body(response);
        assertEquals("/contentType", problem.at("/errors/0/pointer").asText());
        assertTrue(problem.at("/errors/0/message").asText().contains("EVIDENCE_ALLOWED_TYPES"));
        assertEquals("EVIDENCE_ALLOWED_TYPES", problem.at("/limits/0/setting").asText());
        assertEquals("pdf", problem.at("/limits/0/value/0").asText());
    }

    @Test
    void aFileAboveTheSizeLimitNamesTheMaxBytesSetting() {
        World w = fx.world();
        ObjectNode body = declaration("A01", "big.mp4", "video/mp4", new byte[10]);
        body.put("size", 50L * 1024 * 1024 + 1);
        APIGatewayV2HTTPResponse response = fx.declare(w, body, school(w.core()));
        assertProblem(response, 400);
        JsonNode problem = body(response);
        assertEquals("/size", problem.at("/errors/0/pointer").asText());
        assertTrue(problem.at("/errors/0/message").asText().contains("EVIDENCE_MAX_BYTES"));
        assertEquals(52428800, problem.at("/limits/0/value").asLong());
        body.put("size", 50L * 1024 * 1024);
        assertEquals(201, fx.declare(w, body, school(w.core())).getStatusCode(), "the limit itself is allowed");
    }

    @Test
    void aGroupHoldsAtMostTheMaxFilesAndAWithdrawalFreesASlot() {
        World w = fx.world();
        fx.handler.limits = new EvidenceLimits(defaults.allowedTypes(), defaults.maxBytes(), 2,
                defaults.uploadUrlTtl(), defaults.downloadUrlTtl());
        String first = fx.declared(w, declaration("A01", "1.pdf", "application/pdf", pdf("1"))).get("evidenceId")
                .asText();
        fx.declared(w, declaration("A01", "2.pdf", "application/pdf", pdf("2")));
        APIGatewayV2HTTPResponse third = fx.declare(w, declaration("A01", "3.pdf", "application/pdf", pdf("3")),
                school(w.core()));
        assertProblem(third, 409);
        JsonNode problem = body(third);
        assertEquals("urn:groupeval:problem:evidence-limit-reached", problem.get("type").asText());
        assertEquals("EVIDENCE_MAX_FILES", problem.at("/limit/setting").asText());
        assertEquals(2, problem.at("/limit/value").asInt());

        assertEquals(204, fx.withdraw(w, first, school(w.core())).getStatusCode());
        assertEquals(201, fx.declare(w, declaration("A01", "3.pdf", "application/pdf", pdf("3")), school(w.core()))
                .getStatusCode());
    }

    /**
     * 60 declarations at once for one group, all within the limit: all 60 are stored. Then, with the limit set to 80,
     * 40 more at once: exactly 20 are stored and the other 20 are told the limit was reached. None is a fault: the
     * counter is taken in the declaration's own conditional write, so no declaration retries against the others.
     */
    @Test
    void parallelDeclarationsTakeExactlyTheLimitAndTheRestAreToldSo() throws Exception {
        World w = fx.world();
        assertEquals(60, declareAtOnce(w, 60, "a"));
        assertEquals(60, body(fx.list(w, school(w.core()), Map.of("limit", "500"))).get("items").size());

        fx.handler.limits = new EvidenceLimits(defaults.allowedTypes(), defaults.maxBytes(), 80,
                defaults.uploadUrlTtl(), defaults.downloadUrlTtl());
        assertEquals(20, declareAtOnce(w, 40, "b"));
        assertEquals(80, body(fx.list(w, school(w.core()), Map.of("limit", "500"))).get("items").size());
        StoredItem counter = fx.dynamo.table(Tables.fromEnvironment().evidence(), StoredItem.SCHEMA).getItem(Key
                .builder().partitionValue("CYCLE#" + w.year() + "#GROUP#" + w.groupId()).sortValue("EVIDENCE_COUNT")
                .build());
        assertEquals(80L, counter.getCount());
        assertProblem(fx.declare(w, declaration("A02", "late.pdf", "application/pdf", pdf("late")),
                school(w.core())), 409);
    }

    /** Declares {@code n} files at the same moment; returns how many were stored (every other must be a 409). */
    private static int declareAtOnce(World w, int n, String batch) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<APIGatewayV2HTTPResponse>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = batch + i;
            results.add(pool.submit(() -> {
                start.await();
                return fx.declare(w, declaration("A02", name + ".pdf", "application/pdf", pdf(name)),
                        school(w.core()));
            }));
        }
        start.countDown();
        int created = 0;
        try {
            for (Future<APIGatewayV2HTTPResponse> r : results) {
                APIGatewayV2HTTPResponse response = r.get();
                if (response.getStatusCode() == 201) {
                    created++;
                } else {
                    assertProblem(response, 409);
                    assertEquals("urn:groupeval:problem:evidence-limit-reached",
                            body(response).get("type").asText());
                }
            }
        } finally {
            pool.shutdown();
        }
        return created;
    }

    @Test
    void theIndicatorMustBelongToTheCyclesFramework() {
        World w = fx.world();
        assertEquals(201, fx.declare(w, declaration("A18", "survey.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", new byte[10]), school(w.core()))
                .getStatusCode());
        APIGatewayV2HTTPResponse chengdu = fx.declare(w, declaration("B01", "charter.pdf", "application/pdf",
                pdf("b")), school(w.core()));
        assertProblem(chengdu, 400);
        assertEquals("/indicatorId", body(chengdu).at("/errors/0/pointer").asText());

        int year = EvidenceFixture.uniqueYear();
        fx.cycle(year, "chengdu-2023", "1");
        World b = new World(w.groupId(), w.core(), w.district(), year);
        assertEquals(201, fx.declare(b, declaration("B01", "charter.pdf", "application/pdf", pdf("b")),
                school(w.core())).getStatusCode());
    }

    @Test
    void aYearWithoutACycleIsRefusedSayingSo() {
        World w = fx.world();
        World noCycle = new World(w.groupId(), w.core(), w.district(), EvidenceFixture.YEAR_WITHOUT_CYCLE);
        APIGatewayV2HTTPResponse response = fx.declare(noCycle, declaration("A01", "x.pdf", "application/pdf",
                pdf("x")), school(w.core()));
        assertProblem(response, 409);
        assertEquals("urn:groupeval:problem:cycle-not-found", body(response).get("type").asText());
        assertTrue(body(response).get("detail").asText().contains("does not exist"));
        assertProblem(fx.call(EvidenceFixture.event("declare-evidence.json", w, school(w.core()))
                .path("year", "20x6")), 400);
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameEvidence() {
        World w = fx.world();
        ObjectNode body = declaration("A01", "charter.pdf", "application/pdf", pdf("once"));
        String key = "key-" + EvidenceFixture.unique();
        APIGatewayV2HTTPResponse first = fx.call(EvidenceFixture.event("declare-evidence.json", w, school(w.core()))
                .header("Idempotency-Key", key).bodyJson(body));
        APIGatewayV2HTTPResponse again = fx.call(EvidenceFixture.event("declare-evidence.json", w, school(w.core()))
                .header("Idempotency-Key", key).bodyJson(body));
        assertEquals(201, first.getStatusCode(), first.getBody());
        assertEquals(201, again.getStatusCode(), again.getBody());
        assertEquals(body(first).get("evidenceId"), body(again).get("evidenceId"));
        assertEquals("true", again.getHeaders().get("Idempotent-Replayed"));
        assertTrue(body(again).has("uploadUrl"), "a replay hands out a fresh upload URL while uploading is due");
        assertEquals(1, body(fx.list(w, school(w.core()), Map.of())).get("items").size());

        body.put("title", "another title");
        APIGatewayV2HTTPResponse reused = fx.call(EvidenceFixture.event("declare-evidence.json", w, school(w.core()))
                .header("Idempotency-Key", key).bodyJson(body));
        assertProblem(reused, 422);
        APIGatewayV2HTTPResponse fresh = fx.call(EvidenceFixture.event("declare-evidence.json", w, school(w.core()))
                .header("Idempotency-Key", key + "-2").bodyJson(body));
        assertNotEquals(body(first).get("evidenceId"), body(fresh).get("evidenceId"));
    }

    @Test
    void theSampleDeclarationIsValid() {
        World w = fx.world();
        APIGatewayV2HTTPResponse response = fx.call(EvidenceFixture.event("declare-evidence.json", w,
                school(w.core())).body(org.groupeval.local.SampleEvent.of("evidence/declare-evidence.json")
                .bodyTree().toString()));
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode declared = body(response);
        assertEquals("A01-01", declared.get("materialNumber").asText());
        assertEquals("/groups/" + w.groupId() + "/cycles/" + w.year() + "/evidence/"
                + declared.get("evidenceId").asText(), response.getHeaders().get("Location"));
    }

    @Test
    void malformedBodiesAreProblemsNotCrashes() {
        World w = fx.world();
        assertProblem(fx.call(EvidenceFixture.event("declare-evidence.json", w, school(w.core())).body("{")), 400);
        assertProblem(fx.call(EvidenceFixture.event("declare-evidence.json", w, school(w.core()))
                .body("{\"size\": \"big\"}")), 400);
        assertProblem(fx.call(EvidenceFixture.event("declare-evidence.json", w, school(w.core())).body("[]")), 400);
    }
}
