package org.groupeval.domain.review;

import org.groupeval.domain.Grade;
import org.groupeval.domain.framework.Score;
import org.groupeval.domain.scoring.BonusClaim;

import java.util.List;
import java.util.Map;

/**
 * The panel behind the city sheet of a panel cycle (rules.md §7.3, §7.4): how the experts' points were aggregated
 * ({@code aggregation}, whether the highest and lowest were dropped), the minimum panel, how many experts sit on it
 * and submitted, each expert with their sheet's progress (and, once submitted, their total, grade and points per
 * indicator), and the matters they raised for the city to decide.
 */
public record PanelScore(AggregationMethod aggregation, boolean trimmed, int minimumSize, int assigned, int submitted,
                         List<ExpertScore> experts, List<RaisedMatter> raised) {

    /** A seated expert and, once they submitted, their total, grade and points per indicator. */
    public record ExpertScore(String subject, String name, String affiliation, SheetProgress status, Score total,
                              Grade grade, Map<String, Score> points) {
    }

    /**
     * A veto or fraud an expert applied ({@code flag} {@code veto}/{@code fraud}, with its {@code reason}), or a level
     * bonus they claimed ({@code flag} {@code bonus}, with the {@code claim}): applied only if the city decides so.
     */
    public record RaisedMatter(String expertSub, String flag, String reason, BonusClaim claim) {
    }
}
