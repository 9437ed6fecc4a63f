package org.groupeval.domain.framework;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points judged by the reviewer, from 0 to the maximum, optionally in steps (e.g. 0.1). Input {@code {"points": 4.5}}.
 */
public record JudgedPoints(BigDecimal step) implements IndicatorRule {

    public static final String TYPE = "JUDGED_POINTS";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RuleOutcome score(Object input, String pointer, BigDecimal max, SheetInput sheet) {
        Map<String, Object> object = sheet.objectOf(input, pointer, List.of("points"));
        if (object == null) {
            return null;
        }
        String at = SheetInput.at(pointer, "points");
        BigDecimal points = sheet.between(object.get("points"), at, BigDecimal.ZERO, max);
        if (points == null) {
            return null;
        }
        if (step != null && points.remainder(step).signum() != 0) {
            sheet.error(at, "must be a multiple of " + Points.show(step) + " (got " + Points.given(points) + ")");
            return null;
        }
        return new RuleOutcome(points, new LocalizedText(
                "评审评定 " + Points.showPoints(points) + " 分",
                "judged by the reviewer: " + Points.showPoints(points)), true);
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (step != null) {
            parameters.put("step", step);
        }
        return parameters;
    }

    @Override
    public Map<String, Object> inputShape() {
        Map<String, Object> points = InputShape.number("points judged by the reviewer, 0 to the maximum"
                + (step == null ? "" : ", in steps of " + Points.show(step)), BigDecimal.ZERO, null);
        if (step != null) {
            points.put("multipleOf", step);
        }
        return InputShape.object("the reviewer's judgement", Map.of("points", points), List.of("points"),
                Map.of("points", BigDecimal.ONE));
    }

    @Override
    public BigDecimal reachable(BigDecimal max) {
        return max;
    }
}
