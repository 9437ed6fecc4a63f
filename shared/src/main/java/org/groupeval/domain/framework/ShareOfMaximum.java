package org.groupeval.domain.framework;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic both {@link CompletionRatio} and {@link SurveyPercentage} use: the indicator scores max × a ratio
 * stated as {@code {"ratio": r}} or {@code {"percent": p}}. Only the label in the explanation differs.
 */
final class ShareOfMaximum {

    private ShareOfMaximum() {
    }

    static RuleOutcome score(Object input, String pointer, BigDecimal max, SheetInput sheet, String zhLabel,
                             String enLabel) {
        Map<String, Object> object = sheet.objectOf(input, pointer, List.of("ratio", "percent"));
        if (object == null) {
            return null;
        }
        BigDecimal ratio = sheet.ratioOrPercent(object, pointer);
        if (ratio == null) {
            return null;
        }
        BigDecimal points = max.multiply(ratio);
        String working = Points.showPercent(ratio) + " × " + Points.show(max) + " = " + Points.showPoints(points);
        return RuleOutcome.capped(points, max, zhLabel + " " + working, enLabel + " " + working, true);
    }
}
