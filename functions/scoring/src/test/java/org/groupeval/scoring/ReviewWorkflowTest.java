package org.groupeval.scoring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.groupeval.domain.Identifiers;
import org.groupeval.local.SampleEvent;
import org.groupeval.store.Ids;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.groupeval.scoring.ReviewFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The review workflow (rules.md §4.3, §7) through the scoring handler on DynamoDB Local. */
class ReviewWorkflowTest {

    private static final AtomicInteger YEARS = new AtomicInteger(2030);

    @BeforeAll
    static void boot() {
        start();
    }

    private static int year() {
        return YEARS.getAndIncrement();
    }

    @Test
    void oneGroupGoesThroughThreeStagesWithBreakdownsAndAudit() {
        int year = year();
        cycle(year, false, null);
        TestGroup g = group(district());
        at(year, 8, 20, 10, 0, 0);
        JsonNode draft = ok(put(g, year, "self", school(g), partial(), null), 201);
        assertEquals("DRAFT", draft.get("status").asText());
        assertFalse(draft.get("complete").asBoolean());
        assertEquals(0, draft.at("/indicators/A01/points").decimalValue().compareTo(new java.math.BigDecimal("3.00")));
        assertTrue(draft.at("/indicators/A01/explanation/en").asText().contains("scores 3.0"), draft.toString());
        APIGatewayV2HTTPResponse saved = put(g, year, "self", school(g), full("1"), "\"1\"");
        JsonNode self = ok(saved, 200);
        assertEquals(0, self.get("total").decimalValue().compareTo(new java.math.BigDecimal("96.00")));
        // every score with two decimals, as the ranking shows them (the raw text: a parsed number hides it)
        for (String score : List.of("\"total\":96.00", "\"maxScore\":100.00", "\"points\":6.00",
                "\"maxPoints\":6.00", "scores 6.00 of 6.00", "96.00 is in the EXCELLENT band [90.00, ∞)")) {
            assertTrue(saved.getBody().contains(score), score + " in " + saved.getBody());
        }
        assertEquals("EXCELLENT", self.get("grade").asText());
        JsonNode submitted = ok(submit(g, year, "self", school(g), null), 200);
        assertEquals("SUBMITTED", submitted.get("status").asText());
        assertNotNull(submitted.get("submittedAt").asText());

        at(year, 9, 15, 9, 0, 0);
        ok(put(g, year, "district", districtOf(g), fullWith("0.9", Map.of()), null), 201);
        JsonNode district = ok(submit(g, year, "district", districtOf(g), Map.of("recommend", true)), 200);
        assertTrue(district.get("recommend").asBoolean());
        assertFalse(district.get("noSelfAssessment").asBoolean());
        assertEquals(0, district.get("total").decimalValue().compareTo(new java.math.BigDecimal("87.50")));
        assertEquals("GOOD", district.get("grade").asText());

        at(year, 10, 20, 15, 0, 0);
        Map<String, Object> citySheet = fullWith("1", Map.of());
        citySheet.put("fraud", Map.of("applied", true, "reason", "exchange records falsified"));
        ok(put(g, year, "city", city(), citySheet, null), 201);
        JsonNode city = ok(submit(g, year, "city", city(), null), 200);
        assertEquals("GOOD", city.get("grade").asText(), "fraud caps EXCELLENT at GOOD");
        assertTrue(city.get("fraud").asBoolean());
        assertEquals("exchange records falsified", city.get("fraudReason").asText());
        assertEquals(6, city.get("categories").size());

        JsonNode audit = audit(g, year);
        // self: draft (A01, A02, status) + 18 indicators changed/added + submit status; district: 18 + recommend
        // + noSelfAssessment + status, submit; city: 18 + fraud + status, submit
        assertTrue(audit.size() > 40, audit.toString());
        JsonNode first = audit.get(0);
        assertEquals("staff-" + g.core(), first.get("subject").asText());
        assertEquals("SCHOOL", first.get("role").asText());
        assertEquals("self", first.get("stage").asText());
        for (JsonNode record : audit) {
            assertNotNull(record.get("at"));
            assertNotNull(record.get("field"));
        }
    }

