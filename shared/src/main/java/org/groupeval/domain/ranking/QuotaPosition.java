package org.groupeval.domain.ranking;

import org.groupeval.domain.framework.Score;

import java.math.BigDecimal;

/**
 * Where a group stood in its award pool: the pool (EXCELLENT, GOOD or EXCELLENT+GOOD), how many groups it holds,
 * the ratio and the quota floor(ratio × count), the group's competition position among the eligible groups of the
 * pool (null when it is not eligible), and the lowest score that was awarded (null when none was).
 */
public record QuotaPosition(String pool, int groupsInPool, BigDecimal ratio, int quota, Integer position,
                            Score cutoffScore) {
}
