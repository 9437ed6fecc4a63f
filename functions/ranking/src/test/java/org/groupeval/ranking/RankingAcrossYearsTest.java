package org.groupeval.ranking;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.groupeval.domain.Identifiers;
import org.groupeval.local.LocalAws;
import org.groupeval.local.SampleEvent;
import org.groupeval.store.Ids;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import java.util.Map;

import static org.groupeval.ranking.Fixtures.body;
import static org.groupeval.ranking.Fixtures.city;
import static org.groupeval.ranking.Fixtures.district;
import static org.groupeval.ranking.Fixtures.school;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules that span years: the once-only senior-post bonus, two FAIL years in a row, a group's history. */
class RankingAcrossYearsTest {

    private static RankingHandler handler;
    private static Fixtures fx;

    @BeforeAll
    static void start() {
        LocalAws.start();
        handler = new RankingHandler();
        fx = new Fixtures();
    }

    static APIGatewayV2HTTPResponse call(SampleEvent event) {
        return Fixtures.call(handler, event);
    }

    static void runAndPublish(int year) {
        APIGatewayV2HTTPResponse ran = call(SampleEvent.of("ranking/run-ranking.json").path("year", Integer.toString(year))
                .claims(city()));
        assertTrue(ran.getStatusCode() == 201 || ran.getStatusCode() == 200, ran.getBody());
        int revision = body(ran).get("revision").asInt();
        APIGatewayV2HTTPResponse published = call(SampleEvent.of("ranking/publish-ranking.json")
                .path("year", Integer.toString(year)).path("revision", Integer.toString(revision)).claims(city()));
        assertEquals(200, published.getStatusCode(), published.getBody());
    }

    static JsonNode result(int year, String groupId) {
        APIGatewayV2HTTPResponse r = call(SampleEvent.of("ranking/get-result.json").path("year", Integer.toString(year))
                .path("groupId", groupId).claims(city()));
        assertEquals(200, r.getStatusCode(), r.getBody());
        return body(r);
    }

    @Test
    void anIntegratedGroupReceivesTheSeniorPostBonusOnceAcrossTwoCycles() {
        String group = fx.group("一体型集团", "INTEGRATED", "610913");
        fx.cycle(2006);
        fx.cycle(2007);
        fx.reviewed(2006, group, "610913", "94");
        fx.reviewed(2007, group, "610913", "96");
        runAndPublish(2006);
        assertTrue(result(2006, group).get("seniorPostBonus").asBoolean());
        runAndPublish(2007);
        JsonNode second = result(2007, group);
        assertEquals("EXCELLENT", second.get("grade").asText());
        assertFalse(second.get("seniorPostBonus").asBoolean());
        assertTrue(second.get("flags").toString().contains("SENIOR_POST_BONUS_ALREADY_RECEIVED"));
        assertTrue(second.get("explanation").get("seniorPostBonus").asText().contains("2006"));
        // re-ranking 2006 after a correction keeps its bonus (granted in 2006 itself, not earlier)
        fx.sheet(2006, group, "610913", "city", "95", true, false, false, false, Map.of());
        runAndPublish(2006);
        assertTrue(result(2006, group).get("seniorPostBonus").asBoolean());
    }

    @Test
    void aCorrectedRepublicationThatTakesTheBonusAwayFreesItForLaterYears() {
        String group = fx.group("一体型集团二", "INTEGRATED", "610914");
        fx.cycle(2015);
        fx.cycle(2016);
        fx.reviewed(2015, group, "610914", "91");
        runAndPublish(2015);
        assertTrue(result(2015, group).get("seniorPostBonus").asBoolean());
        // the city corrects 2015: the group was only GOOD; the re-published revision no longer grants the bonus
        fx.sheet(2015, group, "610914", "city", "89", true, false, false, false, Map.of());
        runAndPublish(2015);
        assertFalse(result(2015, group).get("seniorPostBonus").asBoolean());
        fx.reviewed(2016, group, "610914", "92");
        runAndPublish(2016);
        assertTrue(result(2016, group).get("seniorPostBonus").asBoolean());
    }

    @Test
    void twoFailYearsInARowFlagTheGroupForRestructuring() {
        String failing = fx.group("薄弱集团", "COLLABORATIVE", "610915");
        String recovering = fx.group("进步集团", "COLLABORATIVE", "610915");
        fx.cycle(2008);
        fx.cycle(2009);
        fx.reviewed(2008, failing, "610915", "55");
        fx.reviewed(2008, recovering, "610915", "58");
        runAndPublish(2008);
        assertFalse(result(2008, failing).get("flags").toString().contains("RESTRUCTURING"));
        fx.reviewed(2009, failing, "610915", "52.5");
        fx.reviewed(2009, recovering, "610915", "61");
        runAndPublish(2009);
        JsonNode flagged = result(2009, failing);
        assertTrue(flagged.get("flags").toString().contains("RESTRUCTURING"), flagged.toString());
        assertFalse(result(2009, recovering).get("flags").toString().contains("RESTRUCTURING"));
    }

