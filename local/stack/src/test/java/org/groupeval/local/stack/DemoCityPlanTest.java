package org.groupeval.local.stack;

import org.groupeval.domain.Grade;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.domain.ranking.AwardSettings;
import org.groupeval.domain.ranking.GroupResult;
import org.groupeval.domain.ranking.PoolOutcome;
import org.groupeval.domain.ranking.Ranking;
import org.groupeval.domain.ranking.RankingEntry;
import org.groupeval.domain.ranking.RankingOutcome;
import org.groupeval.domain.ranking.ResultFlag;
import org.groupeval.domain.ranking.SheetSummary;
import org.groupeval.domain.scoring.ScoredSheet;
import org.groupeval.domain.scoring.ScoringMode;
import org.groupeval.domain.scoring.SheetScorer;
import org.groupeval.web.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo city's year, checked without a running stack: its sheets score (with the real engine) where the plan
 * says, and ranked (with the real rules) they show what the demo promises — every grade, a veto, a fraud case, two
 * groups with nothing submitted, districts keeping groups, and a tie at the GOOD award cutoff.
 */
class DemoCityPlanTest {

    private static final Framework ANKANG = FrameworkCatalog.builtIn().find("ankang-2022", "1").orElseThrow();

    @SuppressWarnings("unchecked")
    static ScoredSheet score(BigDecimal planned, DemoCity.Plan p, boolean city) {
        var sheet = DemoCity.sheet(planned, 1 + DemoCity.memberCount(p),
                city && p.veto() ? "事故" : null, city && p.fraud() ? "数据不实" : null);
        return SheetScorer.score(ANKANG, Json.MAPPER.convertValue(sheet, Map.class), ScoringMode.SUBMISSION);
    }

    @Test
    void theDemoSheetsScoreJustAboveTheirPlannedTotals() {
        for (DemoCity.Plan p : DemoCity.plans()) {
            if (p.submitsNothing()) {
                continue;
            }
            BigDecimal planned = new BigDecimal(p.cityScore());
            ScoredSheet scored = score(planned, p, false);
            assertTrue(scored.complete(), p.toString());
            assertTrue(scored.total().value().compareTo(planned) >= 0
                    && scored.total().value().compareTo(planned.add(new BigDecimal("0.2"))) <= 0,
                    planned + " → " + scored.total());
            assertEquals(ANKANG.gradeFor(planned), scored.bandGrade(), planned.toString());
        }
    }

    @Test
    void theDemoYearHasEveryGradeAVetoAFraudCaseAndATieAtTheGoodCutoff() {
        List<RankingEntry> entries = new ArrayList<>();
        for (DemoCity.Plan p : DemoCity.plans()) {
            String id = "demo-" + p.district() + "-" + p.index();
            SheetSummary district = null;
            SheetSummary city = null;
            if (!p.submitsNothing()) {
                BigDecimal planned = new BigDecimal(p.cityScore());
                ScoredSheet d = score(planned.add(BigDecimal.ONE).min(BigDecimal.valueOf(100)), p, false);
                district = new SheetSummary("district", true, d.total().value(), false, false, p.recommended(),
                        Map.of());
                if (p.recommended()) {
                    ScoredSheet c = score(planned, p, true);
                    city = new SheetSummary("city", true, c.total().value(), c.veto().applied(), c.fraud().applied(),
                            false,
                            Map.of());
                }
            }
            entries.add(RankingEntry.of(id, id, p.district(), p.type(), district, city, false, null));
        }
        RankingOutcome outcome = Ranking.rank(DemoCity.YEAR, entries, AwardSettings.defaults(), ANKANG::gradeBand);
        assertEquals(60, outcome.results().size());
        Set<Grade> grades = outcome.results().stream().map(GroupResult::grade).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(Grade.class), grades);
        EnumSet<ResultFlag> flags = EnumSet.noneOf(ResultFlag.class);
        outcome.results().forEach(r -> flags.addAll(r.flags()));
        assertTrue(flags.containsAll(List.of(ResultFlag.VETO, ResultFlag.FRAUD, ResultFlag.NOT_SUBMITTED,
                ResultFlag.NOT_RECOMMENDED, ResultFlag.TIED_AT_CUTOFF)), flags.toString());
        PoolOutcome good = outcome.summary().pools().get(1);
        assertEquals("GOOD", good.pool());
        assertEquals(6, good.quota());
        assertEquals(2, good.tiedAtCutoff().size());
        assertEquals("NONE_AWARDED", good.tieResolution());
        assertEquals(5, good.awarded());
        assertEquals(1, outcome.summary().seniorPostBonuses());
        assertEquals(2, outcome.summary().byBasis().get("NOT_SUBMITTED"));
    }
}
