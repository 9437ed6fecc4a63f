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

import static org.groupeval.scoring.ReviewFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order in which the scoring routes check a request (README, Conventions): the path's ids before anything is
 * looked up, who may act before the body is read, and an expert's seat before anything about the group's cycle.
 */
class RequestCheckOrderTest {

    /** A year no test of this module opens a cycle for. */
    private static final int NO_CYCLE = 2099;
    private static final String OVER_LONG = "A".repeat(2_100);

    @BeforeAll
    static void boot() {
        start();
    }

    private record Attempt(String what, SampleEvent event) {
    }

    /** Every route an expert may call about a group, as expert {@code sub} of {@code groupId} in {@code year}. */
    private static List<Attempt> expertRoutes(String groupId, int year, String sub) {
        Map<String, String> expert = expert(sub, null);
        List<Attempt> attempts = new ArrayList<>();
        for (String stage : List.of("self", "district", "city")) {
            attempts.add(new Attempt("GET sheets/" + stage, groupEvent("get-sheet.json", groupId, year, expert)
                    .path("stage", stage)));
        }
        attempts.add(new Attempt("GET panel", groupEvent("get-panel.json", groupId, year, expert)));
        attempts.add(new Attempt("GET own sheet", groupEvent("get-expert-sheet.json", groupId, year, expert)
                .path("expertSub", sub)));
        attempts.add(new Attempt("PUT own sheet", groupEvent("save-expert-sheet.json", groupId, year, expert)
                .path("expertSub", sub).bodyJson(partial())));
        attempts.add(new Attempt("POST own sheet", groupEvent("submit-expert-sheet.json", groupId, year, expert)
                .path("expertSub", sub).body(null)));
        return attempts;
    }

    private static SampleEvent groupEvent(String file, String groupId, int year, Map<String, String> claims) {
        return SampleEvent.of("scoring/" + file).claims(claims).path("groupId", groupId)
                .path("year", String.valueOf(year)).header("If-Match", null);
    }

    @Test
    void anExpertOffThePanelLearnsNeitherThatTheGroupExistsNorWhetherItsCycleDoes() {
        TestGroup existing = group(district());
        String missing = Ids.newId(Identifiers.GROUP);
        cycle(2098, true, null);
        for (int year : List.of(NO_CYCLE, 2098)) {
            List<Attempt> onExisting = expertRoutes(existing.groupId(), year, "E-OFF");
            List<Attempt> onMissing = expertRoutes(missing, year, "E-OFF");
            for (int i = 0; i < onExisting.size(); i++) {
                JsonNode a = problem(call(onExisting.get(i).event()), 403, "forbidden");
                JsonNode b = problem(call(onMissing.get(i).event()), 403, "forbidden");
                assertEquals(a.get("title"), b.get("title"), onExisting.get(i).what());
            }
        }
    }

    @Test
    void aCallerWhoMayNotActIsRefusedWhateverBodyItSent() {
        int year = 2097;
        cycle(year, true, null);
        TestGroup g = group(district());
        TestGroup other = group(district());
        Map<String, String> stranger = Map.of("sub", "staff-x", "role", "SCHOOL", "school", other.core());
        Map<String, String> strangeDistrict = districtOf(other);
        Map<String, String> e01 = expert("E01", null);
        Map<String, String> e02 = expert("E02", null);

        Map<String, SampleEvent> writes = new LinkedHashMap<>();
        writes.put("POST /cycles by a district", SampleEvent.of("scoring/create-cycle.json").claims(districtOf(g)));
        writes.put("PATCH /cycles/{year} by a school", SampleEvent.of("scoring/update-cycle.json").claims(school(g))
                .path("year", String.valueOf(year)));
        writes.put("POST extensions by a district", SampleEvent.of("scoring/grant-extension.json")
                .claims(districtOf(g)).path("year", String.valueOf(year)));
        for (String stage : List.of("self", "district", "city")) {
            Map<String, String> refused = switch (stage) {
                case "self" -> stranger;
                case "district" -> strangeDistrict;
                default -> school(g);
            };
            writes.put("PUT sheets/" + stage, groupEvent("save-sheet.json", g.groupId(), year, refused)
                    .path("stage", stage));
            writes.put("POST sheets/" + stage + "/submit", groupEvent("submit-sheet.json", g.groupId(), year, refused)
                    .path("stage", stage));
        }
        writes.put("PUT panel by a district", groupEvent("assign-panel.json", g.groupId(), year, districtOf(g)));
        writes.put("PUT another expert's sheet", groupEvent("save-expert-sheet.json", g.groupId(), year, e02)
                .path("expertSub", "E01"));
        writes.put("POST another expert's sheet", groupEvent("submit-expert-sheet.json", g.groupId(), year, e02)
                .path("expertSub", "E01"));
        writes.put("PUT an expert's sheet by the city", groupEvent("save-expert-sheet.json", g.groupId(), year, city())
                .path("expertSub", "E01"));
        writes.put("POST an expert's sheet by the city", groupEvent("submit-expert-sheet.json", g.groupId(), year,
                city()).path("expertSub", "E01"));
        writes.put("POST another expert's conflicts", SampleEvent.of("scoring/declare-conflict.json").claims(e02));
        // the 9 write routes of the scoring function, the stage sheets' for each of the 3 stages
        assertEquals(15, writes.size());

        List<String> bodies = List.of("{", "{\"a\": 1, \"a\": 2}", "[\"not an object\"]", "{\"unknown\": true}",
                "{\"x\": \"\\ud800\"}", "x".repeat(70_000));
        List<String> wrong = new ArrayList<>();
        writes.forEach((what, event) -> {
            for (String body : bodies) {
                check(wrong, what + " with " + abbreviate(body), call(event.body(body)));
            }
            check(wrong, what + " as text/plain", call(event.body("{}").header("Content-Type", "text/plain")));
        });
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    private static void check(List<String> wrong, String what, APIGatewayV2HTTPResponse r) {
        if (r.getStatusCode() != 403) {
            wrong.add(what + " → " + r.getStatusCode() + " " + abbreviate(r.getBody()));
        }
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 60 ? text : text.substring(0, 60) + "…";
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
