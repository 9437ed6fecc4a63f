package org.groupeval.domain.scoring;

import java.math.BigDecimal;

/**
 * One indicator's result: points (two decimals), its maximum, the working, and whether its input was complete
 * (false for an indicator a draft left out, or a composite with parts left out).
 */
public record IndicatorScore(BigDecimal points, BigDecimal maxPoints, Explanation explanation, boolean complete) {
}
