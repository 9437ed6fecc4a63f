package org.groupeval.domain.scoring;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.Grade;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.web.Json;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-computed sheets, one JSON file each under {@code sheets/<frameworkId>/}: the sheet, the mode, and the expected
 * figures to the cent (total, base total, bonus, grade, completeness, categories, indicators). The {@code working}
 * member of each file shows the hand computation.
 */
class ScoredSheetFixturesTest {

    @TestFactory
    Stream<DynamicTest> ankangSheetsScoreAsComputedByHand() throws Exception {
        return fixtures("ankang-2022");
    }

    @TestFactory
    Stream<DynamicTest> chengduSheetsScoreAsComputedByHand() throws Exception {
        return fixtures("chengdu-2023");
    }

    @TestFactory
    Stream<DynamicTest> everyFrameworkHasAtLeastFiveHandComputedSheets() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Framework framework : FrameworkCatalog.builtIn().all()) {
            tests.add(DynamicTest.dynamicTest(framework.id(), () ->
                    assertTrue(files(framework.id()).size() >= 5, framework.id() + " needs at least five fixtures")));
        }
        return tests.stream();
    }

    private static Stream<DynamicTest> fixtures(String frameworkId) throws Exception {
        Framework framework = FrameworkCatalog.builtIn().latest(frameworkId).orElseThrow();
        return files(frameworkId).stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> check(framework, file)));
    }

    static List<Path> files(String frameworkId) throws URISyntaxException, IOException {
        Path dir = Path.of(ScoredSheetFixturesTest.class.getClassLoader().getResource("sheets/" + frameworkId).toURI());
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static void check(Framework framework, Path file) throws IOException {
        Map<String, Object> fixture = Json.MAPPER.readValue(Files.readAllBytes(file), Map.class);
        Map<String, Object> sheet = (Map<String, Object>) fixture.get("sheet");
        ScoringMode mode = ScoringMode.valueOf((String) fixture.getOrDefault("mode", "SUBMISSION"));
        Map<String, Object> expected = (Map<String, Object>) fixture.get("expected");
        ScoredSheet scored;
        try {
            scored = SheetScorer.score(framework, sheet, mode);
        } catch (DomainException e) {
            throw new AssertionError(file.getFileName() + ": " + e.errors(), e);
        }
        String name = file.getFileName().toString();
        assertCents(expected.get("total"), scored.total().value(), name + " total");
        assertCents(expected.get("baseTotal"), scored.baseTotal().value(), name + " baseTotal");
        assertCents(expected.get("bonus"), scored.bonus().value(), name + " bonus");
        assertEquals(Grade.valueOf((String) expected.get("grade")), scored.grade(), name + " grade");
        if (expected.containsKey("bandGrade")) {
            assertEquals(Grade.valueOf((String) expected.get("bandGrade")), scored.bandGrade(), name + " bandGrade");
        }
        assertEquals(expected.getOrDefault("complete", true), scored.complete(), name + " complete");
        if (expected.containsKey("missingIndicators")) {
            assertEquals(expected.get("missingIndicators"), scored.missingIndicators(), name + " missingIndicators");
        }
        Map<String, Object> categories = (Map<String, Object>) expected.getOrDefault("categories", Map.of());
        categories.forEach((id, points) -> assertCents(points, scored.categoryPoints(id), name + " category " + id));
        Map<String, Object> indicators = (Map<String, Object>) expected.getOrDefault("indicators", Map.of());
        indicators.forEach((id, points) -> assertCents(points, scored.indicatorPoints(id), name + " indicator " + id));
        for (String id : framework.indicatorIds()) {
            assertFalse(scored.indicators().get(id).explanation().en().isBlank(), name + " explains " + id);
            assertFalse(scored.indicators().get(id).explanation().zh().isBlank(), name + " explains " + id);
        }
    }

    /** To the cent: same value and two decimals (91.5 in the fixture means 91.50). */
    private static void assertCents(Object expected, BigDecimal actual, String what) {
        BigDecimal wanted = new BigDecimal(expected.toString()).setScale(2);
        assertEquals(wanted, actual, what);
    }
}
