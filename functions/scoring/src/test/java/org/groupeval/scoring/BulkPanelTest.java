package org.groupeval.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import org.groupeval.local.SampleEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.groupeval.scoring.ReviewFixtures.TestGroup;
import static org.groupeval.scoring.ReviewFixtures.at;
import static org.groupeval.scoring.ReviewFixtures.call;
import static org.groupeval.scoring.ReviewFixtures.city;
import static org.groupeval.scoring.ReviewFixtures.cycle;
import static org.groupeval.scoring.ReviewFixtures.district;
import static org.groupeval.scoring.ReviewFixtures.group;
import static org.groupeval.scoring.ReviewFixtures.ok;
import static org.groupeval.scoring.ReviewFixtures.problem;
import static org.groupeval.scoring.ReviewFixtures.recommendedIn;
import static org.groupeval.scoring.ReviewFixtures.seat;
import static org.groupeval.scoring.ReviewFixtures.sheetEvent;
import static org.groupeval.scoring.ReviewFixtures.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** One panel seated on many groups of a cycle (PUT /cycles/{year}/panels), with a result per group. */
class BulkPanelTest {

    private static final int YEAR = 2060;

    @BeforeAll
    static void boot() {
        start();
    }

    private static SampleEvent bulk(int year, Map<String, String> claims, Object body) {
        return SampleEvent.of("scoring/assign-panels.json").claims(claims).path("year", String.valueOf(year))
                .bodyJson(body);
    }

    @Test
    void eachGroupIsSeatedOrRefusedOnItsOwn() {
        cycle(YEAR, true, null);
        TestGroup a = recommendedIn(YEAR);
        TestGroup conflicted = recommendedIn(YEAR);
        TestGroup b = recommendedIn(YEAR);
        TestGroup notRecommended = group(district());
        at(YEAR, 10, 10, 10, 0, 0);
        String missing = "g-01kexamp1e000000000000zzzz";
        String p = ReviewFixtures.unique();
        List<Map<String, Object>> experts = List.of(seat(p + "1", null), seat(p + "2", conflicted.members().get(0)),
                seat(p + "3", null));
        Map<String, Object> body = Map.of("experts", experts, "groupIds", List.of(a.groupId(),
                conflicted.groupId(), b.groupId(), notRecommended.groupId(), missing));
        JsonNode answer = ok(call(bulk(YEAR, city(), body)), 200);
        JsonNode results = answer.get("results");
        assertEquals(5, results.size());
        assertEquals("ASSIGNED", results.get(0).get("status").asText());
        assertEquals(1, results.get(0).get("version").asInt());
        assertEquals("REFUSED", results.get(1).get("status").asText());
        assertEquals("urn:groupeval:problem:conflict-of-interest", results.get(1).at("/problem/type").asText());
        assertEquals("MEMBER_SCHOOL", results.get(1).at("/problem/conflicts/0/kind").asText());
        assertEquals("ASSIGNED", results.get(2).get("status").asText());
        assertEquals("urn:groupeval:problem:group-not-recommended", results.get(3).at("/problem/type").asText());
        assertEquals(404, results.get(4).at("/problem/status").asInt());
        assertEquals(2, answer.at("/counts/ASSIGNED").asInt());
        assertEquals(3, answer.at("/counts/REFUSED").asInt());
        // the seated panels are those of PUT …/panel; the refused group has none
        JsonNode panel = ok(call(sheetEvent("get-panel.json", b, YEAR, null, city())), 200);
        assertEquals(3, panel.get("assigned").asInt());
        problem(call(sheetEvent("get-panel.json", conflicted, YEAR, null, city())), 404, null);
        // the same request again changes nothing where it was seated
        JsonNode again = ok(call(bulk(YEAR, city(), body)), 200);
        assertEquals("UNCHANGED", again.at("/results/0/status").asText());
        assertEquals(1, again.at("/results/0/version").asInt());
        // another panel replaces it, without If-Match
        Map<String, Object> other = Map.of("experts", List.of(seat(p + "4", null), seat(p + "5", null),
                seat(p + "6", null)), "groupIds", List.of(a.groupId()));
        assertEquals(2, ok(call(bulk(YEAR, city(), other)), 200).at("/results/0/version").asInt());
    }

    @Test
    void aMalformedRequestIsRefusedAsAWholeAndOnlyTheCityMayAsk() {
        String p = ReviewFixtures.unique();
        List<String> ids = new ArrayList<>(List.of("g-01kexamp1e0000000000000000", "not-an-id",
                "g-01kexamp1e0000000000000000"));
        JsonNode refused = problem(call(bulk(YEAR + 1, city(), Map.of("experts", List.of(seat("bad subject", null)),
                "groupIds", ids))), 400, "validation-failed");
        List<String> pointers = new ArrayList<>();
        refused.get("errors").forEach(e -> pointers.add(e.get("pointer").asText()));
        assertEquals(List.of("/experts/0/subject", "/groupIds/1", "/groupIds/2"), pointers);
        problem(call(bulk(YEAR, Map.of("sub", "d1", "role", "DISTRICT", "district", "610902"), Map.of("experts", List.of(seat(p, null)), "groupIds",
                List.of("g-01kexamp1e0000000000000000")))), 403, null);
        assertFalse(pointers.isEmpty());
    }
}
