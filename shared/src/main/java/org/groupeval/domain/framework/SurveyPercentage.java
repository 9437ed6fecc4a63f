package org.groupeval.domain.framework;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A satisfaction survey (rules.md §9, A18): the indicator scores max × satisfaction %. Input
 * {@code {"percent": 92.5}} or {@code {"ratio": 0.925}}.
 */
public record SurveyPercentage() implements IndicatorRule {

    public static final String TYPE = "SURVEY_PERCENTAGE";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RuleOutcome score(Object input, String pointer, BigDecimal max, SheetInput sheet) {
        return ShareOfMaximum.score(input, pointer, max, sheet, "满意度", "satisfaction");
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of();
    }

    @Override
    public Map<String, Object> inputShape() {
        return InputShape.ratioOrPercent("satisfaction measured by the survey", Map.of("percent", new BigDecimal("92.5")));
    }

    @Override
    public BigDecimal reachable(BigDecimal max) {
        return max;
    }
}
