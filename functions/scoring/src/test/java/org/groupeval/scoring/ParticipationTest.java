package org.groupeval.scoring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.GroupLifecycle;
import org.groupeval.domain.group.LifecycleRequest;
import org.groupeval.domain.group.School;
import org.groupeval.local.SampleEvent;
import org.groupeval.store.Ids;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.groupeval.scoring.ReviewFixtures.at;
import static org.groupeval.scoring.ReviewFixtures.audit;
import static org.groupeval.scoring.ReviewFixtures.call;
import static org.groupeval.scoring.ReviewFixtures.city;
import static org.groupeval.scoring.ReviewFixtures.cycle;
import static org.groupeval.scoring.ReviewFixtures.district;
import static org.groupeval.scoring.ReviewFixtures.districtOf;
import static org.groupeval.scoring.ReviewFixtures.full;
import static org.groupeval.scoring.ReviewFixtures.group;
import static org.groupeval.scoring.ReviewFixtures.groups;
import static org.groupeval.scoring.ReviewFixtures.ok;
import static org.groupeval.scoring.ReviewFixtures.problem;
import static org.groupeval.scoring.ReviewFixtures.put;
import static org.groupeval.scoring.ReviewFixtures.school;
import static org.groupeval.scoring.ReviewFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cycle's participants: enrolment at the cycle's creation and at registration, the city's changes, the gates. */
class ParticipationTest {

    @BeforeAll
    static void start() {
        ReviewFixtures.start();
    }

    private static List<String> participants(int year, String district) {
        JsonNode page = ok(call(SampleEvent.of("scoring/list-participants.json").claims(city())
                .path("year", String.valueOf(year)).query("district", district)), 200);
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .map(p -> p.get("groupId").asText() + ":" + p.get("status").asText()).sorted().toList();
    }

    private static APIGatewayV2HTTPResponse change(int year, String groupId, String status, String ifMatch) {
        SampleEvent event = SampleEvent.of("scoring/change-participant.json").claims(city())
                .path("year", String.valueOf(year)).path("groupId", groupId).header("If-Match", ifMatch);
        return call(event.bodyJson(Map.of("status", status, "reason", status + " by the city for a test")));
    }

    private static JsonNode selfProgress(int year, ReviewFixtures.TestGroup g) {
        return ok(call(SampleEvent.of("scoring/get-progress.json").claims(districtOf(g))
                .path("year", String.valueOf(year)).query("district", null)), 200).at("/stages/0/totals");
    }

    private static List<String> sorted(String... entries) {
        List<String> list = new ArrayList<>(List.of(entries));
        list.sort(null);
        return list;
    }

