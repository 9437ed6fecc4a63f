package org.groupeval.domain.ranking;

import java.util.List;
import java.util.Map;

/** The counts and cutoffs of one ranking, as the ranking-run record keeps them. */
public record RankingSummary(int groups, Map<String, Integer> byGrade, Map<String, Integer> byBasis, int awarded,
                             int seniorPostBonuses, int restructuring, List<PoolOutcome> pools) {

    public RankingSummary {
        byGrade = Map.copyOf(byGrade);
        byBasis = Map.copyOf(byBasis);
        pools = List.copyOf(pools);
    }
}
