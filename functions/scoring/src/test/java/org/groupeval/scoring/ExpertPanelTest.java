package org.groupeval.scoring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.group.Group;
import org.groupeval.local.SampleEvent;
import org.groupeval.store.Ids;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.groupeval.scoring.ReviewFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expert panels of the city stage (rules.md §7.3–§7.5) through the scoring handler on DynamoDB Local. */
class ExpertPanelTest {

    private static final AtomicInteger YEARS = new AtomicInteger(2070);

    @BeforeAll
    static void boot() {
        start();
    }

    /** A panel cycle with a group the district recommended; the clock stands in the city stage. */
    private static TestGroup recommended(int year, Map<String, Object> panelSettings) {
        cycle(year, true, panelSettings);
        return recommendedIn(year);
    }

    private static APIGatewayV2HTTPResponse assign(TestGroup g, int year, List<Map<String, Object>> experts,
                                                   String ifMatch) {
        return call(sheetEvent("assign-panel.json", g, year, null, city()).header("If-Match", ifMatch)
                .bodyJson(Map.of("experts", experts)));
    }

    private static SampleEvent expertEvent(String file, TestGroup g, int year, String sub, Map<String, String> claims) {
        return sheetEvent(file, g, year, null, claims).path("expertSub", sub);
    }

    private static JsonNode expertScores(TestGroup g, int year, String sub, Map<String, Object> sheet) {
        ok(call(expertEvent("save-expert-sheet.json", g, year, sub, expert(sub, null)).bodyJson(sheet)), 201);
        return ok(call(expertEvent("submit-expert-sheet.json", g, year, sub, expert(sub, null))
                .header("If-Match", null).body(null)), 200);
    }

