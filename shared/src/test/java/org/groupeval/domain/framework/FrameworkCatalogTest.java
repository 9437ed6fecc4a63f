package org.groupeval.domain.framework;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.Grade;
import org.groupeval.web.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameworkCatalogTest {

    /**
     * A published version is immutable: editing a published file breaks this test. Do not update a hash: publish the
     * change as a new version file (e.g. frameworks/ankang-2022/2.json) and add it to frameworks/index.json.
     */
    private static final Map<String, String> PUBLISHED = Map.of(
            "frameworks/ankang-2022/1.json", "4c290290e279d510a925e68dc9b12e5ee33b6ac41b7903583fe249e8e6b5881b",
            "frameworks/chengdu-2023/1.json", "d605daa7f58db932e4df93a1407dd37c114dd61a61f7dd6458cfaafbae3c2463");

    @Test
    void publishedFrameworkFilesAreNeverEdited() throws Exception {
        for (Map.Entry<String, String> published : PUBLISHED.entrySet()) {
            byte[] bytes = FrameworkLoader.readResource(published.getKey());
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertEquals(published.getValue(), sha256, published.getKey() + " was edited after publication: "
                    + "publish a new version file instead");
        }
    }

    @Test
    void bothBuiltInFrameworksLoadOnceAndAreCached() {
        FrameworkCatalog catalog = FrameworkCatalog.builtIn();
        assertSame(catalog, FrameworkCatalog.builtIn());
        assertEquals(List.of("ankang-2022", "chengdu-2023"), catalog.all().stream().map(Framework::id).toList());
        assertTrue(catalog.find("ankang-2022", "1").isPresent());
        assertTrue(catalog.find("ankang-2022", "2").isEmpty());
        assertEquals("1", catalog.latest("chengdu-2023").orElseThrow().version());
        assertTrue(catalog.latest("nowhere").isEmpty());
    }

    @Test
    void ankangHasEighteenIndicatorsWorthOneHundredPlusAHighestOnceBonus() {
        Framework ankang = FrameworkCatalog.builtIn().latest("ankang-2022").orElseThrow();
        assertEquals(18, ankang.indicatorIds().size());
        assertEquals(0, ankang.maxScore().compareTo(BigDecimal.valueOf(100)));
        assertEquals(0, ankang.maxTotal().compareTo(BigDecimal.valueOf(103)));
        assertEquals(BonusPolicy.Accumulation.HIGHEST_ONCE, ankang.bonus().accumulation());
        assertEquals(List.of("system", "staff", "teaching", "literacy", "innovation", "influence"),
                ankang.categories().stream().map(Category::id).toList());
        assertEquals("教师交流", ankang.indicator("A04").orElseThrow().name().zh());
    }

    @Test
    void chengduHasThirteenIndicatorsAndTwoBonusIndicatorsWorthOneHundredTwenty() {
        Framework chengdu = FrameworkCatalog.builtIn().latest("chengdu-2023").orElseThrow();
        assertEquals(15, chengdu.indicatorIds().size());
        Category bonus = chengdu.category("bonus").orElseThrow();
        assertTrue(bonus.bonus());
        assertEquals(List.of("B14", "B15"), bonus.indicators().stream().map(Indicator::id).toList());
        assertEquals(0, chengdu.maxScore().compareTo(BigDecimal.valueOf(120)));
        assertEquals(0, chengdu.maxTotal().compareTo(BigDecimal.valueOf(120)));
        assertTrue(!chengdu.bonus().enabled());
    }

    @Test
    void gradeBandsAreHalfOpen() {
        Framework ankang = FrameworkCatalog.builtIn().latest("ankang-2022").orElseThrow();
        assertEquals(Grade.GOOD, ankang.gradeFor(new BigDecimal("89.5")));
        assertEquals(Grade.EXCELLENT, ankang.gradeFor(new BigDecimal("90")));
        assertEquals(Grade.PASS, ankang.gradeFor(new BigDecimal("79.99")));
        assertEquals(Grade.FAIL, ankang.gradeFor(new BigDecimal("59.99")));
        assertEquals(Grade.FAIL, ankang.gradeFor(BigDecimal.ZERO));
        assertEquals(Grade.EXCELLENT, ankang.gradeFor(new BigDecimal("103")));
    }

    @Test
    void aPublishedVersionCannotBeRegisteredAgainWithDifferentContent() {
        FrameworkCatalog catalog = FrameworkCatalog.builtIn();
        Framework ankang = catalog.find("ankang-2022", "1").orElseThrow();
        assertSame(catalog, catalog.with(ankang), "the same content again is a no-op");
        Framework edited = new Framework(ankang.id(), ankang.version(), LocalizedText.of("改", "edited"),
                ankang.maxScore(), ankang.categories(), ankang.bonus(), ankang.veto(), ankang.fraud(), ankang.gradeBands());
        DomainException refused = assertThrows(DomainException.class, () -> catalog.with(edited));
        assertEquals(409, refused.status());
        assertEquals("framework-version-published", refused.type());
        Framework nextVersion = new Framework(ankang.id(), "2", ankang.name(), ankang.maxScore(), ankang.categories(),
                ankang.bonus(), ankang.veto(), ankang.fraud(), ankang.gradeBands());
        assertEquals("2", catalog.with(nextVersion).latest("ankang-2022").orElseThrow().version());
        assertEquals("1", catalog.latest("ankang-2022").orElseThrow().version(), "the built-in catalog is unchanged");
    }

    @Test
    void versionsCompareNumerically() {
        assertTrue(FrameworkCatalog.compareVersions("10", "9") > 0);
        assertTrue(FrameworkCatalog.compareVersions("2", "10") < 0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theViewRendersTheApiFrameworkShapeWithEachRulesInput() throws Exception {
        Framework chengdu = FrameworkCatalog.builtIn().latest("chengdu-2023").orElseThrow();
        Map<String, Object> json = Json.MAPPER.readValue(Json.write(chengdu.toView()), Map.class);
        assertEquals("chengdu-2023", json.get("id"));
        assertEquals("1", json.get("version"));
        // scores are shown with two decimals (a framework's maxima, caps, bonus and item points, band bounds)
        assertEquals(new BigDecimal("120.00"), json.get("maxScore"));
        assertEquals(Map.of("zh", "成都市基础教育名校集团发展工作评价指标及评分标准(2023)",
                "en", "Chengdu evaluation of famous-school groups (2023)"), json.get("name"));
        List<Map<String, Object>> categories = (List<Map<String, Object>>) json.get("categories");
        Map<String, Object> exchange = categories.get(1);
        assertEquals("exchange", exchange.get("id"));
        assertEquals(new BigDecimal("25.00"), exchange.get("maxPoints"));
        Map<String, Object> b04 = ((List<Map<String, Object>>) exchange.get("indicators")).get(0);
        assertEquals("B04", b04.get("id"));
        Map<String, Object> rule = (Map<String, Object>) b04.get("rule");
        assertEquals("COMPOSITE", rule.get("type"));
        assertTrue(rule.containsKey("parts"));
        Map<String, Object> input = (Map<String, Object>) rule.get("input");
        assertEquals("object", input.get("type"));
        assertTrue(((Map<String, Object>) input.get("properties")).containsKey("postedLeaders"));
        assertEquals(Map.of("type", "NONE"), json.get("bonus"));
        assertEquals(4, ((List<?>) json.get("gradeBands")).size());

        Map<String, Object> ankang = Json.MAPPER.readValue(Json.write(FrameworkCatalog.builtIn()
                .latest("ankang-2022").orElseThrow().toView()), Map.class);
        Map<String, Object> bonusPolicy = (Map<String, Object>) ankang.get("bonus");
        assertEquals("HIGHEST_ONCE", bonusPolicy.get("accumulation"));
        assertEquals(new BigDecimal("3.00"), bonusPolicy.get("cap"));
        Map<String, Object> excellent = ((List<Map<String, Object>>) ankang.get("gradeBands")).stream()
                .filter(b -> "EXCELLENT".equals(b.get("grade"))).findFirst().orElseThrow();
        assertEquals(new BigDecimal("90.00"), excellent.get("min"));
        Map<String, Object> summary = Json.MAPPER.readValue(Json.write(FrameworkCatalog.builtIn()
                .latest("ankang-2022").orElseThrow().toSummary()), Map.class);
        assertEquals(18, summary.get("indicatorCount"));
    }
}
