package org.groupeval.ranking;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.groupeval.domain.ranking.RankingCycle;
import org.groupeval.domain.ranking.ScheduledRun;
import org.groupeval.store.RankingInputStore;
import org.groupeval.store.ResultStore;
import org.groupeval.web.StructuredLog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one delivery of the ranking schedule does (docs/ranking.md, Scheduled ranking): rank every cycle whose own
 * {@code rankingAt} has passed at the scheduled time and that the schedule has not yet ranked for that
 * {@code rankingAt}, each exactly once however often the schedule is delivered. The marker of a cycle and
 * {@code rankingAt} ({@link ScheduledRun}) is claimed with a conditional write before the ranking runs, so a
 * duplicate delivery, a retry or a concurrent delivery finds it and ranks nothing; a failed run leaves it
 * {@code FAILED}, and the next delivery tries again.
 */
@Singleton
public class ScheduledRankings {

    /** What a delivery did with one due cycle. */
    public enum Handled {
        /** Ranked now: a new revision. */
        CREATED,
        /** Ranked now: the inputs are those of the newest revision, nothing was written. */
        UNCHANGED,
        /** Ranked now: a run on the same inputs (e.g. the city's) was writing them. */
        IN_PROGRESS,
        /** An earlier delivery already ranked the cycle for this {@code rankingAt}. */
        ALREADY_RANKED,
        /** Another delivery holds the cycle right now. */
        RUNNING_ELSEWHERE,
        /** The ranking failed; the next delivery tries again. */
        FAILED
    }

    public record CycleOutcome(int year, Instant rankingAt, Handled outcome, Integer revision, int attempt,
                               String error) {
    }

    @Inject
    RankingJob job;
    @Inject
    RankingInputStore inputs;
    @Inject
    ResultStore results;
    @Inject
    Clock clock;

    /** The cycles due at {@code at} (whether or not the schedule has ranked them yet). */
    public List<RankingCycle> due(Instant at) {
        return ScheduledRun.due(inputs.cycles(), at);
    }

    /** Ranks every cycle due at {@code scheduledTime} that the schedule has not ranked yet, oldest time first. */
    public List<CycleOutcome> runDue(Instant scheduledTime, String trigger) {
        List<CycleOutcome> outcomes = new ArrayList<>();
        for (RankingCycle cycle : due(scheduledTime)) {
            outcomes.add(runOnce(cycle, scheduledTime, trigger));
        }
        return outcomes;
    }

    private CycleOutcome runOnce(RankingCycle cycle, Instant scheduledTime, String trigger) {
        Instant now = clock.instant();
        Optional<ScheduledRun> marker = results.scheduledRun(cycle.year(), cycle.rankingAt());
        ScheduledRun claimed;
        if (marker.isEmpty()) {
            claimed = ScheduledRun.start(cycle.year(), cycle.rankingAt(), scheduledTime, now);
            if (!results.putScheduledRun(claimed, null)) {
                return skipped(cycle);
            }
        } else if (marker.get().retryable(now)) {
            claimed = marker.get().retried(scheduledTime, now);
            if (!results.putScheduledRun(claimed, marker.get().version())) {
                return skipped(cycle);
            }
        } else {
            return skipped(marker.get());
        }
        try {
            RankingJob.Outcome outcome = job.run(cycle.year(), trigger, "scheduler");
            ScheduledRun done = claimed.done(outcome.run().revision(), outcome.disposition().name(), clock.instant());
            if (!results.putScheduledRun(done, claimed.version())) {
                log("scheduled ranking marker taken over", done);
            }
            return new CycleOutcome(cycle.year(), cycle.rankingAt(), Handled.valueOf(outcome.disposition().name()),
                    outcome.run().revision(), claimed.attempts(), null);
        } catch (RuntimeException e) {
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            ScheduledRun failed = claimed.failed(why, clock.instant());
            results.putScheduledRun(failed, claimed.version());
            log("scheduled ranking of a cycle failed", failed);
            return new CycleOutcome(cycle.year(), cycle.rankingAt(), Handled.FAILED, null, claimed.attempts(), why);
        }
    }

    /** The conditional write lost: another delivery claimed the cycle a moment ago. */
    private CycleOutcome skipped(RankingCycle cycle) {
        return results.scheduledRun(cycle.year(), cycle.rankingAt()).map(this::skipped)
                .orElseThrow(() -> new IllegalStateException("the scheduled-run marker of " + cycle.year()
                        + " was refused but is missing"));
    }

    private CycleOutcome skipped(ScheduledRun marker) {
        Handled handled = marker.status() == ScheduledRun.Status.DONE ? Handled.ALREADY_RANKED
                : Handled.RUNNING_ELSEWHERE;
        return new CycleOutcome(marker.year(), marker.rankingAt(), handled, marker.revision(), marker.attempts(),
                null);
    }

    private static void log(String message, ScheduledRun run) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("year", run.year());
        line.put("rankingAt", run.rankingAt().toString());
        line.put("status", run.status().name());
        line.put("attempts", run.attempts());
        line.put("error", run.error());
        if (run.status() == ScheduledRun.Status.FAILED) {
            StructuredLog.error(message, line);
        } else {
            StructuredLog.info(message, line);
        }
    }
}
