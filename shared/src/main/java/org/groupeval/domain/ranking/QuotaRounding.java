package org.groupeval.domain.ranking;

import java.math.RoundingMode;

/**
 * How ratio × count becomes a whole number of awards (rules.md §8.4: a setting of the cycle). FLOOR is
 * the default, because the rule says "no more than 30 %".
 */
public enum QuotaRounding {
    FLOOR(RoundingMode.FLOOR, "floor"),
    HALF_UP(RoundingMode.HALF_UP, "round"),
    CEILING(RoundingMode.CEILING, "ceil");

    private final RoundingMode mode;
    private final String symbol;

    QuotaRounding(RoundingMode mode, String symbol) {
        this.mode = mode;
        this.symbol = symbol;
    }

    public RoundingMode mode() {
        return mode;
    }

    /** As the explanations write it: floor(0.30 × 10). */
    public String symbol() {
        return symbol;
    }
}