    @Test
    void anAuditPageTokenServesOnlyTheTrailAndTheCallerItWasIssuedFor() {
        int year = year();
        cycle(year, false, null);
        TestGroup g = group(district());
        TestGroup h = group(g.district());
        at(year, 8, 20, 10, 0, 0);
        ok(put(g, year, "self", school(g), partial(), null), 201);
        ok(put(h, year, "self", school(h), partial(), null), 201);
        Map<String, String> reviewer = districtOf(g);
        String token = ok(call(auditPage(g, year, reviewer).query("limit", "1")), 200).get("nextToken").asText();
        ok(call(auditPage(g, year, reviewer).query("limit", "1").query("nextToken", token)), 200);
        // not for another group's trail, another year's, the city, or another reviewer of the same district
        badPageToken(call(auditPage(h, year, reviewer).query("nextToken", token)));
        badPageToken(call(auditPage(g, year - 1, reviewer).query("nextToken", token)));
        badPageToken(call(auditPage(g, year, city()).query("nextToken", token)));
        badPageToken(call(auditPage(g, year, Map.of("sub", "colleague", "role", "DISTRICT", "district",
                g.district())).query("nextToken", token)));
        // keys made up in the format tokens used to have, and altered tokens
        String key = "pk=CYCLE#" + year + "#GROUP#" + h.groupId() + "#AUDIT\u001fsk=0";
        for (String forged : List.of("cGs9eB9zaz0", "cGs9R1JPVVAjeB9zaz1HUk9VUA",
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        key.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                token.substring(3), token + token)) {
            badPageToken(call(auditPage(g, year, reviewer).query("nextToken", forged)));
        }
    }

    private static SampleEvent auditPage(TestGroup g, int year, Map<String, String> claims) {
        return sheetEvent("get-audit.json", g, year, null, claims).noQuery();
    }

    private static void badPageToken(APIGatewayV2HTTPResponse response) {
        JsonNode problem = problem(response, 400, null);
        assertEquals("/query/nextToken", problem.at("/errors/0/pointer").asText(), response.getBody());
    }

    @Test
    void districtCannotSubmitBeforeTheSelfAssessmentUnlessItsDeadlinePassed() {
        int year = year();
        cycle(year, false, null);
        TestGroup g = group(district());
        at(year, 8, 30, 10, 0, 0);
        ok(put(g, year, "district", districtOf(g), full("0.8"), null), 201);
        JsonNode refused = problem(submit(g, year, "district", districtOf(g), Map.of("recommend", true)), 409,
                "self-assessment-pending");
        assertEquals(year + "-08-31T23:59:59+08:00", refused.get("selfDeadline").asText());
        at(year, 9, 1, 0, 0, 0);
        JsonNode alone = ok(submit(g, year, "district", districtOf(g), Map.of("recommend", true)), 200);
        assertTrue(alone.get("noSelfAssessment").asBoolean(), "the result records no self-assessment");
    }

    @Test
    void districtCannotRecommendAGroupBelowPass() {
        int year = year();
        cycle(year, false, null);
        TestGroup g = group(district());
        at(year, 9, 5, 10, 0, 0);
        ok(put(g, year, "district", districtOf(g), full("0.5"), null), 201);
        JsonNode refused = problem(submit(g, year, "district", districtOf(g), Map.of("recommend", true)), 422,
                "recommendation-below-pass");
        assertEquals("/recommend", refused.at("/errors/0/pointer").asText());
        assertEquals("FAIL", refused.get("grade").asText());
        problem(submit(g, year, "district", districtOf(g), null), 422, "recommendation-required");
        JsonNode notRecommended = ok(submit(g, year, "district", districtOf(g), Map.of("recommend", false)), 200);
        assertFalse(notRecommended.get("recommend").asBoolean());
    }

    @Test
    void cityScoresOnlyRecommendedGroups() {
        int year = year();
        cycle(year, false, null);
        TestGroup g = group(district());
        at(year, 10, 5, 10, 0, 0);
        problem(put(g, year, "city", city(), full("1"), null), 409, "group-not-recommended");
        at(year, 9, 5, 10, 0, 0);
        ok(put(g, year, "district", districtOf(g), full("0.9"), null), 201);
        ok(submit(g, year, "district", districtOf(g), Map.of("recommend", false)), 200);
        at(year, 10, 5, 10, 0, 0);
        problem(put(g, year, "city", city(), full("1"), null), 409, "group-not-recommended");
    }

