package org.groupeval.domain.framework;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published form of a framework (docs/api.md): {@code {id, version, name, maxScore, categories: [{id, name,
 * maxPoints, indicators: [{id, name, maxPoints, rule: {type, ...parameters, input}}]}], bonus, gradeBands}}. Plain
 * records and maps; its scores (maxima, caps, bonus and item points, band bounds) are {@link Score}s.
 */
public record FrameworkView(String id, String version, LocalizedText name, Score maxScore, Score maxTotal,
                            List<CategoryView> categories, Map<String, Object> bonus, Map<String, Object> veto,
                            Map<String, Object> fraud, List<Map<String, Object>> gradeBands) {

    public record CategoryView(String id, LocalizedText name, Score maxPoints, boolean bonus,
                               List<IndicatorView> indicators) {
    }

    public record IndicatorView(String id, LocalizedText name, Score maxPoints, Map<String, Object> rule) {
    }

    /** The list form ({@code GET /frameworks}): no indicators. */
    public record Summary(String id, String version, LocalizedText name, Score maxScore, Score maxTotal,
                          int indicatorCount) {

        static Summary of(Framework framework) {
            return new Summary(framework.id(), framework.version(), framework.name(), Score.of(framework.maxScore()),
                    Score.of(framework.maxTotal()), framework.indicatorIds().size());
        }
    }

    static FrameworkView of(Framework framework) {
        List<CategoryView> categories = new ArrayList<>();
        for (Category category : framework.categories()) {
            List<IndicatorView> indicators = new ArrayList<>();
            for (Indicator indicator : category.indicators()) {
                indicators.add(new IndicatorView(indicator.id(), indicator.name(), Score.of(indicator.maxPoints()),
                        Composite.describe(indicator.rule())));
            }
            categories.add(new CategoryView(category.id(), category.name(), Score.of(category.maxPoints()),
                    category.bonus(),
                    List.copyOf(indicators)));
        }
        return new FrameworkView(framework.id(), framework.version(), framework.name(),
                Score.of(framework.maxScore()), Score.of(framework.maxTotal()), List.copyOf(categories),
                bonus(framework.bonus()),
                InputShape.map("enabled", framework.veto().enabled(),
                        "input", InputShape.map("example", InputShape.map("applied", true, "reason", "…"))),
                fraud(framework.fraud()), bands(framework));
    }

    private static Map<String, Object> bonus(BonusPolicy policy) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", policy.type().name());
        if (policy.enabled()) {
            view.put("accumulation", policy.accumulation().name());
            view.put("cap", Score.of(policy.cap()));
            List<Map<String, Object>> levels = new ArrayList<>();
            policy.pointsByLevel().forEach((level, points) ->
                    levels.add(InputShape.map("level", level.name(), "points", Score.of(points))));
            view.put("levels", levels);
            view.put("input", InputShape.map(
                    "description", "the level achieved, or null for none; several with items: [{level, reason}]",
                    "example", InputShape.map("level", policy.pointsByLevel().keySet().iterator().next().name(),
                            "reason", "…")));
        }
        return view;
    }

    private static Map<String, Object> fraud(FraudPolicy policy) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("enabled", policy.enabled());
        if (policy.enabled()) {
            view.put("maxGrade", policy.maxGrade().name());
        }
        view.put("input", InputShape.map("example", InputShape.map("applied", true, "reason", "…")));
        return view;
    }

    private static List<Map<String, Object>> bands(Framework framework) {
        List<Map<String, Object>> bands = new ArrayList<>();
        for (GradeBand band : framework.gradeBands()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("grade", band.grade().name());
            view.put("label", LocalizedText.of(band.grade().zh(), band.grade().en()));
            view.put("min", Score.of(band.min()));
            if (band.below() != null) {
                view.put("below", Score.of(band.below()));
            }
            bands.add(view);
        }
        return bands;
    }
}
