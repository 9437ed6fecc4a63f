package org.groupeval.domain.framework;

import java.math.BigDecimal;
import java.util.Map;

/**
 * "Proportional to completion" (rules.md §5.2): the reviewer states a completion ratio and
 * the indicator scores max × ratio. Input {@code {"ratio": 0.85}} or {@code {"percent": 85}}.
 */
public record CompletionRatio() implements IndicatorRule {

    public static final String TYPE = "COMPLETION_RATIO";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RuleOutcome score(Object input, String pointer, BigDecimal max, SheetInput sheet) {
        return ShareOfMaximum.score(input, pointer, max, sheet, "完成度", "completion");
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of();
    }

    @Override
    public Map<String, Object> inputShape() {
        return InputShape.ratioOrPercent("completion", Map.of("ratio", new BigDecimal("0.85")));
    }

    @Override
    public BigDecimal reachable(BigDecimal max) {
        return max;
    }
}
