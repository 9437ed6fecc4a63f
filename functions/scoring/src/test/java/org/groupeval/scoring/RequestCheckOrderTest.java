package org.groupeval.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import org.groupeval.domain.Identifiers;
import org.groupeval.local.SampleEvent;
import org.groupeval.store.Ids;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.groupeval.scoring.ReviewFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the scoring routes check the ids a request names (README, Conventions): before anything is looked up. */
class RequestCheckOrderTest {

    private static final String OVER_LONG = "A".repeat(2_100);

    @BeforeAll
    static void boot() {
        start();
    }

    private static SampleEvent groupEvent(String file, String groupId, int year, Map<String, String> claims) {
        return SampleEvent.of("scoring/" + file).claims(claims).path("groupId", groupId)
                .path("year", String.valueOf(year)).header("If-Match", null);
    }

    @Test
    void aMalformedGroupIdIsRefusedBeforeAnyLookupAsAMissingGroupIs() {
        TestGroup g = group(district());
        for (String bad : List.of(OVER_LONG, "g-missing", "g-01KEXAMP1E0000000000000000", g.groupId() + "0")) {
            JsonNode city = problem(call(groupEvent("get-sheet.json", bad, 2096, city()).path("stage", "self")), 400,
                    "validation-failed");
            assertEquals("/path/groupId", city.at("/errors/0/pointer").asText());
            assertTrue(city.get("detail").asText().length() < 400, "the refusal does not echo the whole value");
            problem(call(groupEvent("get-sheet.json", bad, 2096, school(g)).path("stage", "self")), 403, "forbidden");
            problem(call(groupEvent("get-audit.json", bad, 2096, districtOf(g))), 403, "forbidden");
            problem(call(groupEvent("save-expert-sheet.json", bad, 2096, expert("E01", null))
                    .path("expertSub", "E01").bodyJson(partial())), 403, "forbidden");
        }
        for (String[] path : new String[][] {{"year", "2o26"}, {"year", OVER_LONG}, {"stage", OVER_LONG}}) {
            JsonNode p = problem(call(groupEvent("get-sheet.json", g.groupId(), 2096, city()).path("stage", "self")
                    .path(path[0], path[1])), 400, "validation-failed");
            assertEquals("/path/" + path[0], p.at("/errors/0/pointer").asText());
        }
        JsonNode sub = problem(call(groupEvent("get-expert-sheet.json", g.groupId(), 2096, city())
                .path("expertSub", OVER_LONG)), 400, "validation-failed");
        assertEquals("/path/expertSub", sub.at("/errors/0/pointer").asText());
    }

    @Test
    void anIdInABodyIsCheckedForItsFormatBeforeItIsLookedUp() {
        int year = 2095;
        cycle(year, true, null);
        for (String bad : List.of("g-missing", "g-" + "a".repeat(400), OVER_LONG)) {
            SampleEvent extension = SampleEvent.of("scoring/grant-extension.json").claims(city())
                    .path("year", String.valueOf(year));
            extension.body(extension.bodyTree().put("groupId", bad).toString());
            JsonNode p = problem(call(extension), 400, "validation-failed");
            assertEquals("/groupId", p.at("/errors/0/pointer").asText());
        }
        SampleEvent conflict = SampleEvent.of("scoring/declare-conflict.json").claims(city())
                .bodyJson(Map.of("groupId", OVER_LONG, "reason", "taught there"));
        assertEquals("/groupId", problem(call(conflict), 400, "validation-failed").at("/errors/0/pointer").asText());
    }
}
