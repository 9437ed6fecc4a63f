package org.groupeval.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import org.groupeval.domain.framework.Score;
import org.groupeval.domain.ranking.AwardSettings;
import org.groupeval.domain.ranking.PoolOutcome;
import org.groupeval.domain.ranking.RankingRun;
import org.groupeval.domain.ranking.RankingSummary;
import org.groupeval.domain.ranking.RunStatus;
import org.groupeval.json.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run as the API shows it: its members in the documented order, absent ones left out, scores as Scores. */
class RunViewTest {

    private static final Instant AT = Instant.parse("2026-11-01T02:00:00Z");

    private static RankingRun run(RunStatus status, RankingSummary summary) {
        return new RankingRun(2026, 3, status, "API", "CITY:c", AT, summary == null ? null : AT, AT.plusSeconds(900),
                "digest", "ankang-2022", "1", AwardSettings.defaults(), summary, null, null, null, 2);
    }

    private static List<String> members(Object view) throws Exception {
        JsonNode tree = Json.MAPPER.readTree(Json.write(view));
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aRunningRunShowsNoCountsAndNoPublication() throws Exception {
        assertEquals(List.of("year", "revision", "status", "trigger", "requestedBy", "startedAt", "inputDigest",
                "frameworkId", "frameworkVersion", "award", "published"),
                members(RunView.of(run(RunStatus.RUNNING, null), OptionalInt.empty())));
    }

    @Test
    void aCompleteRunShowsItsCountsCutoffsAndTiesThenItsPublicationAndWhatTheRequestDid() throws Exception {
        PoolOutcome good = new PoolOutcome("GOOD", 4, 4, 1, 1, new Score(new BigDecimal("85")),
                new Score(new BigDecimal("85")), List.of("g-a", "g-b"), "BROKEN_BY_CATEGORIES");
        PoolOutcome excellent = new PoolOutcome("EXCELLENT", 1, 1, 1, 1, new Score(new BigDecimal("98")), null,
                List.of(), null);
        RankingSummary summary = new RankingSummary(5, Map.of("GOOD", 4, "EXCELLENT", 1),
                Map.of("CITY", 5), 2, 0, 0, List.of(excellent, good));
        RunView view = RunView.of(run(RunStatus.COMPLETE, summary), OptionalInt.of(3))
                .with(RankingJob.Disposition.UNCHANGED);
        assertEquals(List.of("year", "revision", "status", "trigger", "requestedBy", "startedAt", "completedAt",
                "inputDigest", "frameworkId", "frameworkVersion", "award", "counts", "pools", "cutoffs",
                "tiesAtCutoff", "published", "publishedRevision", "disposition"), members(view));
        String json = Json.write(view);
        assertTrue(json.contains("\"counts\":{\"groups\":5,\"byGrade\":{\"EXCELLENT\":1,\"GOOD\":4},"
                + "\"byBasis\":{\"CITY\":5},\"awarded\":2,\"seniorPostBonuses\":0,\"restructuring\":0}"), json);
        assertTrue(json.contains("\"cutoffs\":{\"EXCELLENT\":98.00,\"GOOD\":85.00}"), json);
        assertTrue(json.contains("\"tiesAtCutoff\":[{\"pool\":\"GOOD\",\"score\":85.00,\"groupIds\":[\"g-a\",\"g-b\"],"
                + "\"resolution\":\"BROKEN_BY_CATEGORIES\"}]"), json);
        assertTrue(json.contains("\"published\":true,\"publishedRevision\":3,\"disposition\":\"UNCHANGED\""), json);
    }
}
