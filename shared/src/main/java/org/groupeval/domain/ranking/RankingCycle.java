package org.groupeval.domain.ranking;

import java.time.Instant;

/**
 * What the ranking needs of a yearly cycle (the cycle item the review workflow keeps, docs/data-model.md): the
 * pinned framework (its grade bands), the award settings and the city deadline (after which the scheduled ranking
 * picks the cycle).
 */
public record RankingCycle(int year, String frameworkId, String frameworkVersion, AwardSettings award,
                           Instant cityDeadline) {
}
