package org.groupeval.domain.framework;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broken definition is refused with the precise problem and its JSON Pointer: one test per kind of error. */
class FrameworkLoaderTest {

    @Test
    void theReferenceTestDefinitionLoads() {
        Framework framework = FrameworkLoader.parse(bytes("frameworks-test/test-city.json"), "test-city");
        assertEquals(List.of("T01", "T02", "T03"), framework.indicatorIds());
    }

    @Test
    void indicatorMaximaMustSumToTheCategoryMax() {
        assertRefused("indicator-maxima-do-not-sum-to-category-max", "/categories/0/maxPoints: the maxima of the "
                + "indicators of category \"one\" sum to 7, not to the category maximum 6");
    }

    @Test
    void categoryMaximaMustSumToTheFrameworkMax() {
        assertRefused("category-maxima-do-not-sum-to-framework-max",
                "/maxScore: the category maxima sum to 10, not to the framework maximum 12");
    }

    @Test
    void gradeBandsMayNotLeaveAGap() {
        assertRefused("grade-bands-with-a-gap",
                "/gradeBands/2/min: gap in the grade bands: scores from 8 to below 8.5 have no grade");
    }

    @Test
    void gradeBandsMayNotOverlap() {
        assertRefused("grade-bands-overlapping",
                "/gradeBands/2/min: overlap in the grade bands: scores from 8 to below 8.5 fall in two bands");
    }

    @Test
    void aCapMayNotBeBelowZero() {
        assertRefused("cap-below-zero", "/categories/0/indicators/1/rule/parts/1/maxPoints: must not be below zero (got -1)");
    }

    @Test
    void aMissingRuleParameterIsNamed() {
        assertRefused("rule-parameter-missing", "/categories/0/indicators/1/rule/parts/0/rule/bands: is missing");
    }

    @Test
    void anUnknownRuleTypeIsRefused() {
        assertRefused("unknown-rule-type", "/categories/0/indicators/0/rule/type: unknown rule type \"PROPORTIONAL\" "
                + "(known: COMPLETION_RATIO, SURVEY_PERCENTAGE, JUDGED_POINTS, CHECKLIST, GRADE_MAPPED, "
                + "THRESHOLD_DEDUCTION, DURATION_BANDS, LEVEL_COUNTS, COMPOSITE)");
    }

    @Test
    void indicatorIdsAreUniqueAcrossTheFramework() {
        assertRefused("duplicate-indicator-id", "/categories/1/indicators/0/id: duplicate indicator id \"T01\"");
    }

    @Test
    void everyListNamesEachOfItsEntriesOnce() {
        String resource = "frameworks-broken/duplicates-in-every-list.json";
        FrameworkDefinitionException e = assertThrows(FrameworkDefinitionException.class,
                () -> FrameworkLoader.parse(bytes(resource), resource));
        assertEquals(List.of(
                "/categories/0/indicators/0/rule/items/1/id: duplicate item id \"a\"",
                "/categories/0/indicators/1/rule/measures/1/id: duplicate measure id \"m\"",
                "/categories/0/indicators/2/rule/grades/1/grade: grade GOOD is mapped twice",
                "/categories/0/indicators/3/rule/parts/0/rule/bands/1/id: duplicate band id \"b\"",
                "/categories/0/indicators/3/rule/parts/1/rule/levels/1/level: level CITY is listed twice",
                "/categories/0/indicators/3/rule/parts/1/id: duplicate part id \"p\"",
                "/categories/1/indicators/0/id: duplicate indicator id \"D01\"",
                "/categories/1/id: duplicate category id \"one\"",
                "/bonus/levels/1/level: level NATIONAL is listed twice"), e.problems());
    }

    @Test
    void compositePartsMustBeAbleToReachTheIndicatorMax() {
        assertRefused("composite-parts-cannot-reach-the-indicator-max", "/categories/0/indicators/1/maxPoints: the "
                + "parts' maxima add up to 3, below the maximum 4, which can never be reached");
    }

    @Test
    void durationBandsMayNotLeaveAGap() {
        assertRefused("duration-bands-with-a-gap", "/categories/0/indicators/1/rule/parts/0/rule/bands/1/min: gap "
                + "between duration bands: the previous band ends below 3 but this one starts at 4");
    }

    @Test
    void aJudgementStepMustDivideTheMax() {
        assertRefused("judged-step-does-not-divide-the-max",
                "/categories/1/indicators/0/rule/step: the maximum 4 is not a multiple of the step 1.5");
    }

    @Test
    void everyNameNeedsChineseAndEnglish() {
        assertRefused("missing-chinese-name", "/categories/0/name/zh: is missing");
    }

    @Test
    void aGradeMayNotMapAboveOneHundredPercent() {
        assertRefused("grade-mapped-percent-above-100",
                "/categories/0/indicators/0/rule/grades/0/percent: must not exceed 100 (got 120)");
    }

    @Test
    void invalidJsonIsRefused() {
        FrameworkDefinitionException e = assertThrows(FrameworkDefinitionException.class,
                () -> FrameworkLoader.parse("{\"id\": ".getBytes(StandardCharsets.UTF_8), "truncated.json"));
        assertTrue(e.getMessage().startsWith("truncated.json is not a valid framework definition"), e.getMessage());
    }

    @Test
    void aKeyWrittenTwiceIsRefused() {
        FrameworkDefinitionException e = assertThrows(FrameworkDefinitionException.class,
                () -> FrameworkLoader.parse("{\"id\": \"a\", \"id\": \"b\"}".getBytes(StandardCharsets.UTF_8), "dup.json"));
        assertTrue(e.problems().get(0).contains("Duplicate field 'id'"), e.problems().toString());
    }

    private static void assertRefused(String file, String problem) {
        String resource = "frameworks-broken/" + file + ".json";
        FrameworkDefinitionException e = assertThrows(FrameworkDefinitionException.class,
                () -> FrameworkLoader.parse(bytes(resource), resource));
        assertEquals(List.of(problem), e.problems());
        assertTrue(e.getMessage().startsWith(resource + " is not a valid framework definition:"), e.getMessage());
    }

    static byte[] bytes(String resource) {
        try (InputStream in = FrameworkLoaderTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
