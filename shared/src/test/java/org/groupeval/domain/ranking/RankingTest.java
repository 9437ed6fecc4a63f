package org.groupeval.domain.ranking;

import org.groupeval.domain.Grade;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.domain.framework.Score;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The annual ranking, computed by hand (rules.md §6 and §8). */
class RankingTest {

    private static final int YEAR = 2026;
    private static final Framework ANKANG = FrameworkCatalog.builtIn().find("ankang-2022", "1").orElseThrow();

    static RankingEntry city(String id, String score) {
        return entry(id, "610902", "TRUSTEESHIP", score, false, false);
    }

    static RankingEntry entry(String id, String district, String type, String score, boolean veto, boolean fraud) {
        return new RankingEntry(id, "集团 " + id, district, type, ResultBasis.CITY, new BigDecimal(score), veto, fraud,
                true, false, Map.of(), false, null);
    }

    static RankingOutcome rank(List<RankingEntry> entries, AwardSettings settings) {
        return Ranking.rank(YEAR, entries, settings, ANKANG::gradeBand);
    }

    static RankingOutcome rank(List<RankingEntry> entries) {
        return rank(entries, AwardSettings.defaults());
    }

    static GroupResult result(RankingOutcome outcome, String id) {
        return outcome.results().stream().filter(r -> r.groupId().equals(id)).findFirst().orElseThrow();
    }

    static List<String> awarded(RankingOutcome outcome) {
        return outcome.results().stream().filter(GroupResult::award).map(GroupResult::groupId).toList();
    }

