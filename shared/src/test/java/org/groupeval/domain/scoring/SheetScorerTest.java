package org.groupeval.domain.scoring;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.Grade;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.domain.framework.Score;
import org.groupeval.web.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SheetScorerTest {

    private static final Framework ANKANG = FrameworkCatalog.builtIn().latest("ankang-2022").orElseThrow();
    private static final Framework CHENGDU = FrameworkCatalog.builtIn().latest("chengdu-2023").orElseThrow();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sheet(String json) {
        return Json.MAPPER.convertValue(Json.read(json, Map.class), Map.class);
    }

    private static List<FieldError> errors(Framework framework, String json, ScoringMode mode) {
        DomainException e = assertThrows(DomainException.class, () -> SheetScorer.score(framework, sheet(json), mode));
        assertEquals(400, e.status());
        return e.errors();
    }

    private static List<String> pointers(List<FieldError> errors) {
        return errors.stream().map(FieldError::pointer).toList();
    }

    @Test
    void cadreExchangeCapsEachPartBeforeTheIndicator() {
        ScoredSheet scored = SheetScorer.score(CHENGDU, sheet("""
                {"indicators": {"B04": {
                  "postedLeaders": {"executivePrincipals": {"durations": [3, 4]}, "otherLeaders": {"counts": {"1plus": 6}}},
                  "cadreExchange": {"regular": {"counts": {}}, "irregular": {"counts": {}}}}}}"""), ScoringMode.DRAFT);
        assertEquals(new BigDecimal("6.00"), scored.indicatorPoints("B04"));
        String en = scored.indicators().get("B04").explanation().en();
        assertTrue(en.contains("2 × ≥ 3 years × 1 = 2.0"), en);
        assertTrue(en.contains("6 × ≥ 1 year × 0.8 = 4.8, capped at 4.0"), en);
        assertTrue(en.contains("subtotal 6.0"), en);
        assertTrue(scored.indicators().get("B04").explanation().zh().contains("封顶 4.0"));
    }

    @Test
    void monthBandsAreHalfOpenAndUnderOneMonthScoresNothing() {
        ScoredSheet scored = SheetScorer.score(CHENGDU, sheet("""
                {"indicators": {"B05": {"teachersSent": {"durations": [0.99, 1, 2.99, 3, 6]},
                                        "twoWayIrregular": {"durations": [12]}}}}"""), ScoringMode.DRAFT);
        // 1 and 2.99 → 0.2 each; 3 → 0.3; 6 → 0.4; irregular 12 months uses the 3–6 band: 0.2
        assertEquals(new BigDecimal("1.30"), scored.indicatorPoints("B05"));
    }

    @Test
    void theHighestBonusLevelCountsOnce() {
        ScoredSheet scored = SheetScorer.score(ANKANG, sheet("""
                {"indicators": {}, "bonus": {"items": [{"level": "NATIONAL"}, {"level": "PROVINCIAL"}, {"level": "CITY"}]}}"""),
                ScoringMode.DRAFT);
        assertEquals(Score.of("3.00"), scored.bonus());
        assertEquals(List.of("NATIONAL", "PROVINCIAL", "CITY"), scored.bonusDetail().levels());
    }

    @Test
    void aSubmittedSheetNeedsEveryIndicatorAndEveryPart() {
        List<FieldError> errors = errors(CHENGDU, """
                {"indicators": {"B04": {"postedLeaders": {"executivePrincipals": {"durations": [3]}}}}}""",
                ScoringMode.SUBMISSION);
        List<String> pointers = pointers(errors);
        assertTrue(pointers.contains("/indicators/B04/postedLeaders/otherLeaders"), pointers.toString());
        assertTrue(pointers.contains("/indicators/B04/cadreExchange"), pointers.toString());
        assertTrue(pointers.contains("/indicators/B01"), pointers.toString());
        assertTrue(pointers.contains("/indicators/B15"), pointers.toString());
        assertEquals(14 + 2, errors.size(), pointers.toString());
    }

    @Test
    void everyInvalidFieldIsListedWithItsPointerInOneRefusal() {
        List<FieldError> errors = errors(ANKANG, """
                {"indicators": {
                  "A99": {"ratio": 1},
                  "A01": {"ratio": 1.2},
                  "A02": {"percent": 101},
                  "A03": {"ratio": 0.5, "percent": 50},
                  "A04": {"exchangeRatio": -0.1},
                  "A05": "full",
                  "A06": {"ratio": "0.5"},
                  "A11": {"grades": ["EXCELLENT", "SUPERB"]},
                  "A18": {"satisfaction": 90}},
                 "bonus": {"level": "DISTRICT"},
                 "veto": {"applied": true},
                 "fraud": {"applied": "yes"}}""", ScoringMode.DRAFT);
        assertEquals(List.of(
                "/indicators/A99",
                "/indicators/A01/ratio",
                "/indicators/A02/percent",
                "/indicators/A03",
                "/indicators/A04/exchangeRatio",
                "/indicators/A04/backboneRatio",
                "/indicators/A05",
                "/indicators/A06/ratio",
                "/indicators/A11/grades/1",
                "/indicators/A18/satisfaction",
                "/bonus/level",
                "/veto/reason",
                "/fraud/applied"), pointers(errors));
        assertEquals("must be between 0 and 1 (got 1.2)", errors.get(1).message());
        assertEquals("must be one of [EXCELLENT, GOOD, PASS, FAIL] (got \"SUPERB\")", errors.get(8).message());
    }

    @Test
    void countsMayNotBeNegativeAndDurationsMustBePositive() {
        List<FieldError> errors = errors(CHENGDU, """
                {"indicators": {
                  "B05": {"teachersSent": {"durations": [0, -2, 4]}, "twoWayIrregular": {"counts": {"1to3": -1, "9to12": 1}}},
                  "B12": {"awards": {"CITY": 1.5, "NATIONAL": 1}, "endorsements": {}},
                  "B01": {"checked": ["charterAdopted", "charterAdopted", "constitution"]},
                  "B14": {"points": 11}}}""", ScoringMode.DRAFT);
        assertEquals(List.of(
                "/indicators/B01/checked/1",
                "/indicators/B01/checked/2",
                "/indicators/B05/teachersSent/durations/0",
                "/indicators/B05/teachersSent/durations/1",
                "/indicators/B05/twoWayIrregular/counts/9to12",
                "/indicators/B12/awards/NATIONAL",
                "/indicators/B14/points"), pointers(errors));
        assertEquals("a duration must be positive (got -2)", errors.get(3).message());
    }

    @Test
    void aNegativeCountIsRefused() {
        List<FieldError> errors = errors(CHENGDU, """
                {"indicators": {"B13": {"reports": {"CITY": -1}, "keynotes": {}}}}""", ScoringMode.DRAFT);
        assertEquals(List.of(new FieldError("/indicators/B13/reports/CITY", "must not be negative (got -1)")), errors);
    }

    @Test
    void aRefusalQuotesTheValueWithEveryDigitSent() {
        // rounded for display these read "(got 0)" under "between 0 and 1" and "(got 1)" under "a whole number"
        List<FieldError> errors = errors(CHENGDU, """
                {"indicators": {"B13": {"reports": {"CITY": 1.00001}, "keynotes": {}}}}""", ScoringMode.DRAFT);
        assertEquals(List.of(new FieldError("/indicators/B13/reports/CITY", "must be a whole number (got 1.00001)")),
                errors);
        errors = errors(ANKANG, """
                {"indicators": {"A01": {"ratio": -0.0000000001}}}""", ScoringMode.DRAFT);
        assertEquals(List.of(new FieldError("/indicators/A01/ratio", "must be between 0 and 1 (got -0.0000000001)")),
                errors);
    }

    @Test
    void listsAndTextsAreBoundedWhereTheBreakdownWouldRepeatThem() {
        String grades = "\"GOOD\", ".repeat(61) + "\"GOOD\"";
        String claims = "{\"level\": \"CITY\"}, ".repeat(20) + "{\"level\": \"CITY\"}";
        List<FieldError> errors = errors(ANKANG, "{\"indicators\": {\"A11\": {\"grades\": [" + grades + "]}},"
                + " \"bonus\": {\"items\": [" + claims + "]}, \"veto\": {\"applied\": true, \"reason\": \""
                + "x".repeat(501) + "\"}}", ScoringMode.DRAFT);
        assertEquals(List.of(
                new FieldError("/indicators/A11/grades",
                        "has 62 entries; at most 61 (one grade per school: the core school and at most 60 members)"),
                new FieldError("/bonus/items", "has 21 entries; at most 20 (bonus claims on one sheet)"),
                new FieldError("/veto/reason", "must be at most 500 characters (has 501)")), errors);
    }

    @Test
    void aBonusLevelIsRefusedWhereTheFrameworkHasNone() {
        List<FieldError> errors = errors(CHENGDU, """
                {"indicators": {}, "bonus": {"level": "CITY"}}""", ScoringMode.DRAFT);
        assertEquals(List.of("/bonus/level"), pointers(errors));
    }

    @Test
    void recommendAndWorkflowMembersAreIgnored() {
        ScoredSheet scored = SheetScorer.score(ANKANG, sheet("""
                {"indicators": {"A01": {"ratio": 1}}, "recommend": true}"""), ScoringMode.DRAFT);
        assertEquals(Score.of("6.00"), scored.total());
        assertFalse(scored.complete());
    }

    @Test
    void sameInputGivesTheSameJson() {
        String json = """
                {"indicators": {"A01": {"ratio": 0.3333}, "A11": {"grades": ["GOOD", "PASS", "PASS"]}}}""";
        assertEquals(Json.write(SheetScorer.score(ANKANG, sheet(json), ScoringMode.DRAFT)),
                Json.write(SheetScorer.score(ANKANG, sheet(json), ScoringMode.DRAFT)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theScoredSheetSerialisesToTheDocumentedShape() {
        ScoredSheet scored = SheetScorer.score(ANKANG, sheet("""
                {"indicators": {"A04": {"exchangeRatio": 0.085, "backboneRatio": 0.2}}}"""), ScoringMode.DRAFT);
        Map<String, Object> json = Json.read(Json.write(scored), Map.class);
        for (String member : List.of("frameworkId", "frameworkVersion", "total", "baseTotal", "bonus", "grade",
                "complete", "missingIndicators", "veto", "fraud", "categories", "indicators")) {
            assertTrue(json.containsKey(member), member);
        }
        Map<String, Object> a04 = (Map<String, Object>) ((Map<String, Object>) json.get("indicators")).get("A04");
        assertEquals(new BigDecimal("3.50"), a04.get("points"));
        Map<String, Object> explanation = (Map<String, Object>) a04.get("explanation");
        assertTrue(((String) explanation.get("en")).contains("1.5 percentage points short, 1.5 off"), explanation.toString());
        assertTrue(((String) explanation.get("zh")).contains("差 1.5 个百分点"), explanation.toString());
        assertEquals("FAIL", json.get("grade"));
        assertEquals(17, ((List<?>) json.get("missingIndicators")).size());
    }

    @Test
    void panelPointsGetTheSameSubtotalsBonusAndGrade() {
        Map<String, BigDecimal> points = new LinkedHashMap<>();
        for (String id : ANKANG.indicatorIds()) {
            points.put(id, ANKANG.indicator(id).orElseThrow().maxPoints());
        }
        points.put("A18", new BigDecimal("5.333333"));   // e.g. a trimmed mean of expert sheets
        ScoredSheet scored = SheetScorer.fromIndicatorPoints(ANKANG, points, Map.of(),
                Map.of("level", "CITY"), null, Map.of("applied", true, "reason", "falsified minutes"));
        assertEquals(new BigDecimal("5.33"), scored.indicatorPoints("A18"));
        assertEquals(Score.of("97.33"), scored.baseTotal());
        assertEquals(Score.of("98.33"), scored.total());
        assertEquals(Grade.EXCELLENT, scored.bandGrade());
        assertEquals(Grade.GOOD, scored.grade());
        assertTrue(scored.complete());

        points.put("A18", new BigDecimal("8.5"));
        DomainException e = assertThrows(DomainException.class,
                () -> SheetScorer.fromIndicatorPoints(ANKANG, points, Map.of(), null, null, null));
        assertEquals("/indicators/A18", e.errors().get(0).pointer());
    }
}
