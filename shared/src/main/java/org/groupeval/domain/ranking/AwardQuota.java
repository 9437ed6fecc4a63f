package org.groupeval.domain.ranking;

import java.math.BigDecimal;

/**
 * The number of awards a pool of groups gets: floor(ratio × count), computed exactly (rules.md §8.4:
 * "no more than 30 %", so 0.30 × 4 = 1.2 → 1, and 0.30 × 3 = 0.9 → 0).
 */
public final class AwardQuota {

    private AwardQuota() {
    }

    public static int of(BigDecimal ratio, int count) {
        return of(ratio, count, QuotaRounding.FLOOR);
    }

    public static int of(BigDecimal ratio, int count, QuotaRounding rounding) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        return ratio.multiply(BigDecimal.valueOf(count)).setScale(0, rounding.mode()).intValueExact();
    }
}