    @Test
    void creatingACycleEnrolsEveryActiveGroupAndTheCityChangesItUntilTheDeadline() {
        int year = 2081;
        String d = district();
        ReviewFixtures.TestGroup a = group(d);
        ReviewFixtures.TestGroup b = group(d);
        ReviewFixtures.TestGroup gone = group(d);
        Group current = groups.find(gone.groupId()).orElseThrow();
        groups.dissolve(GroupLifecycle.dissolve(current, new LifecycleRequest(null, "merged away", null),
                Instant.parse("2026-06-01T00:00:00Z"), "CITY:user-city"), current.version());
        at(year, 3, 1, 9, 0, 0);
        cycle(year, false, null);
        assertEquals(sorted(a.groupId() + ":ENROLLED", b.groupId() + ":ENROLLED"), participants(year, d),
                "every active group, not the dissolved one");

        problem(change(year, b.groupId(), "WITHDRAWN", null), 428, "precondition-required");
        JsonNode created = ok(call(SampleEvent.of("scoring/get-participant.json").claims(city())
                .path("year", String.valueOf(year)).path("groupId", b.groupId())), 200);
        assertEquals("CYCLE_CREATED", created.get("cause").asText());
        JsonNode withdrawn = ok(change(year, b.groupId(), "WITHDRAWN", "\"1\""), 200);
        assertEquals("WITHDRAWN", withdrawn.get("status").asText());
        assertEquals("WITHDRAWN by the city for a test", withdrawn.get("reason").asText());
        assertEquals("CITY", withdrawn.get("cause").asText());
        JsonNode record = audit(b, year).get(0);
        assertEquals("PARTICIPATION_CHANGED", record.get("action").asText());
        assertEquals("ENROLLED", record.get("oldValue").asText());
        assertEquals("WITHDRAWN", record.get("newValue").asText());
        assertEquals("WITHDRAWN by the city for a test", record.get("reason").asText());

        // a withdrawn group is not reviewed and not counted
        at(year, 8, 10, 10, 0, 0);
        JsonNode refused = problem(put(b, year, "self", school(b), full("1"), null), 409, "not-a-participant");
        assertEquals("WITHDRAWN", refused.get("participation").asText());
        ok(put(a, year, "self", school(a), full("1"), null), 201);
        assertEquals(1, selfProgress(year, a).get("groups").asInt());
        // the district's list carries each group's stages: a's self-assessment drafted, nothing of b's
        JsonNode listed = ok(call(SampleEvent.of("scoring/list-participants.json").claims(districtOf(a))
                .path("year", String.valueOf(year)).query("district", null)), 200);
        Map<String, JsonNode> byGroup = new HashMap<>();
        listed.get("items").forEach(item -> byGroup.put(item.get("groupId").asText(), item));
        JsonNode stages = byGroup.get(a.groupId()).get("stages");
        assertEquals("DRAFT", stages.at("/self/status").asText(), listed.toString());
        assertTrue(stages.at("/self/total").isNumber(), stages.toString());
        assertFalse(stages.has("district"), stages.toString());
        assertEquals(0, byGroup.get(b.groupId()).get("stages").size());
        problem(change(year, gone.groupId(), "ENROLLED", null), 409, "group-not-active");

        JsonNode again = ok(change(year, b.groupId(), "ENROLLED", "\"2\""), 200);
        assertEquals(3, again.get("version").asInt());
        assertEquals(2, selfProgress(year, a).get("groups").asInt());
        JsonNode read = ok(call(SampleEvent.of("scoring/get-participant.json").claims(districtOf(b))
                .path("year", String.valueOf(year)).path("groupId", b.groupId())), 200);
        assertEquals("ENROLLED", read.get("status").asText());
        problem(call(SampleEvent.of("scoring/get-participant.json").claims(districtOf(group(district())))
                .path("year", String.valueOf(year)).path("groupId", b.groupId())), 403, "forbidden");

        // after the self-assessment deadline the participants are fixed
        at(year, 9, 1, 0, 0, 0);
        problem(change(year, a.groupId(), "WITHDRAWN", "\"1\""), 409, "deadline-passed");
    }

    @Test
    void aGroupRegisteredAfterTheSelfAssessmentClosedTakesNoPartInThatCycle() {
        int year = 2082;
        at(year, 3, 1, 9, 0, 0);
        cycle(year, false, null);
        String d = district();
        ReviewFixtures.TestGroup early = group(d);
        String u = unique();
        Group late = new Group(Ids.newId(Identifiers.GROUP), "后来的集团 " + u, "TRUSTEESHIP", d,
                new School(u + "C", "核心校"), List.of(new School(u + "M", "成员校")), null,
                Instant.parse(year + "-09-15T00:00:00Z"), Instant.parse(year + "-09-15T00:00:00Z"), 1);
        groups.create(late, null);
        assertEquals(List.of(early.groupId() + ":ENROLLED"), participants(year, d));
        at(year, 9, 20, 10, 0, 0);
        ReviewFixtures.TestGroup lateGroup = new ReviewFixtures.TestGroup(late.groupId(), d, u + "C",
                List.of(u + "M"));
        problem(put(lateGroup, year, "district", districtOf(lateGroup), full("1"), null), 409,
                "not-a-participant");
        JsonNode self = selfProgress(year, early);
        assertEquals(1, self.get("groups").asInt(), "the late group is not counted NOT_STARTED or late");
        assertEquals(1, self.get("late").asInt(), "the enrolled group that did not submit is late");
    }
}
