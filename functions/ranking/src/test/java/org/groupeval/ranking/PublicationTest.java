package org.groupeval.ranking;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.groupeval.local.LocalAws;
import org.groupeval.local.SampleEvent;
import org.groupeval.store.ResultStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.groupeval.ranking.Fixtures.body;
import static org.groupeval.ranking.RankingHandlerTest.assertStatus;
import static org.groupeval.ranking.RankingHandlerTest.handler;
import static org.groupeval.ranking.RankingHandlerTest.publish;
import static org.groupeval.ranking.RankingHandlerTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publication through the Lambda entry point on DynamoDB Local: what publishing records must not make the next run
 * of the same year a new revision, and publishing one revision again, or many times at once, is one publication.
 */
class PublicationTest {

    private static Fixtures fx;

    @BeforeAll
    static void start() {
        LocalAws.start();
        RankingHandlerTest.handler();
        fx = new Fixtures();
    }

    @Test
    void rankingAgainAfterPublishingOnUnchangedInputsMakesNoNewRevision() {
        int y = 2017;
        fx.cycle(y);
        // an INTEGRATED group graded EXCELLENT: publishing revision 1 records its senior-post bonus for this year
        String a = fx.group("甲集团", "INTEGRATED", "610931");
        String b = fx.group("乙集团", "TRUSTEESHIP", "610931");
        fx.reviewed(y, a, "610931", "96");
        fx.reviewed(y, b, "610931", "85");
        assertStatus(201, run(y));
        assertStatus(200, publish(y, 1));

        APIGatewayV2HTTPResponse again = run(y);
        assertStatus(200, again);
        JsonNode run = body(again);
        assertEquals("UNCHANGED", run.get("disposition").asText());
        assertEquals(1, run.get("revision").asInt());
        assertTrue(run.get("published").asBoolean());
        assertEquals(1, handler().results.highestRun(y).orElseThrow().revision());
    }

    @Test
    void publishingThePublishedRevisionAgainAnswersTheSamePublication() {
        int y = 2018;
        fx.cycle(y);
        String a = fx.group("甲集团", "TRUSTEESHIP", "610932");
        fx.reviewed(y, a, "610932", "91");
        assertStatus(201, run(y));
        JsonNode first = body(publish(y, 1));
        APIGatewayV2HTTPResponse again = publish(y, 1);
        assertStatus(200, again);
        JsonNode second = body(again);
        assertEquals(first.get("publishedAt").asText(), second.get("publishedAt").asText());
        assertEquals(first.get("publishedBy").asText(), second.get("publishedBy").asText());
        assertEquals("UNCHANGED", second.get("disposition").asText());
        assertTrue(second.get("published").asBoolean());
    }

