package org.groupeval.domain.ranking;

import org.groupeval.domain.review.Cycle;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What the ranking needs of a yearly cycle (the cycle item the review workflow keeps, docs/data-model.md): the
 * pinned framework (its grade bands), the award settings, the stage deadlines (the city deadline decides which
 * groups took part; all three decide whether the year may be published) and {@code rankingAt}, when the schedule
 * ranks the cycle (null when the cycle names none: the schedule leaves it alone).
 */
public record RankingCycle(int year, String frameworkId, String frameworkVersion, AwardSettings award,
                           Cycle.Deadlines deadlines, Instant rankingAt) {

    /** The end of the city stage, or null when the cycle has no deadlines. */
    public Instant cityDeadline() {
        return deadlines == null || deadlines.city() == null ? null
                : OffsetDateTime.parse(deadlines.city()).toInstant();
    }
}
