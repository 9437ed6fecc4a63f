package org.groupeval.domain.ranking;

import org.groupeval.domain.framework.Score;

import java.util.List;

/**
 * The award arithmetic of one pool, for the ranking-run record: groups in the pool, how many were eligible (not
 * fraud, reviewed by the city), the quota, how many were awarded, the lowest awarded score (the cutoff), and the
 * tied block at the cutoff with what the tie policy did with it ({@code NONE_AWARDED}, {@code ALL_AWARDED},
 * {@code BROKEN_BY_CATEGORIES}; null when there was no tie at the cutoff).
 */
public record PoolOutcome(String pool, int groupsInPool, int eligible, int quota, int awarded, Score cutoffScore,
                          Score tiedScore, List<String> tiedAtCutoff, String tieResolution) {

    public PoolOutcome {
        tiedAtCutoff = List.copyOf(tiedAtCutoff);
    }
}
