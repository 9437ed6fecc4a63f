package org.groupeval.domain.ranking;

import java.util.List;

/** A complete ranking: every group's result in rank order, and the summary. */
public record RankingOutcome(List<GroupResult> results, RankingSummary summary) {
}
