package org.groupeval.domain.scoring;

import org.groupeval.domain.Grade;
import org.groupeval.domain.framework.LocalizedText;
import org.groupeval.domain.framework.Score;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A scored sheet (docs/api.md, Score sheets): every figure with two decimals, and the explanation of each.
 * {@code baseTotal} is the sum of the non-bonus categories; {@code bonus} the level bonus plus the bonus categories;
 * {@code total} = baseTotal + bonus. {@code bandGrade} is the grade by the bands alone; {@code grade} after veto
 * (→ FAIL) and fraud (→ at most GOOD). {@code indicators} holds every indicator of the framework, in order.
 */
public record ScoredSheet(String frameworkId, String frameworkVersion, Score total, Score baseTotal,
                          Score bonus, Score maxScore, Grade grade, LocalizedText gradeLabel, Grade bandGrade,
                          Explanation gradeExplanation, boolean complete, List<String> missingIndicators,
                          Sanction veto, Sanction fraud, BonusAward bonusDetail, List<CategoryScore> categories,
                          Map<String, IndicatorScore> indicators) {

    /** An indicator's points (two decimals); 0.00 for an indicator left out of a draft. */
    public BigDecimal indicatorPoints(String indicatorId) {
        IndicatorScore score = indicators.get(indicatorId);
        if (score == null) {
            throw new IllegalArgumentException("framework " + frameworkId + "/" + frameworkVersion
                    + " has no indicator " + indicatorId);
        }
        return score.points().value();
    }

    /** A category's subtotal, or null if the framework has no such category. */
    public BigDecimal categoryPoints(String categoryId) {
        return categories.stream().filter(c -> c.id().equals(categoryId)).map(c -> c.points().value()).findFirst()
                .orElse(null);
    }
}
