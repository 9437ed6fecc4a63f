package org.groupeval.domain.framework;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.groupeval.domain.Grade;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a framework definition file (docs/frameworks.md, "The format") and validates it completely: every problem is
 * reported with its JSON Pointer in one {@link FrameworkDefinitionException}. Jackson is used here only, to parse the
 * file into a plain tree; everything else works on that tree.
 */
public final class FrameworkLoader {

    // Exact decimals, and a key written twice in a definition is an error, not a silent override.
    private static final ObjectMapper PARSER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private FrameworkLoader() {
    }

    /** Loads a definition from the classpath (works from a shaded jar). */
    public static Framework fromResource(String resource) {
        byte[] bytes = readResource(resource);
        return parse(bytes, resource);
    }

    static byte[] readResource(String resource) {
        try (InputStream in = FrameworkLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new FrameworkDefinitionException(resource, List.of("/: resource not found on the classpath"));
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new FrameworkDefinitionException(resource, List.of("/: cannot be read: " + e.getMessage()));
        }
    }

    /** Parses and validates a definition; {@code source} names it in error messages. */
    public static Framework parse(byte[] json, String source) {
        Map<String, Object> tree;
        try {
            tree = PARSER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new FrameworkDefinitionException(source, List.of("/: not valid JSON: " + message(e)));
        }
        return fromTree(tree, source);
    }

    private static String message(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : e.getMessage();
    }

    /** Parses the index of built-in frameworks: {@code {"frameworks": [{"id", "version", "resource"}]}}. */
    static List<Map<String, Object>> readIndex(String resource) {
        try {
            Map<String, List<Map<String, Object>>> index = PARSER.readValue(readResource(resource),
                    new TypeReference<Map<String, List<Map<String, Object>>>>() { });
            List<Map<String, Object>> entries = index.get("frameworks");
            if (entries == null) {
                throw new FrameworkDefinitionException(resource, List.of("/frameworks: is missing"));
            }
            return entries;
        } catch (IOException e) {
            throw new FrameworkDefinitionException(resource, List.of("/: not a valid index: " + message(e)));
        }
    }

    /** Builds and validates a framework from a plain tree (maps, lists, strings, numbers, booleans). */
    public static Framework fromTree(Map<String, Object> root, String source) {
        DefinitionProblems problems = new DefinitionProblems();
        Framework framework = read(root, problems);
        if (!problems.isEmpty()) {
            throw new FrameworkDefinitionException(source, problems.all());
        }
        check(framework, problems);
        if (!problems.isEmpty()) {
            throw new FrameworkDefinitionException(source, problems.all());
        }
        return framework;
    }

    private static Framework read(Map<String, Object> root, DefinitionProblems problems) {
        String id = problems.id(root, "id", "");
        String version = problems.id(root, "version", "");
        LocalizedText name = problems.name(root, "");
        BigDecimal maxScore = problems.positive(root, "maxScore", "");
        // indicator ids are unique across the framework, not only within their category
        Set<String> indicatorIds = new HashSet<>();
        List<Category> categories = problems.uniqueEntries(root, "categories", "",
                DefinitionProblems.Unique.ids("category", Category::id), (node, at, last) -> {
                    String categoryId = problems.id(node, "id", at);
                    LocalizedText categoryName = problems.name(node, at);
                    BigDecimal max = problems.positive(node, "maxPoints", at);
                    boolean bonus = problems.flag(node, "bonus", at, false);
                    List<Indicator> indicators = problems.uniqueEntries(node, "indicators", at,
                            DefinitionProblems.Unique.ids("indicator", Indicator::id, indicatorIds),
                            (indicator, indicatorAt, lastIndicator) -> new Indicator(
                                    problems.id(indicator, "id", indicatorAt), problems.name(indicator, indicatorAt),
                                    problems.positive(indicator, "maxPoints", indicatorAt),
                                    RuleReader.read(indicator, indicatorAt, problems)));
                    return new Category(categoryId, categoryName, max, bonus,
                            indicators == null ? List.of() : List.copyOf(indicators));
                });
        BonusPolicy bonus = readBonus(root, problems);
        VetoPolicy veto = root.get("veto") == null ? new VetoPolicy(false) : readVeto(root, problems);
        FraudPolicy fraud = root.get("fraud") == null ? new FraudPolicy(false, null) : readFraud(root, problems);
        List<GradeBand> bands = readBands(root, problems);
        return new Framework(id, version, name, maxScore, categories == null ? List.of() : List.copyOf(categories),
                bonus, veto, fraud, bands);
    }

