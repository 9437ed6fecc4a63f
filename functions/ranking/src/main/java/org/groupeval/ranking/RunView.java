package org.groupeval.ranking;

import org.groupeval.domain.framework.Score;
import org.groupeval.domain.ranking.AwardSettings;
import org.groupeval.domain.ranking.PoolOutcome;
import org.groupeval.domain.ranking.RankingRun;
import org.groupeval.domain.ranking.RankingSummary;
import org.groupeval.domain.ranking.RunStatus;
import org.groupeval.domain.review.OpenStage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A ranking run as the API shows it (docs/api.md, Ranking and results), its members in this order: the revision,
 * when and why it ran, what it read, its counts, pools, cutoffs and ties at cutoff (once complete), whether it is the
 * published revision and, for a run or publish request, what the request led to ({@code disposition}). Absent
 * members (null) are left out. Scores are {@link Score}s: two decimals.
 */
record RunView(int year, int revision, RunStatus status, String trigger, String requestedBy, Instant startedAt,
               Instant completedAt, String inputDigest, String frameworkId, String frameworkVersion,
               AwardSettings award, Counts counts, List<PoolOutcome> pools, Map<String, Score> cutoffs,
               List<Tie> tiesAtCutoff, boolean published, Integer publishedRevision, Instant publishedAt,
               String publishedBy, List<OpenStage> publishedWhileOpen, RankingJob.Disposition disposition) {

    /** How many groups the run ranked, by grade and by basis (in name order), and what it granted. */
    record Counts(int groups, Map<String, Integer> byGrade, Map<String, Integer> byBasis, int awarded,
                  int seniorPostBonuses, int restructuring) {
    }

    /** The runs of a year, the highest revision first. */
    record Runs(int year, List<RunView> items) {
    }

    /** A block of groups tied at a pool's cutoff, and what the tie policy did with it. */
    record Tie(String pool, Score score, List<String> groupIds, String resolution) {
    }

    /** The run, with the year's published revision ({@code published}: none yet when empty). */
    static RunView of(RankingRun run, OptionalInt published) {
        RankingSummary summary = run.summary();
        Counts counts = null;
        Map<String, Score> cutoffs = null;
        List<Tie> ties = null;
        if (summary != null) {
            counts = new Counts(summary.groups(), new TreeMap<>(summary.byGrade()), new TreeMap<>(summary.byBasis()),
                    summary.awarded(), summary.seniorPostBonuses(), summary.restructuring());
            cutoffs = new LinkedHashMap<>();
            ties = new ArrayList<>();
            for (PoolOutcome pool : summary.pools()) {
                cutoffs.put(pool.pool(), pool.cutoffScore());
                if (pool.tieResolution() != null) {
                    ties.add(new Tie(pool.pool(), pool.tiedScore(), pool.tiedAtCutoff(), pool.tieResolution()));
                }
            }
        }
        return new RunView(run.year(), run.revision(), run.status(), run.trigger(), run.requestedBy(),
                run.startedAt(), run.completedAt(), run.inputDigest(), run.frameworkId(), run.frameworkVersion(),
                run.award(), counts, summary == null ? null : summary.pools(), cutoffs, ties,
                published.isPresent() && published.getAsInt() == run.revision(),
                published.isPresent() ? published.getAsInt() : null, run.publishedAt(), run.publishedBy(),
                run.publishedWhileOpen(), null);
    }

    /** What a run or publish request did with this run. */
    RunView with(RankingJob.Disposition what) {
        return new RunView(year, revision, status, trigger, requestedBy, startedAt, completedAt, inputDigest,
                frameworkId, frameworkVersion, award, counts, pools, cutoffs, tiesAtCutoff, published,
                publishedRevision, publishedAt, publishedBy, publishedWhileOpen, what);
    }
}
