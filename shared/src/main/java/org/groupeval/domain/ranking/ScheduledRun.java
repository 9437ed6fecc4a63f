package org.groupeval.domain.ranking;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The scheduled ranking of one cycle for one {@code rankingAt} (docs/ranking.md, Scheduled ranking). The schedule
 * fires every few minutes; each delivery ranks the cycles whose {@code rankingAt} has passed and that have no
 * finished scheduled run for that {@code rankingAt}. This record is the marker that makes it happen once: created
 * with a conditional write (so of two deliveries at once one ranks), {@code RUNNING} under a lease while it ranks,
 * then {@code DONE} with the revision, or {@code FAILED} with the error (the next delivery tries again). A cycle
 * whose {@code rankingAt} moves gets a new marker, so a moved time is honoured and a past one is not repeated.
 */
public record ScheduledRun(int year, Instant rankingAt, Status status, Instant scheduledTime, Instant startedAt,
                           Instant leaseUntil, int attempts, Integer revision, String disposition, String error,
                           Instant finishedAt, long version) {

    public enum Status {
        RUNNING, DONE, FAILED
    }

    /** How long a RUNNING marker holds the cycle before another delivery takes it over (the Lambda maximum). */
    public static final Duration LEASE = Duration.ofMinutes(15);
    /**
     * How far back a delivery looks for a {@code rankingAt} it has not handled: long enough to bridge an outage of
     * the schedule, short enough that the cycles of earlier years are never ranked again by the schedule.
     */
    public static final Duration CATCH_UP = Duration.ofDays(7);

    /** The cycles due at {@code at}: {@code rankingAt} passed (the instant itself counts), within the catch-up. */
    public static List<RankingCycle> due(List<RankingCycle> cycles, Instant at) {
        Instant earliest = at.minus(CATCH_UP);
        return cycles.stream()
                .filter(c -> c.rankingAt() != null && !c.rankingAt().isAfter(at) && c.rankingAt().isAfter(earliest))
                .sorted(Comparator.comparing(RankingCycle::rankingAt).thenComparing(RankingCycle::year))
                .toList();
    }

    /** The first attempt, to be created only if no marker exists. */
    public static ScheduledRun start(int year, Instant rankingAt, Instant scheduledTime, Instant now) {
        return new ScheduledRun(year, rankingAt, Status.RUNNING, scheduledTime, now, now.plus(LEASE), 1, null, null,
                null, null, 1L);
    }

    /** Whether a delivery at {@code now} may take this marker over: it failed, or its run outlived its lease. */
    public boolean retryable(Instant now) {
        return status == Status.FAILED || status == Status.RUNNING && !leaseUntil.isAfter(now);
    }

    public ScheduledRun retried(Instant scheduledTimeOfRetry, Instant now) {
        return new ScheduledRun(year, rankingAt, Status.RUNNING, scheduledTimeOfRetry, now, now.plus(LEASE),
                attempts + 1, null, null, error, null, version + 1);
    }

    public ScheduledRun done(int rankedRevision, String rankingDisposition, Instant now) {
        return new ScheduledRun(year, rankingAt, Status.DONE, scheduledTime, startedAt, leaseUntil, attempts,
                rankedRevision, rankingDisposition, null, now, version + 1);
    }

    public ScheduledRun failed(String why, Instant now) {
        return new ScheduledRun(year, rankingAt, Status.FAILED, scheduledTime, startedAt, leaseUntil, attempts, null,
                null, why, now, version + 1);
    }
}