    private static BonusPolicy readBonus(Map<String, Object> root, DefinitionProblems problems) {
        if (root.get("bonus") == null) {
            return BonusPolicy.none();
        }
        Map<String, Object> node = problems.object(root, "bonus", "");
        if (node == null) {
            return BonusPolicy.none();
        }
        BonusPolicy.Type type = problems.enumValue(node, "type", "/bonus", BonusPolicy.Type.class);
        if (type != BonusPolicy.Type.LEVELS) {
            return BonusPolicy.none();
        }
        BonusPolicy.Accumulation accumulation = problems.enumValue(node, "accumulation", "/bonus",
                BonusPolicy.Accumulation.class);
        BigDecimal cap = problems.nonNegative(node, "cap", "/bonus");
        Map<Level, BigDecimal> pointsByLevel = problems.pointsByLevel(node, "/bonus");
        return new BonusPolicy(type, accumulation, cap, pointsByLevel == null ? Map.of() : pointsByLevel);
    }

    private static VetoPolicy readVeto(Map<String, Object> root, DefinitionProblems problems) {
        Map<String, Object> node = problems.object(root, "veto", "");
        return new VetoPolicy(node != null && problems.flag(node, "enabled", "/veto", false));
    }

    private static FraudPolicy readFraud(Map<String, Object> root, DefinitionProblems problems) {
        Map<String, Object> node = problems.object(root, "fraud", "");
        if (node == null || !problems.flag(node, "enabled", "/fraud", false)) {
            return new FraudPolicy(false, null);
        }
        return new FraudPolicy(true, problems.enumValue(node, "maxGrade", "/fraud", Grade.class));
    }

    private static List<GradeBand> readBands(Map<String, Object> root, DefinitionProblems problems) {
        List<GradeBand> bands = problems.entries(root, "gradeBands", "", (node, at, last) -> new GradeBand(
                problems.enumValue(node, "grade", at, Grade.class), problems.nonNegative(node, "min", at),
                problems.optionalNumber(node, "below", at)));
        return bands == null ? List.of() : List.copyOf(bands);
    }

    // -- consistency, once every value is known ------------------------------------------------------------------

    private static void check(Framework framework, DefinitionProblems problems) {
        BigDecimal categoriesSum = BigDecimal.ZERO;
        for (int c = 0; c < framework.categories().size(); c++) {
            Category category = framework.categories().get(c);
            String at = SheetInput.at("/categories", c);
            categoriesSum = categoriesSum.add(category.maxPoints());
            BigDecimal indicatorsSum = BigDecimal.ZERO;
            for (int i = 0; i < category.indicators().size(); i++) {
                Indicator indicator = category.indicators().get(i);
                indicatorsSum = indicatorsSum.add(indicator.maxPoints());
                RuleReader.check(indicator.rule(), indicator.maxPoints(),
                        SheetInput.at(SheetInput.at(at, "indicators"), i), problems);
            }
            if (indicatorsSum.compareTo(category.maxPoints()) != 0) {
                problems.add(SheetInput.at(at, "maxPoints"), "the maxima of the indicators of category \""
                        + category.id() + "\" sum to " + Points.show(indicatorsSum) + ", not to the category maximum "
                        + Points.show(category.maxPoints()));
            }
        }
        if (categoriesSum.compareTo(framework.maxScore()) != 0) {
            problems.add("/maxScore", "the category maxima sum to " + Points.show(categoriesSum)
                    + ", not to the framework maximum " + Points.show(framework.maxScore()));
        }
        checkBands(framework.gradeBands(), problems);
    }

    /** Bands in ascending order from 0, each starting where the previous one ends, the last one open-ended. */
    private static void checkBands(List<GradeBand> bands, DefinitionProblems problems) {
        for (int i = 0; i < bands.size(); i++) {
            GradeBand band = bands.get(i);
            String at = SheetInput.at("/gradeBands", i);
            if (i == 0 && band.min().signum() != 0) {
                problems.add(SheetInput.at(at, "min"), "the lowest band must start at 0 (got "
                        + Points.show(band.min()) + "): scores from 0 to " + Points.show(band.min()) + " have no grade");
            }
            if (band.below() != null && band.below().compareTo(band.min()) <= 0) {
                problems.add(SheetInput.at(at, "below"), "must be greater than min " + Points.show(band.min()));
            }
            if (i == bands.size() - 1) {
                if (band.below() != null) {
                    problems.add(SheetInput.at(at, "below"), "the highest band must be open-ended (no below): "
                            + "scores from " + Points.show(band.below()) + " up have no grade");
                }
                continue;
            }
            if (band.below() == null) {
                problems.add(SheetInput.at(at, "below"), "only the highest band may be open-ended");
                continue;
            }
            BigDecimal next = bands.get(i + 1).min();
            int cmp = next.compareTo(band.below());
            if (cmp > 0) {
                problems.add(SheetInput.at(SheetInput.at("/gradeBands", i + 1), "min"),
                        "gap in the grade bands: scores from " + Points.show(band.below()) + " to below "
                                + Points.show(next) + " have no grade");
            } else if (cmp < 0) {
                problems.add(SheetInput.at(SheetInput.at("/gradeBands", i + 1), "min"),
                        "overlap in the grade bands: scores from " + Points.show(next) + " to below "
                                + Points.show(band.below()) + " fall in two bands");
            }
        }
    }
}
