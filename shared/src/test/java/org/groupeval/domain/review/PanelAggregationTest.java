package org.groupeval.domain.review;

import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rules.md §7.4: the panel's mean, trimmed from five experts on (hand-computed). */
class PanelAggregationTest {

    private static final Framework ANKANG = FrameworkCatalog.builtIn().find("ankang-2022", "1").orElseThrow();

    private static List<PanelAggregation.ExpertPoints> experts(String... a01) {
        List<PanelAggregation.ExpertPoints> list = new ArrayList<>();
        for (int i = 0; i < a01.length; i++) {
            Map<String, BigDecimal> points = new LinkedHashMap<>();
            for (String id : ANKANG.indicatorIds()) {
                points.put(id, BigDecimal.ONE);
            }
            points.put("A01", new BigDecimal(a01[i]));
            list.add(new PanelAggregation.ExpertPoints("E" + (i + 1), "专家" + (i + 1), points));
        }
        return list;
    }

    @Test
    void threeExpertsScoreTheirMean() {
        PanelAggregation.Result r = PanelAggregation.aggregate(ANKANG, experts("6.00", "3.00", "4.80"),
                CycleRules.defaultPanel());
        assertEquals(0, new BigDecimal("4.6").compareTo(r.points().get("A01")));
        assertFalse(r.trimmed());
        assertEquals("MEAN", r.method());
        String en = r.explanations().get("A01").en();
        assertTrue(en.contains("E1 6.00, E2 3.00, E3 4.80; mean (6.00 + 3.00 + 4.80) / 3 = 4.6; scores 4.60"), en);
    }

    @Test
    void fiveExpertsDropTheSingleHighestAndLowest() {
        PanelAggregation.Result r = PanelAggregation.aggregate(ANKANG, experts("5.00", "4.00", "3.50", "3.50", "2.00"),
                CycleRules.defaultPanel());
        // (4.00 + 3.50 + 3.50) / 3 = 3.6666…, rounded by the engine to 3.67
        assertEquals(0, new BigDecimal("11").divide(new BigDecimal("3"), java.math.MathContext.DECIMAL128)
                .compareTo(r.points().get("A01")));
        assertTrue(r.trimmed());
        String en = r.explanations().get("A01").en();
        assertTrue(en.contains("dropping the highest (E1 5.00) and the lowest (E5 2.00); mean of the rest "
                + "(4.00 + 3.50 + 3.50) / 3 = 3.6667 → 3.67; scores 3.67"), en);
        assertTrue(en.contains("→ 3.67"), en);
    }

    @Test
    void theMeanSettingNeverTrims() {
        Cycle.PanelSettings mean = new Cycle.PanelSettings(true, 3, CycleRules.MEAN, 5, CycleRules.ALWAYS);
        PanelAggregation.Result r = PanelAggregation.aggregate(ANKANG, experts("5", "4", "3", "3", "0"), mean);
        assertEquals(0, new BigDecimal("3").compareTo(r.points().get("A01")));
        assertFalse(r.trimmed());
    }
}
