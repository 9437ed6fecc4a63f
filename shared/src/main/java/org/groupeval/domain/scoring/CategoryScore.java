package org.groupeval.domain.scoring;

import org.groupeval.domain.framework.LocalizedText;
import org.groupeval.domain.framework.Score;

/** A category's subtotal: the exact sum of its indicators' points; {@code bonus} for a bonus category. */
public record CategoryScore(String id, LocalizedText name, Score points, Score maxPoints, boolean bonus) {
}