    @Test
    void flagsNeedTheDistrictOrTheCityAndAReason() {
        int year = year();
        cycle(year, false, null);
        TestGroup g = group(district());
        at(year, 8, 10, 10, 0, 0);
        Map<String, Object> withVeto = new LinkedHashMap<>(partial());
        withVeto.put("veto", Map.of("applied", true, "reason", "accident"));
        JsonNode refused = problem(put(g, year, "self", school(g), withVeto, null), 422, "flag-not-allowed");
        assertEquals("/veto/applied", refused.at("/errors/0/pointer").asText());
        Map<String, Object> noReason = new LinkedHashMap<>(partial());
        noReason.put("veto", Map.of("applied", true));
        JsonNode invalid = problem(put(g, year, "district", districtOf(g), noReason, null), 400, "validation-failed");
        assertEquals("/veto/reason", invalid.at("/errors/0/pointer").asText());
        JsonNode vetoed = ok(put(g, year, "district", districtOf(g), withVeto, null), 201);
        assertTrue(vetoed.get("veto").asBoolean());
        assertEquals("FAIL", vetoed.get("grade").asText());
    }

    @Test
    void aSubmittedSheetNeverChanges() {
        int year = year();
        cycle(year, false, null);
        TestGroup g = group(district());
        at(year, 8, 10, 10, 0, 0);
        ok(put(g, year, "self", school(g), full("1"), null), 201);
        problem(submit(g, year, "self", school(g), Map.of("indicators", Map.of())), 400, "validation-failed");
        ok(submit(g, year, "self", school(g), null), 200);
        problem(put(g, year, "self", school(g), full("0.5"), "\"2\""), 409, "sheet-submitted");
        problem(submit(g, year, "self", school(g), null), 409, "sheet-submitted");
        TestGroup other = group(district());
        ok(put(other, year, "self", school(other), partial(), null), 201);
        JsonNode incomplete = problem(submit(other, year, "self", school(other), null), 422, "sheet-incomplete");
        assertTrue(incomplete.get("errors").size() >= 16, incomplete.toString());
    }

    /** The group's participation in the cycle as its core school reads it. */
    private static JsonNode participation(TestGroup g, int year) {
        return ok(call(SampleEvent.of("scoring/get-participant.json").claims(school(g))
                .path("year", String.valueOf(year)).path("groupId", g.groupId())), 200);
    }

    @Test
    void writesCloseAtTheDeadlineInShanghaiTimeUnlessExtended() {
        int year = year();
        cycle(year, false, null);
        TestGroup g = group(district());
        TestGroup extended = group(g.district());
        at(year, 8, 31, 23, 59, 58);
        ok(put(g, year, "self", school(g), partial(), null), 201);
        at(year, 9, 1, 0, 0, 0);
        JsonNode closed = problem(put(g, year, "self", school(g), full("1"), "\"1\""), 409, "deadline-passed");
        assertEquals(year + "-08-31T23:59:59+08:00", closed.get("deadline").asText());
        assertEquals("self", closed.get("stage").asText());
        assertTrue(closed.get("detail").asText().contains(year + "-08-31T23:59:59+08:00"));

        SampleEvent grant = SampleEvent.of("scoring/grant-extension.json").claims(city()).header("Idempotency-Key", null)
                .path("year", String.valueOf(year)).bodyJson(Map.of("groupId", extended.groupId(), "stage", "self",
                        "deadline", year + "-09-07T23:59:59+08:00", "reason", "typhoon closure"));
        problem(call(SampleEvent.of("scoring/grant-extension.json").claims(school(g)).path("year",
                String.valueOf(year))), 403, "forbidden");
        assertEquals(0, participation(extended, year).get("extensions").size());
        ok(call(grant), 201);
        JsonNode granted = participation(extended, year).get("extensions");
        assertEquals(1, granted.size(), granted.toString());
        assertEquals("self", granted.get(0).get("stage").asText());
        assertEquals(year + "-09-07T23:59:59+08:00", granted.get(0).get("deadline").asText());
        assertEquals("typhoon closure", granted.get(0).get("reason").asText());
        assertEquals(0, participation(g, year).get("extensions").size());
        at(year, 9, 7, 23, 59, 58);
        ok(put(extended, year, "self", school(extended), full("1"), null), 201);
        at(year, 9, 7, 23, 59, 59);
        ok(submit(extended, year, "self", school(extended), null), 200);
        problem(put(g, year, "self", school(g), full("1"), "\"1\""), 409, "deadline-passed");
        at(year, 9, 8, 0, 0, 0);
        TestGroup late = group(g.district());
        problem(put(late, year, "self", school(late), partial(), null), 409, "deadline-passed");
        JsonNode audit = audit(extended, year);
        assertEquals("EXTENSION_GRANTED", audit.get(0).get("action").asText());
        assertEquals(year + "-08-31T23:59:59+08:00", audit.get(0).get("oldValue").asText());
        assertEquals(year + "-09-07T23:59:59+08:00", audit.get(0).get("newValue").asText());
        assertEquals("typhoon closure", audit.get(0).get("reason").asText());
    }

