package org.groupeval.domain.ranking;

/**
 * What happens when the groups tied on score at the last award place would push the count over the quota
 * (rules.md §8.5).
 */
public enum TiePolicy {
    /** Default: none of the tied block is awarded; the block is reported as tied at cutoff for the city. */
    NONE_AT_CUTOFF,
    /** Every group of the tied block is awarded, even though the count then exceeds the quota. */
    INCLUDE_ALL_TIED,
    /** The block is ordered by the named categories' subtotals, one after the other; a tie that survives them all
     * is treated as {@link #NONE_AT_CUTOFF}. */
    BREAK_BY_CATEGORIES
}
