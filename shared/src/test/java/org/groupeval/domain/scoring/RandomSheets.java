package org.groupeval.domain.scoring;

import org.groupeval.domain.Grade;
import org.groupeval.domain.framework.Checklist;
import org.groupeval.domain.framework.CompletionRatio;
import org.groupeval.domain.framework.Composite;
import org.groupeval.domain.framework.DurationBands;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.GradeMapped;
import org.groupeval.domain.framework.Indicator;
import org.groupeval.domain.framework.IndicatorRule;
import org.groupeval.domain.framework.JudgedPoints;
import org.groupeval.domain.framework.Level;
import org.groupeval.domain.framework.LevelCounts;
import org.groupeval.domain.framework.Part;
import org.groupeval.domain.framework.SurveyPercentage;
import org.groupeval.domain.framework.ThresholdDeduction;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random valid sheets for any framework, derived from its rules (no per-framework code). Counts are Integers, every
 * other number a BigDecimal, so a test can find the counts of a sheet by type.
 */
final class RandomSheets {

    private RandomSheets() {
    }

    static Map<String, Object> sheet(Framework framework, Random random) {
        Map<String, Object> indicators = new LinkedHashMap<>();
        for (String id : framework.indicatorIds()) {
            Indicator indicator = framework.indicator(id).orElseThrow();
            indicators.put(id, input(indicator.rule(), indicator.maxPoints(), random));
        }
        Map<String, Object> sheet = new LinkedHashMap<>();
        sheet.put("indicators", indicators);
        if (framework.bonus().enabled() && random.nextBoolean()) {
            List<Level> levels = new ArrayList<>(framework.bonus().pointsByLevel().keySet());
            sheet.put("bonus", Map.of("level", levels.get(random.nextInt(levels.size())).name(), "reason", "r"));
        }
        if (random.nextInt(10) == 0) {
            sheet.put("veto", Map.of("applied", true, "reason", "incident"));
        }
        if (random.nextInt(10) == 0) {
            sheet.put("fraud", Map.of("applied", true, "reason", "falsified"));
        }
        return sheet;
    }

    private static BigDecimal decimal(Random random, BigDecimal max, int scale) {
        long units = max.movePointRight(scale).longValue();
        return BigDecimal.valueOf(random.nextLong(units + 1), scale);
    }

    private static Object input(IndicatorRule rule, BigDecimal max, Random random) {
        if (rule instanceof CompletionRatio || rule instanceof SurveyPercentage) {
            return random.nextBoolean() ? Map.of("ratio", decimal(random, BigDecimal.ONE, 4))
                    : Map.of("percent", decimal(random, BigDecimal.valueOf(100), 2));
        }
        if (rule instanceof JudgedPoints judged) {
            BigDecimal step = judged.step() == null ? new BigDecimal("0.01") : judged.step();
            long steps = max.divide(step).longValue();
            return Map.of("points", step.multiply(BigDecimal.valueOf(random.nextLong(steps + 1))));
        }
        if (rule instanceof Checklist checklist) {
            List<String> checked = new ArrayList<>();
            for (Checklist.Item item : checklist.items()) {
                if (random.nextBoolean()) {
                    checked.add(item.id());
                }
            }
            return Map.of("checked", checked);
        }
        if (rule instanceof GradeMapped mapped) {
            List<Grade> grades = new ArrayList<>(mapped.percentByGrade().keySet());
            List<String> schools = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
                schools.add(grades.get(random.nextInt(grades.size())).name());
            }
            return Map.of("grades", schools);
        }
        if (rule instanceof ThresholdDeduction threshold) {
            Map<String, Object> measures = new LinkedHashMap<>();
            for (ThresholdDeduction.Measure measure : threshold.measures()) {
                measures.put(measure.id(), decimal(random, new BigDecimal("0.4"), 3));
            }
            return measures;
        }
        if (rule instanceof DurationBands bands) {
            if (random.nextBoolean()) {
                Map<String, Object> counts = new LinkedHashMap<>();
                for (DurationBands.Band band : bands.bands()) {
                    counts.put(band.id(), random.nextInt(8));
                }
                return Map.of("counts", counts);
            }
            List<Object> durations = new ArrayList<>();
            for (int i = 0, n = random.nextInt(12); i < n; i++) {
                durations.add(BigDecimal.valueOf(1 + random.nextInt(150), 1));
            }
            return Map.of("durations", durations);
        }
        if (rule instanceof LevelCounts levels) {
            Map<String, Object> counts = new LinkedHashMap<>();
            for (Level level : levels.pointsByLevel().keySet()) {
                if (random.nextBoolean()) {
                    counts.put(level.name(), random.nextInt(5));
                }
            }
            return counts;
        }
        if (rule instanceof Composite composite) {
            Map<String, Object> parts = new LinkedHashMap<>();
            for (Part part : composite.parts()) {
                parts.put(part.id(), input(part.rule(), part.maxPoints(), random));
            }
            return parts;
        }
        throw new IllegalArgumentException("no generator for " + rule.type());
    }
}