    private static List<Map<String, Object>> seats(String prefix, int n) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(seat(prefix + i, null));
        }
        return list;
    }

    private static void assertDecimal(String expected, JsonNode actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual.decimalValue()), expected + " vs " + actual);
    }

    @Test
    void threeExpertsAggregateToTheMeanPerIndicator() {
        int year = YEARS.getAndIncrement();
        TestGroup g = recommended(year, null);
        String p = ReviewFixtures.unique();
        ok(assign(g, year, seats(p, 3), null), 201);
        // A01 (max 6): 6.00, 3.00, 4.80 → 13.80 / 3 = 4.60; every other indicator as full("1")
        expertScores(g, year, p + "1", fullWith("1", Map.of("A01", "1")));
        expertScores(g, year, p + "2", fullWith("1", Map.of("A01", "0.5")));
        expertScores(g, year, p + "3", fullWith("1", Map.of("A01", "0.8")));
        ok(put(g, year, "city", city(), Map.of(), null), 201);
        JsonNode confirmed = ok(submit(g, year, "city", city(), null), 200);
        assertEquals("SUBMITTED", confirmed.get("status").asText());
        assertDecimal("4.60", confirmed.at("/indicators/A01/points"));
        assertDecimal("94.60", confirmed.get("total"));
        assertEquals("EXCELLENT", confirmed.get("grade").asText());
        assertEquals("MEAN", confirmed.at("/panel/aggregation").asText());
        String explanation = confirmed.at("/indicators/A01/explanation/en").asText();
        for (String listed : List.of(p + "1 6.0", p + "2 3.0", p + "3 4.8")) {
            assertTrue(explanation.contains(listed), explanation);
        }
        assertTrue(explanation.contains("4.6"), explanation);
    }

    @Test
    void fiveExpertsDropTheHighestAndTheLowest() {
        int year = YEARS.getAndIncrement();
        TestGroup g = recommended(year, null);
        String p = ReviewFixtures.unique();
        ok(assign(g, year, seats(p, 5), null), 201);
        // A01 (6): 6.00 3.00 4.80 5.40 1.20 → drop 6.00 and 1.20 → 13.20 / 3 = 4.40
        // A02 (4): 1 2 3 4 4 → drop 4 and 1 → 9 / 3 = 3.00
        // A03 (5): 5 4 3.5 3.5 2 → drop 5 and 2 → 11 / 3 = 3.666… → 3.67
        // total = 96 − 6 − 4 − 5 + 4.40 + 3.00 + 3.67 = 92.07
        String[][] ratios = {{"1", "0.25", "1"}, {"0.5", "0.5", "0.8"}, {"0.8", "0.75", "0.7"}, {"0.9", "1", "0.7"},
                {"0.2", "1", "0.4"}};
        for (int i = 0; i < 5; i++) {
            expertScores(g, year, p + (i + 1), fullWith("1", Map.of("A01", ratios[i][0], "A02", ratios[i][1],
                    "A03", ratios[i][2])));
        }
        JsonNode confirmed = ok(submit(g, year, "city", city(), null), 200);
        assertDecimal("4.40", confirmed.at("/indicators/A01/points"));
        assertDecimal("3.00", confirmed.at("/indicators/A02/points"));
        assertDecimal("3.67", confirmed.at("/indicators/A03/points"));
        assertDecimal("92.07", confirmed.get("total"));
        assertTrue(confirmed.at("/panel/trimmed").asBoolean());
        String explanation = confirmed.at("/indicators/A01/explanation/en").asText();
        assertTrue(explanation.contains("dropping the highest (" + p + "1 6.00) and the lowest (" + p + "5 1.20); "
                + "mean of the rest (3.00 + 4.80 + 5.40) / 3 = 4.4; scores 4.40"), explanation);
        assertTrue(confirmed.at("/indicators/A01/explanation/zh").asText().contains("去掉一个最高分"));
    }

    @Test
    void anExpertFromASchoolOfTheGroupOrWithADeclaredConflictIsRefused() {
        int year = YEARS.getAndIncrement();
        TestGroup g = recommended(year, null);
        String p = ReviewFixtures.unique();
        JsonNode refused = problem(assign(g, year, List.of(seat(p + "1", null), seat(p + "2", g.members().get(0))),
                null), 409, "conflict-of-interest");
        assertTrue(refused.get("detail").asText().contains(g.members().get(0)), refused.toString());
        assertEquals("MEMBER_SCHOOL", refused.at("/conflicts/0/kind").asText());
        assertEquals("/experts/1", refused.at("/conflicts/0/pointer").asText());
        problem(assign(g, year, List.of(seat(p + "3", g.core())), null), 409, "conflict-of-interest");
        ok(call(SampleEvent.of("scoring/declare-conflict.json").claims(city()).path("expertSub", p + "4")
                .bodyJson(Map.of("groupId", g.groupId(), "reason", "the expert's spouse teaches there"))), 201);
        JsonNode declared = problem(assign(g, year, List.of(seat(p + "4", "S999")), null), 409, "conflict-of-interest");
        assertEquals("DECLARED_GROUP", declared.at("/conflicts/0/kind").asText());
        JsonNode listed = ok(call(SampleEvent.of("scoring/list-conflicts.json").claims(expert(p + "4", null))
                .path("expertSub", p + "4")), 200);
        assertEquals(1, listed.get("items").size());
        problem(call(SampleEvent.of("scoring/declare-conflict.json").claims(districtOf(g)).path("expertSub", p)),
                403, "forbidden");
        // an expert declares a conflict of their own, which blocks their seat like the city's; not another's
        problem(call(SampleEvent.of("scoring/declare-conflict.json").claims(expert(p + "6", null))
                .path("expertSub", p + "5").bodyJson(Map.of("groupId", g.groupId(), "reason", "not mine"))),
                403, "forbidden");
        JsonNode own = ok(call(SampleEvent.of("scoring/declare-conflict.json").claims(expert(p + "5", null))
                .path("expertSub", p + "5")
                .bodyJson(Map.of("schoolCode", g.core(), "reason", "my child attends the core school"))), 201);
        assertEquals(p + "5", own.get("expertSub").asText());
        JsonNode self = problem(assign(g, year, List.of(seat(p + "5", "S999")), null), 409, "conflict-of-interest");
        assertEquals("DECLARED_SCHOOL", self.at("/conflicts/0/kind").asText());
        assertEquals(0, audit(g, year).findValues("field").stream().filter(f -> f.asText().equals("panel")).count());
    }

    @Test
    void anExpertSeesAndScoresOnlyTheGroupsAssignedToThem() {
        int year = YEARS.getAndIncrement();
        TestGroup g = recommended(year, null);
        TestGroup other = group(g.district());
        String p = ReviewFixtures.unique();
        ok(assign(g, year, seats(p, 3), null), 201);
        Map<String, String> outsider = expert(p + "9", null);
        problem(get(g, year, "district", outsider), 403, "forbidden");
        problem(call(sheetEvent("get-panel.json", g, year, null, outsider)), 403, "forbidden");
        problem(call(expertEvent("save-expert-sheet.json", g, year, p + "9", outsider).bodyJson(partial())), 403,
                "forbidden");
        problem(get(other, year, "self", expert(p + "1", null)), 403, "forbidden");
        problem(call(expertEvent("save-expert-sheet.json", g, year, p + "2", expert(p + "1", null))
                .bodyJson(partial())), 403, "forbidden");
        ok(get(g, year, "district", expert(p + "1", null)), 200);
        JsonNode panel = ok(call(sheetEvent("get-panel.json", g, year, null, expert(p + "1", null))), 200);
        assertEquals(3, panel.get("assigned").asInt());
        // experts do not see each other's sheets until the panel is complete
        expertScores(g, year, p + "1", full("1"));
        expertScores(g, year, p + "2", full("1"));
        problem(call(expertEvent("get-expert-sheet.json", g, year, p + "1", expert(p + "2", null))), 403, "forbidden");
        ok(call(expertEvent("get-expert-sheet.json", g, year, p + "1", expert(p + "1", null))), 200);
        ok(call(expertEvent("get-expert-sheet.json", g, year, p + "1", city())), 200);
        expertScores(g, year, p + "3", full("1"));
        ok(call(expertEvent("get-expert-sheet.json", g, year, p + "1", expert(p + "2", null))), 200);
    }

    private static JsonNode assignments(String sub, Integer year, Map<String, String> claims, int status) {
        SampleEvent event = SampleEvent.of("scoring/list-assignments.json").claims(claims).path("expertSub", sub)
                .rawPath("/experts/" + sub + "/assignments").noQuery();
        if (year != null) {
            event = event.query("year", Integer.toString(year));
        }
        return ok(call(event), status);
    }

    @Test
    void anExpertListsTheGroupsAssignedToThemWithTheirOwnSheetsState() {
        int year = YEARS.getAndIncrement();
        TestGroup first = recommended(year, null);
        TestGroup second = recommendedIn(year);
        TestGroup third = recommendedIn(year);
        String p = ReviewFixtures.unique();
        ok(assign(first, year, seats(p, 3), null), 201);
        ok(assign(second, year, List.of(seat(p + "1", null), seat(p + "4", null), seat(p + "5", null)), null), 201);
        ok(assign(third, year, seats(p + "x", 3), null), 201);
        expertScores(first, year, p + "1", full("1"));
        ok(call(expertEvent("save-expert-sheet.json", second, year, p + "1", expert(p + "1", null))
                .bodyJson(partial())), 201);

        JsonNode items = assignments(p + "1", year, expert(p + "1", null), 200).get("items");
        assertEquals(2, items.size(), items.toString());
        Map<String, JsonNode> byGroup = new LinkedHashMap<>();
        items.forEach(i -> byGroup.put(i.get("groupId").asText(), i));
        JsonNode done = byGroup.get(first.groupId());
        assertEquals(year, done.get("year").asInt());
        assertEquals(first.district(), done.get("district").asText());
        assertEquals("SUBMITTED", done.get("sheetStatus").asText());
        assertEquals("专家 " + p + "1", done.get("expert").get("name").asText());
        assertEquals("/groups/" + first.groupId() + "/cycles/" + year + "/sheets/city/experts/" + p + "1",
                done.get("sheet").asText());
        assertTrue(done.hasNonNull("submittedAt"), done.toString());
        assertTrue(done.get("total").isNumber(), done.toString());
        JsonNode drafting = byGroup.get(second.groupId());
        assertEquals("DRAFT", drafting.get("sheetStatus").asText());
        assertFalse(drafting.hasNonNull("submittedAt"), drafting.toString());
        // a seat without a sheet yet; the city reads any expert's list; another cycle's list is empty
        JsonNode fresh = assignments(p + "4", year, city(), 200).get("items");
        assertEquals(1, fresh.size());
        assertEquals("NOT_STARTED", fresh.get(0).get("sheetStatus").asText());
        assertFalse(fresh.get(0).hasNonNull("sheetVersion"), fresh.toString());
        assertEquals(0, assignments(p + "1", year + 1, expert(p + "1", null), 200).get("items").size());
        assertEquals(2, assignments(p + "1", null, expert(p + "1", null), 200).get("items").size());
        // removed from a panel: the seat goes, the list follows
        ok(assign(second, year, List.of(seat(p + "4", null), seat(p + "5", null), seat(p + "6", null)), "\"1\""),
                200);
        JsonNode after = assignments(p + "1", year, expert(p + "1", null), 200).get("items");
        assertEquals(1, after.size());
        assertEquals(first.groupId(), after.get(0).get("groupId").asText());
        // only the expert and the city; a bad year filter is a 400 naming the parameter
        problem(call(SampleEvent.of("scoring/list-assignments.json").claims(expert(p + "2", null))
                .path("expertSub", p + "1").rawPath("/experts/" + p + "1/assignments")), 403, "forbidden");
        problem(call(SampleEvent.of("scoring/list-assignments.json").claims(districtOf(first))
                .path("expertSub", p + "1").rawPath("/experts/" + p + "1/assignments")), 403, "forbidden");
        JsonNode bad = problem(call(SampleEvent.of("scoring/list-assignments.json").claims(expert(p + "1", null))
                .path("expertSub", p + "1").rawPath("/experts/" + p + "1/assignments").noQuery()
                .query("year", "26")), 400, "validation-failed");
        assertEquals("/query/year", bad.get("errors").get(0).get("pointer").asText(), bad.toString());
        String tooLong = "E".repeat(3000);
        JsonNode badSub = problem(call(SampleEvent.of("scoring/list-assignments.json").claims(city())
                .path("expertSub", tooLong).rawPath("/experts/" + tooLong + "/assignments")), 400, "validation-failed");
        assertEquals("/path/expertSub", badSub.at("/errors/0/pointer").asText(), badSub.toString());
        problem(call(SampleEvent.of("scoring/list-conflicts.json").claims(city()).path("expertSub", "E 1")), 400,
                "validation-failed");
    }

    @Test
    void theSeatsGroupsAreReadInBatchesOfAnySize() {
        // more ids than one BatchGetItem takes (100), one repeated and one that names no group
        String district = district();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            ids.add(group(district).groupId());
        }
        List<String> asked = new ArrayList<>(ids);
        asked.add(ids.get(0));
        asked.add(Ids.newId(Identifiers.GROUP));
        Map<String, Group> found = groups.findAll(asked);
        assertEquals(new HashSet<>(ids), found.keySet());
        found.forEach((id, group) -> assertEquals(id, group.groupId()));
        assertEquals(district, found.get(ids.get(104)).district());
        assertTrue(groups.findAll(List.of()).isEmpty());
    }

    @Test
    void aConflictDeclaredAfterSeatingNamesThePanelAndBlocksConfirmationUntilTheExpertIsReplaced() {
        int year = YEARS.getAndIncrement();
        TestGroup g = recommended(year, null);
        TestGroup elsewhere = recommendedIn(year);
        String p = ReviewFixtures.unique();
        ok(assign(g, year, seats(p, 3), null), 201);
        ok(assign(elsewhere, year, seats(p, 3), null), 201);
        expertScores(g, year, p + "1", full("1"));
        expertScores(g, year, p + "2", full("1"));
        expertScores(g, year, p + "3", full("1"));
        // the declaration concerns one of g's member schools: it is recorded and names g's panel only
        JsonNode declared = ok(call(SampleEvent.of("scoring/declare-conflict.json").claims(city())
                .path("expertSub", p + "2")
                .bodyJson(Map.of("schoolCode", g.members().get(0), "reason", "became its deputy head"))), 201);
        assertEquals(g.members().get(0), declared.get("schoolCode").asText());
        assertTrue(declared.hasNonNull("declaredAt"), declared.toString());
        JsonNode affected = declared.get("affectedPanels");
        assertEquals(1, affected.size(), declared.toString());
        assertEquals(g.groupId(), affected.get(0).get("groupId").asText());
        assertEquals("/groups/" + g.groupId() + "/cycles/" + year + "/panel", affected.get(0).get("panel").asText());
        // the seat stays (a declaration unseats no one); the city's panel view names the conflict, the experts' does not
        JsonNode flagged = ok(call(sheetEvent("get-panel.json", g, year, null, city())), 200);
        assertEquals(p + "2", flagged.at("/conflicts/0/expertSub").asText(), flagged.toString());
        assertEquals("DECLARED_SCHOOL", flagged.at("/conflicts/0/kind").asText());
        assertFalse(ok(call(sheetEvent("get-panel.json", g, year, null, expert(p + "1", null))), 200)
                .has("conflicts"));
        assertEquals(0, ok(call(sheetEvent("get-panel.json", elsewhere, year, null, city())), 200)
                .get("conflicts").size());
        // and the city cannot confirm with it
        JsonNode blocked = problem(submit(g, year, "city", city(), null), 409, "seated-expert-conflict");
        assertEquals(p + "2", blocked.at("/conflicts/0/expertSub").asText());
        assertEquals("DECLARED_SCHOOL", blocked.at("/conflicts/0/kind").asText());
        assertEquals("/experts/1", blocked.at("/conflicts/0/pointer").asText());
        assertTrue(blocked.get("detail").asText().contains("PUT …/panel"), blocked.toString());
        // replaced: the new expert scores, the city confirms from the three seated sheets
        ok(assign(g, year, List.of(seat(p + "1", null), seat(p + "3", null), seat(p + "4", null)), "\"1\""), 200);
        expertScores(g, year, p + "4", full("1"));
        JsonNode confirmed = ok(submit(g, year, "city", city(), null), 200);
        assertEquals("SUBMITTED", confirmed.get("status").asText());
        // a conflict with neither of the expert's groups affects no panel
        JsonNode unrelated = ok(call(SampleEvent.of("scoring/declare-conflict.json").claims(city())
                .path("expertSub", p + "1").bodyJson(Map.of("schoolCode", "S998", "reason", "former employer"))), 201);
        assertEquals(0, unrelated.get("affectedPanels").size());
    }

    @Test
    void confirmationNeedsTheMinimumPanelAndEveryExpertsSubmission() {
        int year = YEARS.getAndIncrement();
        TestGroup g = recommended(year, null);
        String p = ReviewFixtures.unique();
        ok(assign(g, year, seats(p, 2), null), 201);
        JsonNode small = problem(submit(g, year, "city", city(), null), 422, "panel-too-small");
        assertEquals(3, small.get("minimumSize").asInt());
        ok(assign(g, year, seats(p, 3), "\"1\""), 200);
        problem(assign(g, year, seats(p, 4), "\"1\""), 412, "precondition-failed");
        expertScores(g, year, p + "1", full("1"));
        expertScores(g, year, p + "2", full("1"));
        JsonNode missing = problem(submit(g, year, "city", city(), null), 422, "panel-incomplete");
        assertEquals(p + "3", missing.at("/missingExperts/0").asText());
        JsonNode notIndicators = problem(put(g, year, "city", city(), full("1"), null), 422, "panel-scores-indicators");
        assertEquals("/indicators", notIndicators.at("/errors/0/pointer").asText());
        SampleEvent progress = SampleEvent.of("scoring/get-progress.json").claims(city())
                .path("year", String.valueOf(year)).query("district", g.district());
        JsonNode row = ok(call(progress), 200).at("/panels/0");
        assertEquals(g.groupId(), row.get("groupId").asText());
        assertEquals(3, row.get("expertsAssigned").asInt());
        assertEquals(2, row.get("expertsSubmitted").asInt());
        assertFalse(row.get("confirmed").asBoolean());
    }

    @Test
    void aVetoRaisedByAnExpertGoesToTheCityAndTheAuditNamesEachExpert() {
        int year = YEARS.getAndIncrement();
        TestGroup g = recommended(year, null);
        String p = ReviewFixtures.unique();
        ok(assign(g, year, seats(p, 3), null), 201);
        Map<String, Object> withVeto = full("1");
        withVeto.put("veto", Map.of("applied", true, "reason", "safety accident at a member school"));
        expertScores(g, year, p + "1", withVeto);
        expertScores(g, year, p + "2", full("1"));
        expertScores(g, year, p + "3", full("1"));
        JsonNode undecided = problem(submit(g, year, "city", city(), null), 422, "panel-flags-undecided");
        assertEquals("/veto", undecided.at("/errors/0/pointer").asText());
        JsonNode draft = ok(put(g, year, "city", city(), Map.of("veto", Map.of("applied", false,
                "reason", "the accident was outside the school's responsibility")), null), 201);
        assertEquals("veto", draft.at("/panel/raised/0/flag").asText());
        assertEquals(p + "1", draft.at("/panel/raised/0/expertSub").asText());
        JsonNode confirmed = ok(submit(g, year, "city", city(), null), 200);
        assertFalse(confirmed.get("veto").asBoolean());
        assertEquals("EXCELLENT", confirmed.get("grade").asText());
        problem(call(expertEvent("save-expert-sheet.json", g, year, p + "2", expert(p + "2", null))
                .bodyJson(partial())), 409, "city-stage-confirmed");
        JsonNode audit = audit(g, year);
        for (int i = 1; i <= 3; i++) {
            String sub = p + i;
            long records = 0;
            for (JsonNode r : audit) {
                if (sub.equals(r.path("expertSub").asText()) && sub.equals(r.path("subject").asText())
                        && "EXPERT".equals(r.path("role").asText()) && "city".equals(r.path("stage").asText())) {
                    records++;
                }
            }
            assertTrue(records >= 19, sub + " has " + records + " records");
        }
        assertTrue(audit.findValues("field").stream().anyMatch(f -> f.asText().equals("panel")));
    }
}
