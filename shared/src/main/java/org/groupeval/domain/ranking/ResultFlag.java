package org.groupeval.domain.ranking;

/** Facts about a result that a reader must notice; each one is explained in the result's explanation. */
public enum ResultFlag {
    /** 一票否决: graded FAIL whatever the score. */
    VETO,
    /** 弄虚作假: grade capped at GOOD and no award. */
    FRAUD,
    /** No district or city sheet was submitted. */
    NOT_SUBMITTED,
    /** The district did not recommend the group to the city: its district result stands. */
    NOT_RECOMMENDED,
    /** Recommended, but the city sheet was not submitted: the district result stands, and no award is possible. */
    CITY_REVIEW_MISSING,
    /** In a tied block at the last award place that the tie policy left for the city to resolve. */
    TIED_AT_CUTOFF,
    /** In a tied block at the last award place that the tie policy resolved (all included, or broken by categories). */
    TIE_RESOLVED,
    /** FAIL this year and in the previous year's published ranking: flagged for restructuring (优化组合). */
    RESTRUCTURING,
    /** An INTEGRATED group graded EXCELLENT that already received the senior-post bonus in an earlier year. */
    SENIOR_POST_BONUS_ALREADY_RECEIVED
}