    @Test
    void twoConcurrentDraftWritersOneWinsNothingLost() throws Exception {
        int year = year();
        cycle(year, false, null);
        TestGroup g = group(district());
        at(year, 8, 10, 10, 0, 0);
        ok(put(g, year, "self", school(g), partial(), null), 201);
        int before = audit(g, year).size();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<APIGatewayV2HTTPResponse>> results = new ArrayList<>();
        for (String ratio : List.of("0.7", "0.9")) {
            results.add(pool.submit(() -> {
                go.await();
                return put(g, year, "self", school(g), fullWith(ratio, Map.of()), "\"1\"");
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        String winner = null;
        for (Future<APIGatewayV2HTTPResponse> f : results) {
            APIGatewayV2HTTPResponse r = f.get();
            statuses.add(r.getStatusCode());
            if (r.getStatusCode() == 200) {
                winner = body(r).at("/input/indicators/A01/ratio").asText();
            }
        }
        pool.shutdown();
        statuses.sort(Integer::compareTo);
        assertEquals(List.of(200, 412), statuses);
        JsonNode stored = ok(get(g, year, "self", school(g)), 200);
        assertEquals(winner, stored.at("/input/indicators/A01/ratio").asText(), "the winner's draft is stored");
        assertEquals(2, stored.get("version").asInt());
        JsonNode audit = audit(g, year);
        // the winner changed all 18 indicators (A01 and A02 had other values, 16 were missing)
        assertEquals(before + 18, audit.size());
        for (int i = before; i < audit.size(); i++) {
            JsonNode ratio = audit.get(i).at("/newValue/input/ratio");
            if (!ratio.isMissingNode()) {
                assertEquals(winner, ratio.asText(), "only the winner's change is recorded");
            }
        }
        // two first drafts at once: one creates, the other is told the sheet now exists
        TestGroup fresh = group(g.district());
        ExecutorService pool2 = Executors.newFixedThreadPool(2);
        CountDownLatch go2 = new CountDownLatch(1);
        List<Future<APIGatewayV2HTTPResponse>> creations = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            creations.add(pool2.submit(() -> {
                go2.await();
                return put(fresh, year, "self", school(fresh), partial(), null);
            }));
        }
        go2.countDown();
        List<Integer> created = new ArrayList<>();
        for (Future<APIGatewayV2HTTPResponse> f : creations) {
            created.add(f.get().getStatusCode());
        }
        pool2.shutdown();
        created.sort(Integer::compareTo);
        // which refusal the loser gets depends on when it read: before the winner wrote, its create-if-absent
        // write fails (412); after, it is a change to an existing sheet without If-Match (428). Either way one
        // draft, version 1, is stored.
        assertEquals(201, created.get(0));
        assertTrue(created.get(1) == 412 || created.get(1) == 428, "the second first draft is refused: " + created);
        assertEquals(1, ok(get(fresh, year, "self", school(fresh)), 200).get("version").asInt());
    }

    @Test
    void everyAcceptedChangeHasExactlyOneRecordAndEveryRefusedOneNone() {
        int year = year();
        cycle(year, false, null);
        TestGroup g = group(district());
        at(year, 8, 10, 10, 0, 0);
        ok(put(g, year, "self", school(g), Map.of("indicators", Map.of("A01", Map.of("ratio", 0.5))), null), 201);
        assertEquals(2, audit(g, year).size(), "A01 and status DRAFT");
        ok(put(g, year, "self", school(g), Map.of("indicators", Map.of("A01", Map.of("ratio", 0.5))), "\"1\""), 200);
        assertEquals(2, audit(g, year).size(), "an unchanged draft changes nothing");
        ok(put(g, year, "self", school(g), Map.of("indicators", Map.of("A01", Map.of("ratio", 0.6),
                "A02", Map.of("ratio", 1))), "\"1\""), 200);
        JsonNode audit = audit(g, year);
        assertEquals(4, audit.size());
        JsonNode a01 = audit.get(2);
        assertEquals("A01", a01.get("indicator").asText());
        assertEquals(0, a01.at("/oldValue/points").decimalValue().compareTo(new java.math.BigDecimal("3.00")));
        assertEquals(0, a01.at("/newValue/points").decimalValue().compareTo(new java.math.BigDecimal("3.60")));
        assertEquals(0, a01.get("total").decimalValue().compareTo(new java.math.BigDecimal("7.60")));
        // refused: stale If-Match, invalid input, unknown indicator, wrong caller, after the deadline
        problem(put(g, year, "self", school(g), partial(), "\"1\""), 412, "precondition-failed");
        problem(put(g, year, "self", school(g), partial(), null), 428, "precondition-required");
        problem(put(g, year, "self", school(g), Map.of("indicators", Map.of("A01", Map.of("ratio", 7))), "\"2\""),
                400, "validation-failed");
        problem(put(g, year, "self", school(g), Map.of("indicators", Map.of("Z99", Map.of("ratio", 1))), "\"2\""),
                400, "validation-failed");
        problem(put(g, year, "self", districtOf(g), partial(), "\"2\""), 403, "forbidden");
        problem(submit(g, year, "self", school(g), null), 422, "sheet-incomplete");
        at(year, 9, 1, 0, 0, 1);
        problem(put(g, year, "self", school(g), partial(), "\"2\""), 409, "deadline-passed");
        assertEquals(4, audit(g, year).size(), "refused requests leave no record");
        // paging, oldest first
        SampleEvent page = sheetEvent("get-audit.json", g, year, null, districtOf(g)).query("limit", "3");
        JsonNode first = ok(call(page), 200);
        assertEquals(3, first.get("items").size());
        assertEquals(audit.get(0).get("auditId"), first.get("items").get(0).get("auditId"));
        JsonNode second = ok(call(sheetEvent("get-audit.json", g, year, null, districtOf(g)).query("limit", "3")
                .query("nextToken", first.get("nextToken").asText())), 200);
        assertEquals(audit.get(3).get("auditId"), second.get("items").get(0).get("auditId"));
        problem(call(sheetEvent("get-audit.json", g, year, null, school(g))), 403, "forbidden");
    }

    @Test
    void aDistrictReviewerCannotTouchAnotherDistrictsGroup() {
        int year = year();
        cycle(year, false, null);
        TestGroup g = group(district());
        TestGroup elsewhere = group(district());
        at(year, 9, 5, 10, 0, 0);
        problem(put(elsewhere, year, "district", districtOf(g), partial(), null), 403, "forbidden");
        problem(submit(elsewhere, year, "district", districtOf(g), Map.of("recommend", true)), 403, "forbidden");
        problem(get(elsewhere, year, "self", districtOf(g)), 403, "forbidden");
        problem(call(sheetEvent("get-audit.json", elsewhere, year, null, districtOf(g))), 403, "forbidden");
        TestGroup missing = new TestGroup(Ids.newId(Identifiers.GROUP), g.district(), "X", List.of());
        problem(get(missing, year, "self", districtOf(g)), 403, "forbidden");
        problem(get(missing, year, "self", city()), 404, "not-found");
        SampleEvent progress = SampleEvent.of("scoring/get-progress.json").claims(districtOf(g))
                .path("year", String.valueOf(year)).query("district", elsewhere.district());
        problem(call(progress), 403, "forbidden");
    }

    @Test
    void aSchoolSeesItsDistrictAndCitySheetsOnlyAfterPublication() {
        int year = year();
        cycle(year, false, null);
        TestGroup g = group(district());
        at(year, 8, 10, 10, 0, 0);
        ok(put(g, year, "self", school(g), full("1"), null), 201);
        ok(submit(g, year, "self", school(g), null), 200);
        at(year, 9, 5, 10, 0, 0);
        ok(put(g, year, "district", districtOf(g), full("0.9"), null), 201);
        ok(submit(g, year, "district", districtOf(g), Map.of("recommend", true)), 200);
        ok(get(g, year, "self", school(g)), 200);
        problem(get(g, year, "district", school(g)), 403, "forbidden");
        ok(get(g, year, "district", districtOf(g)), 200);
        publish(year);
        JsonNode district = ok(get(g, year, "district", school(g)), 200);
        assertEquals("SUBMITTED", district.get("status").asText());
        TestGroup other = group(g.district());
        problem(get(g, year, "self", school(other)), 403, "forbidden");
    }

    @Test
    void cyclesHaveTheRuleBookDefaultsAndTheFrameworkIsFixedOnceSheetsExist() {
        int year = year();
        JsonNode created = ok(createCycle(Map.of("year", year, "frameworkId", "chengdu-2023")), 201);
        assertEquals(year + "-08-31T23:59:59+08:00", created.at("/deadlines/self").asText());
        assertEquals(year + "-09-30T23:59:59+08:00", created.at("/deadlines/district").asText());
        assertEquals(year + "-10-31T23:59:59+08:00", created.at("/deadlines/city").asText());
        assertEquals(year + "-11-01T02:00:00+08:00", created.get("rankingAt").asText());
        assertEquals(0, created.at("/award/ratio").decimalValue().compareTo(new java.math.BigDecimal("0.30")));
        assertEquals("PER_GRADE", created.at("/award/scope").asText());
        assertEquals("NONE_AT_CUTOFF", created.at("/award/tiePolicy").asText());
        assertEquals("1", created.get("frameworkVersion").asText());
        assertTrue(created.at("/panel/required").asBoolean());
        problem(createCycle(Map.of("year", year, "frameworkId", "chengdu-2023")), 409, "cycle-exists");
        JsonNode invalid = problem(createCycle(Map.of("year", 1999, "frameworkId", "nope",
                "award", Map.of("ratio", 2, "tiePolicy", "BREAK_BY_CATEGORIES"),
                "deadlines", Map.of("self", "31 August"))), 400, "validation-failed");
        List<String> pointers = new ArrayList<>();
        invalid.get("errors").forEach(e -> pointers.add(e.get("pointer").asText()));
        assertTrue(pointers.containsAll(List.of("/year", "/frameworkId", "/award/ratio",
                "/award/tieBreakCategories")), pointers.toString());

        SampleEvent patch = SampleEvent.of("scoring/update-cycle.json").claims(city()).path("year", String.valueOf(year));
        problem(call(patch.header("If-Match", null)), 428, "precondition-required");
        JsonNode switched = ok(call(SampleEvent.of("scoring/update-cycle.json").claims(city())
                .path("year", String.valueOf(year)).header("If-Match", "\"1\"")
                .bodyJson(Map.of("frameworkId", "ankang-2022", "award", Map.of("tiePolicy", "BREAK_BY_CATEGORIES",
                        "tieBreakCategories", List.of("teaching", "staff"))))), 200);
        assertEquals("ankang-2022", switched.get("frameworkId").asText());
        assertEquals(List.of("teaching", "staff"), List.of(switched.at("/award/tieBreakCategories/0").asText(),
                switched.at("/award/tieBreakCategories/1").asText()));
        TestGroup g = group(district());
        at(year, 8, 1, 9, 0, 0);
        ok(put(g, year, "self", school(g), partial(), null), 201);
        JsonNode locked = problem(call(SampleEvent.of("scoring/update-cycle.json").claims(city())
                .path("year", String.valueOf(year)).header("If-Match", "\"3\"")
                .bodyJson(Map.of("frameworkId", "chengdu-2023"))), 409, "framework-locked");
        assertEquals("ankang-2022", locked.get("frameworkId").asText());
        JsonNode moved = ok(call(SampleEvent.of("scoring/update-cycle.json").claims(city())
                .path("year", String.valueOf(year)).header("If-Match", "\"3\"")
                .bodyJson(Map.of("deadlines", Map.of("self", year + "-09-05T23:59:59+08:00")))), 200);
        assertTrue(moved.get("frameworkLocked").asBoolean());
        assertEquals(year + "-09-05T23:59:59+08:00", moved.at("/deadlines/self").asText());
        problem(call(SampleEvent.of("scoring/update-cycle.json").claims(city())
                .path("year", String.valueOf(year)).header("If-Match", "\"3\"")), 412, "precondition-failed");
        problem(call(SampleEvent.of("scoring/get-cycle.json").path("year", String.valueOf(year + 500))), 400,
                "validation-failed");
        ok(call(SampleEvent.of("scoring/get-cycle.json").claims(expert("E9", null))
                .path("year", String.valueOf(year))), 200);
        problem(call(SampleEvent.of("scoring/create-cycle.json").claims(districtOf(g))), 403, "forbidden");

        // the list: every cycle, newest year first, each as GET /cycles/{year} serves it; anyone signed in
        JsonNode items = ok(call(SampleEvent.of("scoring/list-cycles.json").claims(school(g))), 200).get("items");
        List<Integer> years = new ArrayList<>();
        items.forEach(c -> years.add(c.get("year").asInt()));
        List<Integer> newestFirst = new ArrayList<>(years);
        newestFirst.sort(java.util.Comparator.reverseOrder());
        assertEquals(newestFirst, years);
        JsonNode listed = items.get(years.indexOf(year));
        assertEquals("ankang-2022", listed.get("frameworkId").asText());
        assertTrue(listed.get("frameworkLocked").asBoolean());
        assertEquals(year + "-09-05T23:59:59+08:00", listed.at("/deadlines/self").asText());
    }

    @Test
    void theProgressViewCountsSubmittedDraftingNotStartedAndLatePerDistrict() {
        int year = year();
        cycle(year, false, null);
        String d = district();
        TestGroup submitted = group(d);
        TestGroup drafting = group(d);
        group(d);
        at(year, 8, 10, 10, 0, 0);
        ok(put(submitted, year, "self", school(submitted), full("1"), null), 201);
        ok(submit(submitted, year, "self", school(submitted), null), 200);
        ok(put(drafting, year, "self", school(drafting), partial(), null), 201);
        SampleEvent event = SampleEvent.of("scoring/get-progress.json").claims(districtOf(submitted))
                .path("year", String.valueOf(year)).query("district", null);
        JsonNode progress = ok(call(event), 200);
        JsonNode self = progress.at("/stages/0/totals");
        assertEquals("self", progress.at("/stages/0/stage").asText());
        assertEquals(3, self.get("groups").asInt());
        assertEquals(1, self.get("submitted").asInt());
        assertEquals(1, self.get("drafting").asInt());
        assertEquals(1, self.get("notStarted").asInt());
        assertEquals(0, self.get("late").asInt());
        assertEquals(d, progress.at("/stages/0/districts/0/district").asText());
        assertTrue(progress.at("/stages/0/districts/0/districtName").isMissingNode(), "a made-up code has no name");
        JsonNode named = ok(call(SampleEvent.of("scoring/get-progress.json").claims(city())
                .path("year", String.valueOf(year)).query("district", "610929")), 200);
        assertEquals("610929", named.get("district").asText());
        assertEquals("白河县", named.get("districtName").asText());
        at(year, 9, 2, 10, 0, 0);
        JsonNode later = ok(call(event), 200);
        assertEquals(2, later.at("/stages/0/totals/late").asInt());
        assertEquals(3, later.at("/stages/1/totals/notStarted").asInt());
        assertEquals(0, later.at("/stages/2/totals/groups").asInt());
        problem(call(SampleEvent.of("scoring/get-progress.json").claims(school(submitted))
                .path("year", String.valueOf(year))), 403, "forbidden");
    }
}
