package org.groupeval.ranking;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.groupeval.domain.ranking.RankingRun;
import org.groupeval.domain.ranking.RunStatus;
import org.groupeval.local.LocalAws;
import org.groupeval.local.SampleEvent;
import org.groupeval.store.ResultStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.groupeval.ranking.Fixtures.body;
import static org.groupeval.ranking.Fixtures.city;
import static org.groupeval.ranking.Fixtures.district;
import static org.groupeval.ranking.Fixtures.school;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ranking routes through the Lambda entry point, on DynamoDB Local, with hand-computed expectations. Each test
 * ranks its own year; cycle deadlines lie in the past, so groups other tests register now (without sheets in that
 * year) take no part in it.
 */
class RankingHandlerTest {

    private static RankingHandler handler;
    private static Fixtures fx;

    @BeforeAll
    static void start() {
        handler();
        fx = new Fixtures();
    }

    /** The handler the route calls below go to, started once per test JVM. */
    static synchronized RankingHandler handler() {
        if (handler == null) {
            LocalAws.start();
            handler = new RankingHandler();
        }
        return handler;
    }

    static APIGatewayV2HTTPResponse call(SampleEvent event) {
        return Fixtures.call(handler, event);
    }

    static APIGatewayV2HTTPResponse run(int year) {
        return call(SampleEvent.of("ranking/run-ranking.json").path("year", Integer.toString(year)).claims(city()));
    }

    static APIGatewayV2HTTPResponse publish(int year, int revision) {
        return call(SampleEvent.of("ranking/publish-ranking.json").noQuery().path("year", Integer.toString(year))
                .path("revision", Integer.toString(revision)).claims(city()));
    }

    static APIGatewayV2HTTPResponse list(int year, Map<String, String> claims, String... query) {
        SampleEvent event = SampleEvent.of("ranking/list-results.json").noQuery().path("year", Integer.toString(year))
                .claims(claims);
        for (int i = 0; i < query.length; i += 2) {
            event.query(query[i], query[i + 1]);
        }
        return call(event);
    }

    static APIGatewayV2HTTPResponse result(int year, String groupId, Map<String, String> claims) {
        return call(SampleEvent.of("ranking/get-result.json").path("year", Integer.toString(year))
                .path("groupId", groupId).claims(claims));
    }

