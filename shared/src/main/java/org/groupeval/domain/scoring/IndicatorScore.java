package org.groupeval.domain.scoring;

import org.groupeval.domain.framework.Score;

/**
 * One indicator's result: points (two decimals), its maximum, the working, and whether its input was complete
 * (false for an indicator a draft left out, or a composite with parts left out).
 */
public record IndicatorScore(Score points, Score maxPoints, Explanation explanation, boolean complete) {
}
