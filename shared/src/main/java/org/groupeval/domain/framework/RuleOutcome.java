package org.groupeval.domain.framework;

import java.math.BigDecimal;

/**
 * What a rule made of an input: exact points (capped at the node's maximum), the working in Chinese and English,
 * and whether every required part was given (a draft may leave composite parts out).
 */
public record RuleOutcome(BigDecimal points, LocalizedText explanation, boolean complete) {

    /** Caps {@code sum} at {@code max}, saying so in the working when the cap bites. */
    static RuleOutcome capped(BigDecimal sum, BigDecimal max, String zh, String en, boolean complete) {
        if (sum.compareTo(max) > 0) {
            return new RuleOutcome(max, new LocalizedText(
                    zh + ",封顶 " + Score.of(max),
                    en + ", capped at " + Score.of(max)), complete);
        }
        return new RuleOutcome(sum, new LocalizedText(zh, en), complete);
    }
}