    /** n GOOD groups with distinct scores 89, 88, ... (ids G01, G02, ... in score order). */
    static List<RankingEntry> goods(int n) {
        List<RankingEntry> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(city(String.format("G%02d", i), Integer.toString(90 - i)));
        }
        return list;
    }

    // ---- quota arithmetic ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "floor(0.30 × {0}) = {1}")
    @CsvSource({"0, 0", "1, 0", "3, 0", "4, 1", "10, 3", "7, 2", "100, 30"})
    void theQuotaIsTheFloorOfRatioTimesCount(int count, int quota) {
        assertEquals(quota, AwardQuota.of(new BigDecimal("0.30"), count));
    }

    @Test
    void theRoundingIsASettingOfTheCycle() {
        assertEquals(1, AwardQuota.of(new BigDecimal("0.30"), 5, QuotaRounding.FLOOR));     // 1.5
        assertEquals(2, AwardQuota.of(new BigDecimal("0.30"), 5, QuotaRounding.HALF_UP));
        assertEquals(1, AwardQuota.of(new BigDecimal("0.30"), 3, QuotaRounding.CEILING));   // 0.9
        AwardSettings halfUp = new AwardSettings(null, null, null, null, QuotaRounding.HALF_UP);
        RankingOutcome outcome = rank(goods(5), halfUp);
        assertEquals(List.of("G01", "G02"), awarded(outcome));
        assertTrue(result(outcome, "G01").explanation().award().contains("round(0.30 × 5) = 2"));
    }

    @ParameterizedTest(name = "{0} GOOD groups → {1} awarded")
    @CsvSource({"0, 0", "1, 0", "3, 0", "4, 1", "10, 3"})
    void aGradePoolAwardsExactlyItsQuotaToItsHighestScores(int count, int awards) {
        RankingOutcome outcome = rank(goods(count));
        assertEquals(awards, awarded(outcome).size());
        for (int i = 1; i <= awards; i++) {
            assertTrue(result(outcome, String.format("G%02d", i)).award());
        }
        PoolOutcome good = outcome.summary().pools().get(1);
        assertEquals("GOOD", good.pool());
        assertEquals(count, good.groupsInPool());
        assertEquals(awards, good.quota());
    }

    @Test
    void excellentAndGoodHaveSeparateQuotasPerGradeButOneOverTheUnion() {
        List<RankingEntry> entries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            entries.add(city("E" + i, Integer.toString(99 - i)));   // 99, 98, 97, 96 EXCELLENT
        }
        for (int i = 0; i < 6; i++) {
            entries.add(city("G" + i, Integer.toString(89 - i)));   // 89 .. 84 GOOD
        }
        // per grade: floor(0.3 × 4) = 1 of EXCELLENT, floor(0.3 × 6) = 1 of GOOD
        assertEquals(List.of("E0", "G0"), awarded(rank(entries)));
        // union: floor(0.3 × 10) = 3, the three highest scores overall
        AwardSettings union = new AwardSettings(new BigDecimal("0.30"), AwardScope.UNION, TiePolicy.NONE_AT_CUTOFF, null);
        RankingOutcome outcome = rank(entries, union);
        assertEquals(List.of("E0", "E1", "E2"), awarded(outcome));
        assertEquals("EXCELLENT+GOOD", result(outcome, "G0").explanation().quota().pool());
    }

    @Test
    void passAndFailGroupsAreNeverAwarded() {
        RankingOutcome outcome = rank(List.of(city("P", "79.99"), city("F", "10")));
        assertTrue(awarded(outcome).isEmpty());
        assertTrue(result(outcome, "P").explanation().award().contains("EXCELLENT and GOOD"));
    }

    // ---- ranks --------------------------------------------------------------------------------------------------

    @Test
    void ranksAreCompetitionRanksOverallAndWithinEachDistrict() {
        RankingOutcome outcome = rank(List.of(
                entry("A", "610902", "COLLABORATIVE", "95", false, false),
                entry("B", "610903", "COLLABORATIVE", "90", false, false),
                entry("C", "610902", "COLLABORATIVE", "90", false, false),
                entry("D", "610902", "COLLABORATIVE", "85.5", false, false),
                entry("E", "610903", "COLLABORATIVE", "85.5", false, false),
                entry("F", "610903", "COLLABORATIVE", "80", false, false)));
        Map<String, Integer> ranks = outcome.results().stream()
                .collect(Collectors.toMap(GroupResult::groupId, GroupResult::rank));
        assertEquals(Map.of("A", 1, "B", 2, "C", 2, "D", 4, "E", 4, "F", 6), ranks);
        Map<String, Integer> districtRanks = outcome.results().stream()
                .collect(Collectors.toMap(GroupResult::groupId, GroupResult::districtRank));
        assertEquals(Map.of("A", 1, "C", 2, "D", 3, "B", 1, "E", 2, "F", 3), districtRanks);
        assertEquals(List.of("A", "B", "C", "D", "E", "F"),
                outcome.results().stream().map(GroupResult::groupId).toList());
    }

    @Test
    void theOrderDoesNotDependOnTheInputOrder() {
        List<RankingEntry> entries = new ArrayList<>(goods(10));
        entries.add(city("X", "85"));
        List<RankingEntry> shuffled = new ArrayList<>(entries);
        Collections.shuffle(shuffled, new java.util.Random(7));
        assertEquals(rank(entries), rank(shuffled));
    }

    // ---- sources of the final score ------------------------------------------------------------------------------

    @Test
    void theCitySheetIsFinalNotRecommendedGroupsKeepTheirDistrictResultAndNothingSubmittedIsFailRankedLast() {
        SheetSummary district = new SheetSummary("district", true, new BigDecimal("70"), false, false, false, null);
        SheetSummary recommended = new SheetSummary("district", true, new BigDecimal("88"), false, false, true, null);
        SheetSummary city = new SheetSummary("city", true, new BigDecimal("91.5"), false, false, false, null);
        SheetSummary cityDraft = new SheetSummary("city", false, new BigDecimal("99"), false, false, false, null);
        RankingOutcome outcome = rank(List.of(
                RankingEntry.of("FINAL", "n", "610902", "TRUSTEESHIP", recommended, city, false, null),
                RankingEntry.of("LOCAL", "n", "610902", "TRUSTEESHIP", district, null, false, null),
                RankingEntry.of("MISSING", "n", "610902", "TRUSTEESHIP", recommended, cityDraft, false, null),
                RankingEntry.of("NONE", "n", "610902", "TRUSTEESHIP", null, null, false, null)));
        GroupResult fin = result(outcome, "FINAL");
        assertEquals(Score.of("91.50"), fin.score());
        assertEquals(Grade.EXCELLENT, fin.grade());
        assertEquals(ResultBasis.CITY, fin.basis());
        GroupResult local = result(outcome, "LOCAL");
        assertEquals(ResultBasis.DISTRICT, local.basis());
        assertEquals(Grade.PASS, local.grade());
        assertTrue(local.has(ResultFlag.NOT_RECOMMENDED));
        GroupResult missing = result(outcome, "MISSING");
        assertEquals(Score.of("88.00"), missing.score());
        assertTrue(missing.has(ResultFlag.CITY_REVIEW_MISSING));
        assertFalse(missing.award());
        GroupResult none = result(outcome, "NONE");
        assertEquals(ResultBasis.NOT_SUBMITTED, none.basis());
        assertEquals(Grade.FAIL, none.grade());
        assertNull(none.score());
        assertEquals(4, none.rank());
        assertTrue(none.has(ResultFlag.NOT_SUBMITTED));
    }

    // ---- veto and fraud -----------------------------------------------------------------------------------------

    @Test
    void aVetoMakesAnyScoreFail() {
        GroupResult r = result(rank(List.of(entry("V", "610902", "INTEGRATED", "98", true, false))), "V");
        assertEquals(Grade.EXCELLENT, r.bandGrade());
        assertEquals(Grade.FAIL, r.grade());
        assertFalse(r.award());
        assertFalse(r.seniorPostBonus());
        assertTrue(r.has(ResultFlag.VETO));
        assertTrue(r.explanation().grade().contains("Veto"));
        assertTrue(r.explanation().flags().get(0).endsWith("（《考核规则》第6.3节 一票否决）/ (rules.md §6.3 Veto)."),
                r.explanation().flags().get(0));
    }

    @Test
    void fraudCapsTheGradeAtGoodAndTakesNoAwardPlace() {
        // 4 GOOD groups after the cap: quota floor(0.3 × 4) = 1. The fraud group has the top score but is skipped,
        // so the award goes to the best honest group.
        List<RankingEntry> entries = List.of(
                entry("FRAUD", "610902", "INTEGRATED", "97", false, true),
                city("G1", "88"), city("G2", "85"), city("G3", "82"));
        RankingOutcome outcome = rank(entries);
        GroupResult f = result(outcome, "FRAUD");
        assertEquals(Grade.EXCELLENT, f.bandGrade());
        assertEquals(Grade.GOOD, f.grade());
        assertFalse(f.award());
        assertFalse(f.seniorPostBonus());
        assertTrue(f.explanation().award().contains("falsified"));
        assertTrue(f.explanation().flags().get(0).endsWith("（《考核规则》第6.4节 弄虚作假）/ (rules.md §6.4 Fraud)."),
                f.explanation().flags().get(0));
        assertEquals(List.of("G1"), awarded(outcome));
        assertEquals(1, f.rank());
        assertEquals(4, outcome.summary().pools().get(1).groupsInPool());
        assertEquals(3, outcome.summary().pools().get(1).eligible());
    }

    // ---- ties at the cutoff ---------------------------------------------------------------------------------------

    /** 10 GOOD groups, quota 3: A 89, then B, C, D tied at 88 for places 2–4, then 6 more. */
    static List<RankingEntry> tieAtCutoff() {
        List<RankingEntry> list = new ArrayList<>();
        list.add(withCategories("A", "89", "10", "5"));
        list.add(withCategories("B", "88", "12", "3"));
        list.add(withCategories("C", "88", "12", "4"));
        list.add(withCategories("D", "88", "11", "9"));
        for (int i = 0; i < 6; i++) {
            list.add(withCategories("Z" + i, Integer.toString(87 - i), "1", "1"));
        }
        return list;
    }

    static RankingEntry withCategories(String id, String score, String teaching, String staff) {
        return new RankingEntry(id, "n", "610902", "COLLABORATIVE", ResultBasis.CITY, new BigDecimal(score), false,
                false, true, false, Map.of("teaching", new BigDecimal(teaching), "staff", new BigDecimal(staff)),
                false, null);
    }

    @Test
    void byDefaultATiedBlockThatWouldExceedTheQuotaGetsNoAwardAndIsReported() {
        RankingOutcome outcome = rank(tieAtCutoff());
        assertEquals(List.of("A"), awarded(outcome));
        for (String id : List.of("B", "C", "D")) {
            GroupResult r = result(outcome, id);
            assertFalse(r.award());
            assertTrue(r.has(ResultFlag.TIED_AT_CUTOFF), id);
            assertEquals(2, r.explanation().quota().position());
        }
        PoolOutcome good = outcome.summary().pools().get(1);
        assertEquals(3, good.quota());
        assertEquals(1, good.awarded());
        assertEquals(Score.of("88.00"), good.tiedScore());
        assertEquals(List.of("B", "C", "D"), good.tiedAtCutoff());
        assertEquals("NONE_AWARDED", good.tieResolution());
        assertEquals(Score.of("89.00"), good.cutoffScore());
    }

    @Test
    void includeAllTiedAwardsTheWholeBlockBeyondTheQuota() {
        AwardSettings all = new AwardSettings(null, null, TiePolicy.INCLUDE_ALL_TIED, null);
        RankingOutcome outcome = rank(tieAtCutoff(), all);
        assertEquals(List.of("A", "B", "C", "D"), awarded(outcome));
        assertEquals("ALL_AWARDED", outcome.summary().pools().get(1).tieResolution());
        assertTrue(result(outcome, "B").has(ResultFlag.TIE_RESOLVED));
    }

    @Test
    void breakByCategoriesComparesTheNamedSubtotalsInTurn() {
        // 2 places left for B, C, D. teaching: B 12, C 12, D 11 → D out; B and C still tied → staff: C 4 > B 3.
        // Both B and C fit in the 2 places, so both are awarded.
        AwardSettings cats = new AwardSettings(null, null, TiePolicy.BREAK_BY_CATEGORIES, List.of("teaching", "staff"));
        RankingOutcome outcome = rank(tieAtCutoff(), cats);
        assertEquals(List.of("A", "B", "C"), awarded(outcome));
        assertFalse(result(outcome, "D").award());
        assertEquals("BROKEN_BY_CATEGORIES", outcome.summary().pools().get(1).tieResolution());
        assertTrue(result(outcome, "D").explanation().award().contains("outside"));
    }

    @Test
    void aTieThatSurvivesEveryCategoryIsLeftForTheCity() {
        // quota 3 among 10; only "teaching": B 12, C 12 share place 1 of 2 remaining → both fit. Make the places 1:
        // drop A's lead by giving A 88 too → block A, B, C, D for 3 places; teaching A 10, B 12, C 12, D 11.
        List<RankingEntry> entries = new ArrayList<>(tieAtCutoff());
        entries.set(0, withCategories("A", "88", "10", "5"));
        AwardSettings cats = new AwardSettings(null, null, TiePolicy.BREAK_BY_CATEGORIES, List.of("teaching"));
        RankingOutcome outcome = rank(entries, cats);
        // teaching order: B 12, C 12 (places 1–2), D 11 (place 3), A 10 (place 4) → B, C, D awarded
        assertEquals(List.of("B", "C", "D"), awarded(outcome));
        // now only 2 places: ratio 0.2 → floor(0.2 × 10) = 2; B and C fit exactly
        AwardSettings two = new AwardSettings(new BigDecimal("0.2"), null, TiePolicy.BREAK_BY_CATEGORIES, List.of("teaching"));
        assertEquals(List.of("B", "C"), awarded(rank(entries, two)));
        // one place: B and C tie on teaching for place 1 → neither, both TIED_AT_CUTOFF
        AwardSettings one = new AwardSettings(new BigDecimal("0.1"), null, TiePolicy.BREAK_BY_CATEGORIES, List.of("teaching"));
        RankingOutcome single = rank(entries, one);
        assertTrue(awarded(single).isEmpty());
        assertTrue(result(single, "B").has(ResultFlag.TIED_AT_CUTOFF));
        assertTrue(result(single, "C").has(ResultFlag.TIED_AT_CUTOFF));
        assertEquals("PARTLY_UNRESOLVED", single.summary().pools().get(1).tieResolution());
    }

    @Test
    void aTiedBlockThatEndsExactlyAtTheQuotaIsAwardedWithoutATie() {
        // 10 GOOD, quota 3: A 89, B 88, C 88, then lower → A, B, C awarded, no tie reported
        List<RankingEntry> entries = new ArrayList<>(goods(10));
        entries.set(1, city("G02", "88"));
        entries.set(2, city("G03", "88"));
        RankingOutcome outcome = rank(entries);
        assertEquals(List.of("G01", "G02", "G03"), awarded(outcome));
        assertNull(outcome.summary().pools().get(1).tieResolution());
    }

    @Test
    void settingsRefuseARatioOutsideZeroToOneAndCategoriesMissingForTheirPolicy() {
        assertThrows(IllegalArgumentException.class,
                () -> new AwardSettings(new BigDecimal("1.5"), null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new AwardSettings(null, null, TiePolicy.BREAK_BY_CATEGORIES, List.of()));
    }

    // ---- senior-post bonus and restructuring ----------------------------------------------------------------------

    @Test
    void anIntegratedExcellentGroupGetsTheSeniorPostBonusOnlyOnce() {
        RankingEntry first = entry("I", "610902", "INTEGRATED", "95", false, false);
        GroupResult y2026 = result(Ranking.rank(2026, List.of(first), AwardSettings.defaults(), ANKANG::gradeBand), "I");
        assertTrue(y2026.seniorPostBonus());
        // a re-run of the same year keeps it (it was granted in 2026, not earlier)
        RankingEntry rerun = new RankingEntry("I", "n", "610902", "INTEGRATED", ResultBasis.CITY, new BigDecimal("95"),
                false, false, true, false, Map.of(), false, 2026);
        assertTrue(result(Ranking.rank(2026, List.of(rerun), AwardSettings.defaults(), ANKANG::gradeBand), "I")
                .seniorPostBonus());
        // the next year it is not granted again
        GroupResult y2027 = result(Ranking.rank(2027, List.of(rerun), AwardSettings.defaults(), ANKANG::gradeBand), "I");
        assertFalse(y2027.seniorPostBonus());
        assertTrue(y2027.has(ResultFlag.SENIOR_POST_BONUS_ALREADY_RECEIVED));
        assertTrue(y2027.explanation().seniorPostBonus().contains("2026"));
        // other types and grades never get it
        RankingOutcome others = rank(List.of(entry("T", "610902", "TRUSTEESHIP", "95", false, false),
                entry("G", "610902", "INTEGRATED", "89.99", false, false)));
        assertFalse(result(others, "T").seniorPostBonus());
        assertFalse(result(others, "G").seniorPostBonus());
        assertEquals(1, Ranking.rank(2026, List.of(first), AwardSettings.defaults(), ANKANG::gradeBand)
                .summary().seniorPostBonuses());
    }

    @Test
    void twoConsecutiveFailYearsFlagTheGroupForRestructuring() {
        RankingEntry failedBefore = new RankingEntry("F", "n", "610902", "TRUSTEESHIP", ResultBasis.CITY,
                new BigDecimal("55"), false, false, true, false, Map.of(), true, null);
        RankingEntry passNow = new RankingEntry("P", "n", "610902", "TRUSTEESHIP", ResultBasis.CITY,
                new BigDecimal("65"), false, false, true, false, Map.of(), true, null);
        RankingEntry firstFail = new RankingEntry("N", "n", "610902", "TRUSTEESHIP", ResultBasis.CITY,
                new BigDecimal("50"), false, false, true, false, Map.of(), false, null);
        RankingOutcome outcome = rank(List.of(failedBefore, passNow, firstFail));
        assertTrue(result(outcome, "F").has(ResultFlag.RESTRUCTURING));
        String restructuring = result(outcome, "F").explanation().flags().get(0);
        assertTrue(restructuring.endsWith("（《考核规则》第8.7节 整改与优化组合）/ (rules.md §8.7 Rectification and "
                + "restructuring)."), restructuring);
        assertFalse(result(outcome, "P").has(ResultFlag.RESTRUCTURING));
        assertFalse(result(outcome, "N").has(ResultFlag.RESTRUCTURING));
        assertEquals(1, outcome.summary().restructuring());
    }

    @Test
    void bandEdgesFollowTheHalfOpenBands() {
        RankingOutcome outcome = rank(List.of(city("a", "90"), city("b", "89.99"), city("c", "80"), city("d", "60"),
                city("e", "59.99")));
        assertEquals(List.of(Grade.EXCELLENT, Grade.GOOD, Grade.GOOD, Grade.PASS, Grade.FAIL),
                outcome.results().stream().map(GroupResult::grade).toList());
        assertEquals(Map.of("EXCELLENT", 1, "GOOD", 2, "PASS", 1, "FAIL", 1), outcome.summary().byGrade());
    }

    @Test
    void everyResultExplainsItsScoreGradeQuotaAndAward() {
        RankingOutcome outcome = rank(goods(4));
        GroupResult top = result(outcome, "G01");
        assertEquals("89.00 from the city's final review (市级终评).", top.explanation().score());
        assertTrue(top.explanation().grade().startsWith("Band GOOD"));
        assertEquals("Awarded: position 1 of 4 eligible in the GOOD pool, within the quota floor(0.30 × 4) = 1.",
                top.explanation().award());
        QuotaPosition q = top.explanation().quota();
        assertEquals(new QuotaPosition("GOOD", 4, new BigDecimal("0.30"), 1, 1, Score.of("89.00")), q);
        assertTrue(result(outcome, "G02").explanation().award().contains("outside"));
    }

    @Test
    void onlyAnIntegratedGroupThatCanBeExcellentIsASeniorPostCandidate() {
        assertTrue(Ranking.seniorPostCandidate(entry("a", "610902", "INTEGRATED", "95", false, false),
                ANKANG::gradeBand));
        assertFalse(Ranking.seniorPostCandidate(entry("b", "610902", "CLOSE", "95", false, false), ANKANG::gradeBand));
        assertFalse(Ranking.seniorPostCandidate(entry("c", "610902", "INTEGRATED", "85", false, false),
                ANKANG::gradeBand));
        assertFalse(Ranking.seniorPostCandidate(entry("d", "610902", "INTEGRATED", "95", true, false),
                ANKANG::gradeBand));
        assertFalse(Ranking.seniorPostCandidate(entry("e", "610902", "INTEGRATED", "95", false, true),
                ANKANG::gradeBand));
        RankingEntry unsubmitted = RankingEntry.of("f", "f", "610902", "INTEGRATED", null, null, false, null);
        assertFalse(Ranking.seniorPostCandidate(unsubmitted, score -> {
            throw new AssertionError("a group without a score is not graded");
        }));
    }
}
