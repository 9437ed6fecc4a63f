package org.groupeval.domain.ranking;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which cycles a delivery of the schedule ranks, and when a marker may be taken over. */
class ScheduledRunTest {

    private static RankingCycle rankedAt(int year, String rankingAt) {
        return new RankingCycle(year, "ankang-2022", "1", null, null,
                rankingAt == null ? null : Instant.parse(rankingAt));
    }

    @Test
    void aCycleIsDueFromItsRankingAtForTheCatchUpAndCyclesWithoutOneNever() {
        Instant at = Instant.parse("2026-12-05T02:00:00Z");
        List<RankingCycle> cycles = List.of(
                rankedAt(2026, "2026-12-05T02:00:00Z"),        // exactly now: due
                rankedAt(2027, "2026-12-05T02:00:00.001Z"),    // a millisecond later: not yet
                rankedAt(2025, "2026-11-28T02:00:00.001Z"),    // just inside the 7-day catch-up
                rankedAt(2024, "2026-11-28T02:00:00Z"),        // 7 days ago exactly: an old year's, left alone
                rankedAt(2023, null));
        assertEquals(List.of(2025, 2026), ScheduledRun.due(cycles, at).stream().map(RankingCycle::year).toList());
        assertEquals(Duration.ofDays(7), ScheduledRun.CATCH_UP);
    }

    @Test
    void aMarkerIsTakenOverOnlyWhenItFailedOrItsRunOutlivedItsLease() {
        Instant now = Instant.parse("2026-11-01T00:00:00Z");
        ScheduledRun running = ScheduledRun.start(2026, now, now, now);
        assertFalse(running.retryable(now.plus(Duration.ofMinutes(14))));
        assertTrue(running.retryable(now.plus(ScheduledRun.LEASE)));
        ScheduledRun failed = running.failed("boom", now.plusSeconds(5));
        assertTrue(failed.retryable(now.plusSeconds(6)));
        ScheduledRun retried = failed.retried(now.plusSeconds(900), now.plusSeconds(900));
        assertEquals(2, retried.attempts());
        assertEquals(failed.version() + 1, retried.version());
        ScheduledRun done = retried.done(1, "CREATED", now.plusSeconds(901));
        assertFalse(done.retryable(now.plus(Duration.ofDays(30))));
        assertEquals(1, done.revision());
    }
}
