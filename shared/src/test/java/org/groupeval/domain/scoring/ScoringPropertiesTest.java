package org.groupeval.domain.scoring;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.web.Json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of scoring that hold for every valid sheet of every built-in framework. */
class ScoringPropertiesTest {

    private static Framework framework(int index) {
        return FrameworkCatalog.builtIn().all().get(index);
    }

    @Property(tries = 300)
    void everyFigureStaysWithinItsMaximum(@ForAll @IntRange(min = 0, max = 1) int which, @ForAll long seed) {
        Framework framework = framework(which);
        ScoredSheet scored = SheetScorer.score(framework, RandomSheets.sheet(framework, new Random(seed)),
                ScoringMode.SUBMISSION);
        scored.indicators().forEach((id, score) -> {
            assertTrue(score.points().value().signum() >= 0, id);
            assertTrue(score.points().compareTo(score.maxPoints()) <= 0, id + " " + score.points());
            assertEquals(2, score.points().value().scale(), id);
        });
        for (CategoryScore category : scored.categories()) {
            assertTrue(category.points().compareTo(category.maxPoints()) <= 0, category.id());
        }
        assertTrue(scored.total().value().signum() >= 0);
        assertTrue(scored.total().value().compareTo(framework.maxTotal()) <= 0, scored.total().toString());
        assertTrue(scored.baseTotal().value().add(scored.bonus().value()).compareTo(scored.total().value()) == 0);
        assertTrue(scored.complete());
    }

    @Property(tries = 300)
    void raisingAnySingleCountNeverLowersTheScore(@ForAll @IntRange(min = 0, max = 1) int which, @ForAll long seed) {
        Framework framework = framework(which);
        Random random = new Random(seed);
        Map<String, Object> sheet = RandomSheets.sheet(framework, random);
        BigDecimal before = SheetScorer.score(framework, sheet, ScoringMode.SUBMISSION).total().value();
        List<Consumer<Integer>> raises = new ArrayList<>();
        collectRaises(sheet, raises);
        for (Consumer<Integer> raise : raises) {
            Map<String, Object> copy = deepCopy(sheet);
            List<Consumer<Integer>> copyRaises = new ArrayList<>();
            collectRaises(copy, copyRaises);
            copyRaises.get(raises.indexOf(raise)).accept(1 + random.nextInt(3));
            BigDecimal after = SheetScorer.score(framework, copy, ScoringMode.SUBMISSION).total().value();
            assertTrue(after.compareTo(before) >= 0, before + " -> " + after);
        }
    }

    @Property(tries = 100)
    void theSameInputGivesTheSameOutput(@ForAll @IntRange(min = 0, max = 1) int which, @ForAll long seed) {
        Framework framework = framework(which);
        Map<String, Object> sheet = RandomSheets.sheet(framework, new Random(seed));
        ScoredSheet first = SheetScorer.score(framework, sheet, ScoringMode.SUBMISSION);
        ScoredSheet second = SheetScorer.score(framework, deepCopy(sheet), ScoringMode.SUBMISSION);
        assertEquals(first, second);
        assertEquals(Json.write(first), Json.write(second));
    }

    /** Every count (an Integer leaf) can be raised; every list of durations can gain a person. */
    @SuppressWarnings("unchecked")
    private static void collectRaises(Object node, List<Consumer<Integer>> raises) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> object = (Map<String, Object>) map;
            for (Map.Entry<String, Object> entry : object.entrySet()) {
                if (entry.getValue() instanceof Integer) {
                    String key = entry.getKey();
                    raises.add(by -> object.put(key, (Integer) object.get(key) + by));
                } else if (entry.getKey().equals("durations")) {
                    List<Object> durations = (List<Object>) entry.getValue();
                    raises.add(by -> durations.add(BigDecimal.valueOf(by * 25L, 1)));
                } else {
                    collectRaises(entry.getValue(), raises);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> sheet) {
        return Json.MAPPER.convertValue(Json.MAPPER.valueToTree(sheet), Map.class);
    }
}