    @Test
    void aGroupsHistoryListsEachYearAndSchoolsSeeOnlyPublishedYears() {
        String group = fx.group("历史集团", "TRUSTEESHIP", "610916");
        fx.cycle(2010);
        fx.cycle(2011);
        fx.reviewed(2010, group, "610916", "81");
        fx.reviewed(2011, group, "610916", "86");
        runAndPublish(2010);
        assertEquals(201, call(SampleEvent.of("ranking/run-ranking.json").path("year", "2011").claims(city()))
                .getStatusCode());
        JsonNode forCity = body(call(SampleEvent.of("ranking/group-result-history.json").path("groupId", group)
                .claims(city())));
        assertEquals(2, forCity.get("items").size());
        assertEquals(2010, forCity.get("items").get(0).get("year").asInt());
        assertTrue(forCity.get("items").get(0).get("published").asBoolean());
        assertFalse(forCity.get("items").get(1).get("published").asBoolean());
        JsonNode forSchool = body(call(SampleEvent.of("ranking/group-result-history.json").path("groupId", group)
                .claims(school(fx.coreSchool(group)))));
        assertEquals(1, forSchool.get("items").size());
        assertEquals(81.0, forSchool.get("items").get(0).get("score").asDouble());
        assertEquals(403, call(SampleEvent.of("ranking/group-result-history.json").path("groupId", group)
                .claims(district("610917"))).getStatusCode());
        String missing = Ids.newId(Identifiers.GROUP);
        assertEquals(403, call(SampleEvent.of("ranking/group-result-history.json").path("groupId", missing)
                .claims(district("610916"))).getStatusCode());
        assertEquals(404, call(SampleEvent.of("ranking/group-result-history.json").path("groupId", missing)
                .claims(city())).getStatusCode());
    }

    @Test
    void aMalformedGroupIdIsRefusedBeforeAnyLookupAsAMissingGroupIs() {
        for (String bad : new String[] {"A".repeat(2_100), "g-missing"}) {
            for (SampleEvent event : new SampleEvent[] {SampleEvent.of("ranking/group-result-history.json"),
                    SampleEvent.of("ranking/get-result.json").path("year", "2010")}) {
                JsonNode forCity = body(call(event.path("groupId", bad).claims(city())));
                assertEquals(400, forCity.get("status").asInt(), forCity.toString());
                assertEquals("/path/groupId", forCity.at("/errors/0/pointer").asText());
                assertEquals(403, call(event.claims(district("610916"))).getStatusCode());
                assertEquals(403, call(event.claims(school("S001"))).getStatusCode());
            }
        }
        JsonNode revision = body(call(SampleEvent.of("ranking/publish-ranking.json").path("revision", "9".repeat(2_000))
                .claims(city())));
        assertEquals("/path/revision", revision.at("/errors/0/pointer").asText());
    }

    // ---- participants ------------------------------------------------------------------------------------------------

    private static APIGatewayV2HTTPResponse resultOf(int year, String groupId) {
        return call(SampleEvent.of("ranking/get-result.json").path("year", Integer.toString(year))
                .path("groupId", groupId).claims(city()));
    }

    @Test
    void anEditAfterTheSelfAssessmentClosedLeavesThatYearsResultAsItWas() {
        fx.cycle(2050);
        // registered while 2050's self-assessment is open: enrolled, its snapshot taken from the group
        String group = fx.group("旧名集团", "TRUSTEESHIP", "610940");
        fx.reviewed(2050, group, "610940", "88");
        runAndPublish(2050);
        assertEquals("旧名集团", result(2050, group).get("name").asText());
        fx.rename(group, "新名集团", Instant.parse("2050-12-01T00:00:00Z"));
        APIGatewayV2HTTPResponse again = call(SampleEvent.of("ranking/run-ranking.json").path("year", "2050")
                .claims(city()));
        assertEquals(200, again.getStatusCode(), "the snapshot did not change, so neither did the inputs");
        assertEquals("UNCHANGED", body(again).get("disposition").asText());
        assertEquals("旧名集团", result(2050, group).get("name").asText(), "the year shows the name of that year");
    }

    @Test
    void aGroupRegisteredAfterTheCycleClosedIsNotRankedInIt() {
        fx.cycle(2051);
        String scored = fx.group("参评集团", "TRUSTEESHIP", "610941");
        fx.reviewed(2051, scored, "610941", "75");
        String late = fx.group("新登记集团", "TRUSTEESHIP", "610941", Instant.parse("2051-11-15T00:00:00Z"));
        runAndPublish(2051);
        assertEquals(200, resultOf(2051, scored).getStatusCode());
        assertEquals(404, resultOf(2051, late).getStatusCode(), "not NOT_SUBMITTED / FAIL: it took no part");
    }

    @Test
    void onlyYearsAGroupTookPartInCountTowardsRestructuring() {
        fx.cycle(2052);
        fx.cycle(2053);
        fx.cycle(2054);
        String dissolved = fx.group("撤销集团", "COLLABORATIVE", "610942");
        String paused = fx.group("暂停集团", "COLLABORATIVE", "610942");
        String other = fx.group("其他集团", "COLLABORATIVE", "610942");
        fx.reviewed(2052, dissolved, "610942", "50");
        fx.reviewed(2052, paused, "610942", "51");
        runAndPublish(2052);
        assertEquals("FAIL", result(2052, dissolved).get("grade").asText());
        // after one FAIL year: one group dissolved (which withdraws it from the cycles still open), one withdrawn
        // from 2053 by the city
        fx.dissolve(dissolved, Instant.parse("2052-12-01T00:00:00Z"));
        fx.participant(2053, paused, "WITHDRAWN");
        fx.reviewed(2053, other, "610942", "80");
        runAndPublish(2053);
        assertEquals(404, resultOf(2053, dissolved).getStatusCode(), "a dissolved group is not failed next year");
        assertEquals(404, resultOf(2053, paused).getStatusCode(), "nor is a withdrawn one");
        fx.reviewed(2054, paused, "610942", "52");
        runAndPublish(2054);
        JsonNode later = result(2054, paused);
        assertEquals("FAIL", later.get("grade").asText());
        assertFalse(later.get("flags").toString().contains("RESTRUCTURING"),
                "2053, the year between its two FAILs, it took no part in: " + later);
    }
}