    static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("items").forEach(i -> ids.add(i.get("groupId").asText()));
        return ids;
    }

    static void assertStatus(int status, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
    }

    // ---- the whole year ------------------------------------------------------------------------------------------

    @Test
    void theCityRanksPublishesAndEachRoleSeesWhatItMay() {
        int y = 2001;
        fx.cycle(y, Map.of("ratio", 0.5, "scope", "PER_GRADE", "tiePolicy", "NONE_AT_CUTOFF"));
        String a = fx.group("甲集团", "INTEGRATED", "610901");
        String b = fx.group("乙集团", "TRUSTEESHIP", "610901");
        String c = fx.group("丙集团", "COLLABORATIVE", "610902");
        String d = fx.group("丁集团", "TRUSTEESHIP", "610902");
        String e = fx.group("戊集团", "TRUSTEESHIP", "610901");
        String f = fx.group("己集团", "COLLABORATIVE", "610902");
        String g = fx.group("庚集团", "INTEGRATED", "610901");
        String h = fx.group("辛集团", "TRUSTEESHIP", "610902");
        fx.reviewed(y, a, "610901", "95");
        fx.reviewed(y, b, "610901", "92");
        fx.reviewed(y, c, "610902", "92");
        fx.reviewed(y, d, "610902", "85");
        fx.reviewed(y, e, "610901", "81");
        fx.sheet(y, f, "610902", "district", "70", true, false, false, false, Map.of());
        fx.sheet(y, g, "610901", "district", "88", true, false, false, true, Map.of());
        fx.sheet(y, g, "610901", "city", "88", true, true, false, false, Map.of());
        fx.sheet(y, h, "610902", "district", "93", true, false, false, true, Map.of());
        fx.sheet(y, h, "610902", "city", "93", true, false, true, false, Map.of());

        // before any run: nothing to read
        assertStatus(404, list(y, city()));
        APIGatewayV2HTTPResponse ran = run(y);
        assertStatus(201, ran);
        JsonNode run = body(ran);
        assertEquals(1, run.get("revision").asInt());
        assertEquals("CREATED", run.get("disposition").asText());
        assertEquals("API", run.get("trigger").asText());
        assertEquals(8, run.get("counts").get("groups").asInt());
        assertEquals(2, run.get("counts").get("awarded").asInt());
        assertEquals(64, run.get("inputDigest").asText().length());
        assertFalse(run.get("published").asBoolean());

        JsonNode all = body(list(y, city()));
        List<String> order = ids(all);
        assertEquals(List.of(a, h), order.subList(0, 2));
        assertEquals(Set.of(b, c), Set.copyOf(order.subList(2, 4)));
        assertEquals(List.of(g, d, e, f), order.subList(4, 8));
        JsonNode first = all.get("items").get(0);
        assertEquals(1, first.get("rank").asInt());
        assertEquals(95.0, first.get("score").asDouble());
        assertEquals("EXCELLENT", first.get("grade").asText());
        assertTrue(first.get("award").asBoolean());
        assertTrue(first.get("seniorPostBonus").asBoolean());
        assertEquals(1, first.get("revision").asInt());
        assertNotNull(first.get("explanation").get("award").asText());
        assertEquals(3, all.get("items").get(3).get("rank").asInt());  // 1, 2, 3, 3, 5
        assertEquals(5, all.get("items").get(4).get("rank").asInt());
        JsonNode vetoed = all.get("items").get(4);
        assertEquals("FAIL", vetoed.get("grade").asText());
        assertEquals("GOOD", vetoed.get("bandGrade").asText());
        assertTrue(vetoed.get("flags").toString().contains("VETO"));
        JsonNode fraud = all.get("items").get(1);
        assertEquals("GOOD", fraud.get("grade").asText());
        assertFalse(fraud.get("award").asBoolean());
        // GOOD pool: H (fraud), D, E → quota floor(0.5 × 3) = 1, taken by D (H is skipped)
        JsonNode dResult = body(result(y, d, city()));
        assertTrue(dResult.get("award").asBoolean());
        assertEquals("GOOD", dResult.get("explanation").get("quota").get("pool").asText());
        JsonNode fResult = body(result(y, f, city()));
        assertEquals("DISTRICT", fResult.get("basis").asText());
        assertEquals("PASS", fResult.get("grade").asText());

        // district: its own district only, district ranks
        JsonNode own = body(list(y, district("610901")));
        assertEquals(List.of(a, b, g, e), ids(own));
        assertEquals(List.of(1, 2, 3, 4), own.get("items").findValuesAsText("districtRank").stream()
                .map(Integer::parseInt).toList());
        assertStatus(403, list(y, district("610901"), "district", "610902"));
        assertStatus(403, result(y, c, district("610901")));
        // schools: not before publication, never other groups, never the list
        Map<String, String> schoolA = school(fx.coreSchool(a));
        assertStatus(404, result(y, a, schoolA));
        assertStatus(403, list(y, schoolA));
        assertStatus(403, result(y, b, schoolA));
        // publish (CITY only), then the school reads its own result
        assertStatus(403, call(SampleEvent.of("ranking/publish-ranking.json").path("year", "2001")
                .path("revision", "1").claims(district("610901"))));
        APIGatewayV2HTTPResponse published = publish(y, 1);
        assertStatus(200, published);
        assertTrue(body(published).get("published").asBoolean());
        assertEquals("CREATED", body(published).get("disposition").asText());
        assertEquals("UNCHANGED", body(publish(y, 1)).get("disposition").asText());
        JsonNode mine = body(result(y, a, schoolA));
        assertEquals(1, mine.get("rank").asInt());
        assertTrue(mine.get("seniorPostBonus").asBoolean());
        JsonNode latest = body(call(SampleEvent.of("ranking/latest-ranking.json").path("year", "2001").claims(city())));
        assertEquals(1, latest.get("publishedRevision").asInt());
        assertEquals("COMPLETE", latest.get("status").asText());
        assertNotNull(latest.get("cutoffs"));
        assertStatus(404, publish(y, 7));
    }

    // ---- idempotency ---------------------------------------------------------------------------------------------

    @Test
    void runningAgainOnUnchangedInputsMakesNoRevisionAndAChangedSheetMakesTheNext() {
        int y = 2002;
        fx.cycle(y);
        String a = fx.group("A", "TRUSTEESHIP", "610903");
        String b = fx.group("B", "TRUSTEESHIP", "610903");
        fx.reviewed(y, a, "610903", "91");
        fx.reviewed(y, b, "610903", "84");
        assertStatus(201, run(y));
        JsonNode again = body(run(y));
        assertEquals("UNCHANGED", again.get("disposition").asText());
        assertEquals(1, again.get("revision").asInt());
        assertEquals(1, handler.results.highestRun(y).orElseThrow().revision());
        // a correction by the city
        fx.sheet(y, b, "610903", "city", "95", true, false, false, false, Map.of());
        APIGatewayV2HTTPResponse rerun = run(y);
        assertStatus(201, rerun);
        assertEquals(2, body(rerun).get("revision").asInt());
        assertEquals(List.of(b, a), ids(body(list(y, city()))));
        // the first revision stays readable for the city
        assertEquals(List.of(a, b), ids(body(list(y, city(), "revision", "1"))));
        assertStatus(403, list(y, district("610903"), "revision", "1"));
    }

    @Test
    void theYearsRunsAreListedHighestRevisionFirstWithThePublishedOneMarked() {
        int y = 2026;
        fx.cycle(y);
        assertEquals(0, body(runs(y, city())).get("items").size(), "no run yet: an empty list");
        String a = fx.group("A", "TRUSTEESHIP", "610906");
        fx.reviewed(y, a, "610906", "88");
        assertStatus(201, run(y));
        fx.sheet(y, a, "610906", "city", "93", true, false, false, false, Map.of());
        assertStatus(201, run(y));
        assertStatus(200, publish(y, 1));
        JsonNode listed = body(runs(y, city()));
        assertEquals(y, listed.get("year").asInt());
        JsonNode items = listed.get("items");
        assertEquals(2, items.size());
        assertEquals(2, items.get(0).get("revision").asInt());
        assertFalse(items.get(0).get("published").asBoolean());
        assertEquals(1, items.get(1).get("revision").asInt());
        assertTrue(items.get(1).get("published").asBoolean());
        assertEquals("COMPLETE", items.get(1).get("status").asText());
        assertNotNull(items.get(1).get("counts"));
        assertStatus(403, runs(y, district("610906")));
    }

    private APIGatewayV2HTTPResponse runs(int y, Map<String, String> claims) {
        return call(SampleEvent.of("ranking/list-rankings.json").path("year", Integer.toString(y)).claims(claims));
    }

    @Test
    void readersSeeThePreviousCompleteRevisionWhileTheNextIsBeingWritten() {
        int y = 2014;
        fx.cycle(y);
        String a = fx.group("A", "TRUSTEESHIP", "610904");
        fx.reviewed(y, a, "610904", "75");
        assertStatus(201, run(y));
        RankingRun first = handler.results.run(y, 1).orElseThrow();
        // a second run has claimed revision 2 and written part of its results, then is still running
        RankingRun running = new RankingRun(y, 2, RunStatus.RUNNING, "API", "test", Instant.now(), null,
                Instant.now().plusSeconds(900), "another-digest", first.frameworkId(), first.frameworkVersion(),
                first.award(), null, null, null, null, 1L);
        assertTrue(handler.results.claim(running));
        assertFalse(handler.results.claim(running), "a revision is claimed once");
        JsonNode seen = body(list(y, city()));
        assertEquals(1, seen.get("revision").asInt());
        assertEquals(List.of(a), ids(seen));
        JsonNode latest = body(call(SampleEvent.of("ranking/latest-ranking.json").path("year", Integer.toString(y))
                .claims(city())));
        assertEquals(1, latest.get("revision").asInt());
    }

    @Test
    void aRunWhoseLeaseExpiredIsAbandonedAndTheNextRevisionTakesItsPlace() {
        int y = 2013;
        fx.cycle(y);
        String a = fx.group("A", "TRUSTEESHIP", "610905");
        fx.reviewed(y, a, "610905", "75");
        RankingRun crashed = new RankingRun(y, 1, RunStatus.RUNNING, "SCHEDULE", "scheduler",
                Instant.now().minusSeconds(3600), null, Instant.now().minusSeconds(2700), "digest-of-older-inputs",
                "ankang-2022", "1", null, null, null, null, null, 1L);
        assertTrue(handler.results.claim(crashed));
        APIGatewayV2HTTPResponse ran = run(y);
        assertStatus(201, ran);
        assertEquals(2, body(ran).get("revision").asInt());
        assertEquals(RunStatus.ABANDONED, handler.results.run(y, 1).orElseThrow().status());
    }

    @Test
    void simultaneousRunsOnTheSameInputsMakeOneRevision() throws Exception {
        int y = 2003;
        fx.cycle(y);
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = fx.group("G" + i, "COLLABORATIVE", "610906");
            fx.reviewed(y, id, "610906", Integer.toString(60 + i));
            groups.add(id);
        }
        List<RankingJob.Disposition> dispositions = new ArrayList<>();
        Set<Integer> revisions = new HashSet<>();
        for (RankingJob.Outcome outcome : Fixtures.atOnce(4, () -> handler.job.run(y, "API", "test"))) {
            dispositions.add(outcome.disposition());
            revisions.add(outcome.run().revision());
        }
        assertEquals(1, dispositions.stream().filter(d -> d == RankingJob.Disposition.CREATED).count(),
                dispositions.toString());
        assertEquals(Set.of(1), revisions);
        assertEquals(1, handler.results.highestRun(y).orElseThrow().revision());
        assertEquals(RunStatus.COMPLETE, handler.results.run(y, 1).orElseThrow().status());
        JsonNode all = body(list(y, city(), "limit", "500"));
        assertEquals(30, all.get("items").size());
        assertEquals(groups.get(29), all.get("items").get(0).get("groupId").asText());
    }

    // ---- queries ---------------------------------------------------------------------------------------------------

    @Test
    void resultsFilterByDistrictGradeAndAwardAndPageInRankOrder() {
        int y = 2005;
        fx.cycle(y);
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 10; i++) {   // GOOD 89 .. 80, alternating districts
            String id = fx.group("G" + i, "TRUSTEESHIP", i % 2 == 0 ? "610907" : "610908");
            fx.reviewed(y, id, i % 2 == 0 ? "610907" : "610908", Integer.toString(89 - i));
            good.add(id);
        }
        String pass = fx.group("P", "TRUSTEESHIP", "610907");
        fx.reviewed(y, pass, "610907", "65");
        assertStatus(201, run(y));
        // quota floor(0.3 × 10) = 3
        assertEquals(good.subList(0, 3), ids(body(list(y, city(), "awarded", "true"))));
        assertEquals(List.of(good.get(0), good.get(2)), ids(body(list(y, city(), "awarded", "true", "district", "610907"))));
        assertEquals(List.of(pass), ids(body(list(y, city(), "grade", "PASS"))));
        List<String> notAwarded = ids(body(list(y, city(), "awarded", "false", "grade", "good")));
        assertEquals(good.subList(3, 10), notAwarded);
        // pages of 4 walk the whole ranking in order
        List<String> walked = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = token == null ? body(list(y, city(), "limit", "4"))
                    : body(list(y, city(), "limit", "4", "nextToken", token));
            walked.addAll(ids(page));
            token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
            pages++;
        } while (token != null);
        List<String> expected = new ArrayList<>(good);
        expected.add(pass);
        assertEquals(expected, walked);
        assertTrue(pages >= 3);
        // bad filters are all reported
        APIGatewayV2HTTPResponse bad = list(y, city(), "grade", "SUPERB", "awarded", "maybe", "district", "61");
        assertStatus(400, bad);
        assertEquals(3, body(bad).get("errors").size());
        assertStatus(400, list(y, city(), "nextToken", "garbage!"));
        assertStatus(400, call(SampleEvent.of("ranking/list-results.json").noQuery().path("year", "26")
                .claims(city())));
        assertStatus(401, call(SampleEvent.of("ranking/list-results.json").path("year", "2005").claims(null)));
        assertStatus(403, call(SampleEvent.of("ranking/run-ranking.json").path("year", "2005")
                .claims(district("610907"))));
    }

    @Test
    void aResultsPageTokenServesOnlyTheListAndTheCallerItWasIssuedFor() {
        int y = 2045;   // and 2046: years no other test of this module ranks (they share one DynamoDB Local)
        fx.cycle(y);
        for (int i = 0; i < 3; i++) {
            fx.reviewed(y, fx.group("东" + i, "TRUSTEESHIP", "610921"), "610921", Integer.toString(85 - i));
            fx.reviewed(y, fx.group("西" + i, "TRUSTEESHIP", "610922"), "610922", Integer.toString(75 - i));
        }
        assertStatus(201, run(y));
        fx.cycle(y + 1);
        assertStatus(201, run(y + 1));
        Map<String, String> east = district("610921");
        String token = body(list(y, east, "limit", "1")).get("nextToken").asText();
        assertStatus(200, list(y, east, "limit", "1", "nextToken", token));
        assertStatus(200, list(y, east, "limit", "2", "nextToken", token));
        // not for another district, the city, another filter, another year or the CSV export
        assertBadPageToken(list(y, district("610922"), "nextToken", token));
        assertBadPageToken(list(y, city(), "district", "610921", "nextToken", token));
        assertBadPageToken(list(y, east, "grade", "GOOD", "nextToken", token));
        assertBadPageToken(list(y + 1, east, "nextToken", token));
        assertBadPageToken(call(SampleEvent.of("ranking/export-results.json").path("year", Integer.toString(y))
                .claims(east).query("nextToken", token)));
        // the CSV export's X-Next-Token continues the export
        APIGatewayV2HTTPResponse csv = call(SampleEvent.of("ranking/export-results.json")
                .path("year", Integer.toString(y)).claims(east).query("limit", "1"));
        String csvToken = csv.getHeaders().get("X-Next-Token");
        assertNotNull(csvToken);
        assertStatus(200, call(SampleEvent.of("ranking/export-results.json").path("year", Integer.toString(y))
                .claims(east).query("limit", "1").query("nextToken", csvToken)));
        // made-up keys (revision 1 of this year, district 610922) and an altered token
        String key = "gsi2pk=RESULTS#" + y + "#000001#DISTRICT#610922\u001fgsi2sk=0000001#g-x\u001fpk=GROUP#g-x"
                + "\u001fsk=RESULT#" + y + "#000001";
        for (String forged : List.of("cGs9eB9zaz0", "cGs9R1JPVVAjeB9zaz1HUk9VUA",
                Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8)),
                token.substring(2), token.replace(token.charAt(token.length() / 2),
                        token.charAt(token.length() / 2) == 'x' ? 'y' : 'x'))) {
            assertBadPageToken(list(y, east, "nextToken", forged));
        }
    }

    static void assertBadPageToken(APIGatewayV2HTTPResponse response) {
        assertStatus(400, response);
        assertEquals("/query/nextToken", body(response).at("/errors/0/pointer").asText(), response.getBody());
    }

    @Test
    void aTieAtTheCutoffIsReportedOnTheRun() {
        int y = 2012;
        fx.cycle(y);
        // 4 GOOD: quota 1; the two best tie at 88 → default policy: none awarded, both reported
        String a = fx.group("A", "TRUSTEESHIP", "610909");
        String b = fx.group("B", "TRUSTEESHIP", "610909");
        fx.reviewed(y, a, "610909", "88");
        fx.reviewed(y, b, "610909", "88");
        fx.reviewed(y, fx.group("C", "TRUSTEESHIP", "610909"), "610909", "85");
        fx.reviewed(y, fx.group("D", "TRUSTEESHIP", "610909"), "610909", "82");
        JsonNode run = body(run(y));
        JsonNode tie = run.get("tiesAtCutoff").get(0);
        assertEquals("GOOD", tie.get("pool").asText());
        assertEquals(88.0, tie.get("score").asDouble());
        assertEquals(Set.of(a, b), Set.of(tie.get("groupIds").get(0).asText(), tie.get("groupIds").get(1).asText()));
        assertEquals("NONE_AWARDED", tie.get("resolution").asText());
        assertEquals(0, run.get("counts").get("awarded").asInt());
        assertTrue(body(result(y, a, city())).get("flags").toString().contains("TIED_AT_CUTOFF"));
    }

    @Test
    void aGroupWithNothingSubmittedIsListedLastAsFail() {
        int y = 2025;
        fx.cycle(y);
        String scored = fx.group("S", "TRUSTEESHIP", "610910");
        fx.reviewed(y, scored, "610910", "70");
        // registered before the deadline, never reviewed; a draft does not count
        String silent = fx.group("N", "TRUSTEESHIP", "610910", Fixtures.cityDeadline(y).minusSeconds(86_400 * 30));
        fx.sheet(y, silent, "610910", "district", "99", false, false, false, true, Map.of());
        assertStatus(201, run(y));
        JsonNode all = body(list(y, city(), "district", "610910"));
        assertEquals(List.of(scored, silent), ids(all));
        JsonNode last = all.get("items").get(1);
        assertEquals("NOT_SUBMITTED", last.get("basis").asText());
        assertEquals("FAIL", last.get("grade").asText());
        assertNull(last.get("score"));
        assertEquals(2, last.get("rank").asInt());
    }

    @Test
    void theCsvExportOpensInExcelAndParsesBack() {
        int y = 2004;
        fx.cycle(y);
        String a = fx.group("城东\"实验\", 教育集团", "INTEGRATED", "610921");
        String b = fx.group("=城西教育集团", "TRUSTEESHIP", "610921");
        fx.reviewed(y, a, "610921", "90.5");
        fx.reviewed(y, b, "610921", "79.25");
        assertStatus(201, run(y));
        APIGatewayV2HTTPResponse csv = call(SampleEvent.of("ranking/export-results.json").path("year", "2004")
                .claims(city()));
        assertStatus(200, csv);
        assertTrue(csv.getHeaders().get("Content-Type").startsWith("text/csv"));
        assertTrue(csv.getHeaders().get("Content-Disposition").contains("results-2004-r1.csv"));
        assertTrue(csv.getBody().startsWith("\uFEFF"), "UTF-8 BOM for Excel");
        List<List<String>> rows = CsvReader.parse(csv.getBody().substring(1));
        assertEquals(ResultsCsv.HEADERS, rows.get(0));
        assertEquals(3, rows.size());
        // names and Chinese labels for people, each beside its code for integrators; two decimals as written
        assertEquals(List.of("1", "1", a, "城东\"实验\", 教育集团", "汉阴县", "610921", "一体型", "INTEGRATED", "90.50",
                "市级终评", "CITY", "优秀", "EXCELLENT", "否", "是", "", ""), rows.get(1).subList(0, 17));
        assertEquals("79.25", rows.get(2).get(8));
        assertEquals("合格", rows.get(2).get(11));
        assertEquals("PASS", rows.get(2).get(12));
        assertEquals("'=城西教育集团", rows.get(2).get(3), "a name that reads as a formula is defused");
        // the same through Accept: text/csv on the list route
        APIGatewayV2HTTPResponse negotiated = call(SampleEvent.of("ranking/list-results.json").noQuery()
                .path("year", "2004").header("Accept", "text/csv").claims(city()));
        assertEquals(csv.getBody(), negotiated.getBody());
    }
}