    /**
     * A publication of a revision that another publication of it completes just before this one reads the pointer
     * answers that publication (when, by whom), not the run as it was before it.
     */
    @Test
    void aPublicationOvertakenByAnotherOfTheSameRevisionAnswersThatPublication() {
        int y = 2011;
        fx.cycle(y);
        String id = fx.group("G", "INTEGRATED", "610934");
        fx.reviewed(y, id, "610934", "91");
        assertStatus(201, run(y));
        RankingJob other = handler().job;
        ResultStore store = handler().results;
        AtomicBoolean overtaken = new AtomicBoolean();
        RankingJob job = new RankingJob();
        job.inputs = other.inputs;
        job.clock = other.clock;
        job.results = (ResultStore) Proxy.newProxyInstance(ResultStore.class.getClassLoader(),
                new Class<?>[] {ResultStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("publishedRevision") && overtaken.compareAndSet(false, true)) {
                        other.publish(y, 1, "CITY:other", false);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RankingJob.Outcome outcome = job.publish(y, 1, "CITY:me", false);
        assertEquals(RankingJob.Disposition.UNCHANGED, outcome.disposition());
        assertEquals("CITY:other", outcome.run().publishedBy());
        assertNotNull(outcome.run().publishedAt());
    }

    @Test
    void twentySimultaneousPublicationsOfOneRevisionAllAnswer200WithOnePublication() throws Exception {
        int y = 2019;
        fx.cycle(y);
        for (int i = 0; i < 6; i++) {
            String id = fx.group("G" + i, i % 2 == 0 ? "INTEGRATED" : "CLOSE", "610933");
            fx.reviewed(y, id, "610933", Integer.toString(88 + i));
        }
        assertStatus(201, run(y));
        List<APIGatewayV2HTTPResponse> responses = Fixtures.atOnce(20, () -> publish(y, 1));
        Set<String> publications = new HashSet<>();
        int created = 0;
        for (APIGatewayV2HTTPResponse response : responses) {
            assertStatus(200, response);
            JsonNode body = body(response);
            assertTrue(body.get("published").asBoolean());
            publications.add(body.get("publishedAt").asText());
            created += body.get("disposition").asText().equals("CREATED") ? 1 : 0;
        }
        assertEquals(1, publications.size(), publications.toString());
        assertEquals(1, created);
        // and ranking again still finds nothing new
        assertEquals("UNCHANGED", body(run(y)).get("disposition").asText());
    }

    @Test
    void aSchoolAndItsDistrictSeeTheSameRevisionAfterARepeatedRun() {
        int y = 2020;
        fx.cycle(y);
        String a = fx.group("甲集团", "INTEGRATED", "610934");
        fx.reviewed(y, a, "610934", "97");
        assertStatus(201, run(y));
        assertStatus(200, publish(y, 1));
        assertStatus(200, run(y));
        JsonNode forSchool = body(RankingHandlerTest.result(y, a, Fixtures.school(fx.coreSchool(a))));
        JsonNode forDistrict = body(RankingHandlerTest.result(y, a, Fixtures.district("610934")));
        assertEquals(1, forSchool.get("revision").asInt());
        assertEquals(forSchool.get("revision").asInt(), forDistrict.get("revision").asInt());
        assertTrue(forSchool.get("seniorPostBonus").asBoolean());
    }

    // ---- stages still open -----------------------------------------------------------------------------------------

    static APIGatewayV2HTTPResponse publishOverriding(int year, int revision, String allow) {
        return RankingHandlerTest.call(SampleEvent.of("ranking/publish-ranking.json").noQuery()
                .path("year", Integer.toString(year)).path("revision", Integer.toString(revision))
                .query("allowOpenStages", allow).claims(Fixtures.city()));
    }

    @Test
    void publishingWhileStagesAreOpenIsRefusedNamingThemUnlessTheCityOverridesItVisibly() {
        int y = 2021;
        Instant now = Instant.now();
        String district = now.plus(Duration.ofDays(2)).atOffset(ZoneOffset.ofHours(8)).toString();
        String city = now.plus(Duration.ofDays(3)).atOffset(ZoneOffset.ofHours(8)).toString();
        fx.cycle(y, Map.of("ratio", 0.30), Map.of("self", y + "-08-31T23:59:59+08:00", "district", district,
                "city", city), now.plus(Duration.ofDays(4)).atOffset(ZoneOffset.ofHours(8)).toString());
        String a = fx.group("甲集团", "TRUSTEESHIP", "610935");
        fx.reviewed(y, a, "610935", "91");
        // the self-assessment closed in August, but this group's was extended
        fx.extension(y, a, "610935", "self", now.plus(Duration.ofDays(1)));
        assertStatus(201, run(y));

        APIGatewayV2HTTPResponse refused = publish(y, 1);
        assertStatus(409, refused);
        JsonNode problem = body(refused);
        assertEquals("urn:groupeval:problem:stages-open", problem.get("type").asText());
        List<String> stages = new ArrayList<>();
        problem.get("openStages").forEach(s -> stages.add(s.get("stage").asText()));
        assertEquals(List.of("district", "city"), stages);
        assertEquals(1, problem.get("openExtensions").size());
        assertEquals(a, problem.get("openExtensions").get(0).get("groupId").asText());
        assertEquals("self", problem.get("openExtensions").get(0).get("stage").asText());
        assertTrue(problem.get("detail").asText().contains("group " + a + ": self-assessment until"),
                problem.get("detail").asText());
        assertTrue(problem.get("openStages").get(0).get("deadline").asText().endsWith("+08:00"));
        assertFalse(handler().results.publishedRevision(y).isPresent(), "nothing was published");

        assertStatus(400, publishOverriding(y, 1, "perhaps"));
        APIGatewayV2HTTPResponse forced = publishOverriding(y, 1, "true");
        assertStatus(200, forced);
        JsonNode published = body(forced);
        assertTrue(published.get("published").asBoolean());
        assertEquals(3, published.get("publishedWhileOpen").size(), published.toString());
        // the override stays on the publication record
        JsonNode latest = body(RankingHandlerTest.call(SampleEvent.of("ranking/latest-ranking.json")
                .path("year", Integer.toString(y)).claims(Fixtures.city())));
        assertEquals(published.get("publishedWhileOpen"), latest.get("publishedWhileOpen"));
        assertEquals(List.of("district", "city", "self"), handler().results.run(y, 1).orElseThrow()
                .publishedWhileOpen().stream().map(o -> o.stage()).toList());
    }

    @Test
    void onceEveryStageAndExtensionHasClosedPublicationNeedsNoOverrideAndRecordsNone() {
        int y = 2022;
        fx.cycle(y);
        String a = fx.group("甲集团", "TRUSTEESHIP", "610936");
        fx.reviewed(y, a, "610936", "91");
        fx.extension(y, a, "610936", "city", Instant.parse(y + "-11-15T15:59:59Z"));
        assertStatus(201, run(y));
        JsonNode published = body(publish(y, 1));
        assertTrue(published.get("published").asBoolean());
        assertFalse(published.has("publishedWhileOpen"), published.toString());
    }
}
