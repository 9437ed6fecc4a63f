package org.groupeval.domain.ranking;

import org.groupeval.domain.review.OpenStage;

import java.time.Instant;
import java.util.List;

/**
 * One ranking run of a cycle (rules.md §8.8): its revision (1, 2, ... per year), what triggered it and who, when it
 * started and completed, the digest of every input it read (groups, sheets, settings, earlier years), its counts,
 * cutoffs and ties at cutoff ({@code summary}), and, once CITY published it, when and by whom, and which stages were
 * still open when the city published it anyway ({@code publishedWhileOpen}: null when none was).
 * {@code leaseUntil} bounds how long a RUNNING run may hold its revision before a retry takes it over.
 */
public record RankingRun(int year, int revision, RunStatus status, String trigger, String requestedBy,
                         Instant startedAt, Instant completedAt, Instant leaseUntil, String inputDigest,
                         String frameworkId, String frameworkVersion, AwardSettings award, RankingSummary summary,
                         Instant publishedAt, String publishedBy, List<OpenStage> publishedWhileOpen, long version) {

    public RankingRun {
        publishedWhileOpen = publishedWhileOpen == null || publishedWhileOpen.isEmpty() ? null
                : List.copyOf(publishedWhileOpen);
    }

    public RankingRun withStatus(RunStatus next, Instant at, RankingSummary withSummary) {
        return new RankingRun(year, revision, next, trigger, requestedBy, startedAt,
                next == RunStatus.COMPLETE ? at : completedAt, leaseUntil, inputDigest, frameworkId, frameworkVersion,
                award, withSummary, publishedAt, publishedBy, publishedWhileOpen, version + 1);
    }

    public RankingRun takenOver(String byTrigger, String by, Instant now, Instant lease) {
        return new RankingRun(year, revision, RunStatus.RUNNING, byTrigger, by, now, null, lease, inputDigest,
                frameworkId, frameworkVersion, award, null, null, null, null, version + 1);
    }

    /** The run as published by {@code by} at {@code at}, with the stages that were still open (none: empty). */
    public RankingRun published(String by, Instant at, List<OpenStage> openStages) {
        return new RankingRun(year, revision, status, trigger, requestedBy, startedAt, completedAt, leaseUntil,
                inputDigest, frameworkId, frameworkVersion, award, summary, at, by, openStages, version + 1);
    }

    public RankingRun withVersion(long storedVersion) {
        return new RankingRun(year, revision, status, trigger, requestedBy, startedAt, completedAt, leaseUntil,
                inputDigest, frameworkId, frameworkVersion, award, summary, publishedAt, publishedBy,
                publishedWhileOpen, storedVersion);
    }
}
