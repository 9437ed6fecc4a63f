package org.groupeval.domain.ranking;

/**
 * Over which groups the funding-award quota is counted (rules.md §8.4): separately within the
 * EXCELLENT and within the GOOD groups ("respectively", the default), or once over their union.
 */
public enum AwardScope {
    PER_GRADE,
    UNION
}
