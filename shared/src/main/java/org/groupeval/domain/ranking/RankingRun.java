package org.groupeval.domain.ranking;

import java.time.Instant;

/**
 * One ranking run of a cycle (issue 6, 3): its revision (1, 2, ... per year), what triggered it and who, when it
 * started and completed, the digest of every input it read (groups, sheets, settings, earlier years), its counts,
 * cutoffs and ties at cutoff ({@code summary}), and, once CITY published it, when and by whom.
 * {@code leaseUntil} bounds how long a RUNNING run may hold its revision before a retry takes it over.
 */
public record RankingRun(int year, int revision, RunStatus status, String trigger, String requestedBy,
                         Instant startedAt, Instant completedAt, Instant leaseUntil, String inputDigest,
                         String frameworkId, String frameworkVersion, AwardSettings award, RankingSummary summary,
                         Instant publishedAt, String publishedBy, long version) {

    public RankingRun withStatus(RunStatus next, Instant at, RankingSummary withSummary) {
        return new RankingRun(year, revision, next, trigger, requestedBy, startedAt,
                next == RunStatus.COMPLETE ? at : completedAt, leaseUntil, inputDigest, frameworkId, frameworkVersion,
                award, withSummary, publishedAt, publishedBy, version + 1);
    }

    public RankingRun takenOver(String byTrigger, String by, Instant now, Instant lease) {
        return new RankingRun(year, revision, RunStatus.RUNNING, byTrigger, by, now, null, lease, inputDigest,
                frameworkId, frameworkVersion, award, null, null, null, version + 1);
    }

    public RankingRun published(String by, Instant at) {
        return new RankingRun(year, revision, status, trigger, requestedBy, startedAt, completedAt, leaseUntil,
                inputDigest, frameworkId, frameworkVersion, award, summary, at, by, version + 1);
    }

    public RankingRun withVersion(long storedVersion) {
        return new RankingRun(year, revision, status, trigger, requestedBy, startedAt, completedAt, leaseUntil,
                inputDigest, frameworkId, frameworkVersion, award, summary, publishedAt, publishedBy, storedVersion);
    }
}
