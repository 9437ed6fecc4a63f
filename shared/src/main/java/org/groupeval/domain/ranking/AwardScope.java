package org.groupeval.domain.ranking;

/**
 * Over which groups the funding-award quota is counted (domain.md, Use of results 2): separately within the
 * EXCELLENT and within the GOOD groups ("respectively", the default), or once over their union.
 */
public enum AwardScope {
    PER_GRADE,
    UNION
}
