package org.groupeval.domain.framework;

import org.groupeval.domain.Grade;

import java.math.BigDecimal;

/**
 * A half-open score band [min, below) mapped to a grade (rules.md §6.1: "80–89" means
 * 80 ≤ s &lt; 90, so 89.5 is GOOD). A band without {@code below} is open-ended.
 */
public record GradeBand(Grade grade, BigDecimal min, BigDecimal below) {

    public boolean contains(BigDecimal score) {
        return score.compareTo(min) >= 0 && (below == null || score.compareTo(below) < 0);
    }
}
