package org.groupeval.store;

import org.groupeval.domain.Grade;
import org.groupeval.domain.ranking.GroupResult;
import org.groupeval.domain.ranking.RankingRun;
import org.groupeval.domain.ranking.ScheduledRun;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where ranking runs, their results, the LATEST/PUBLISHED pointers, the senior-post bonus record and the schedule's
 * markers live.
 */
public interface ResultStore {

    /** Filters of the results list; null means "any". */
    record ResultFilter(String district, Grade grade, Boolean awarded) {
    }

    /** One stored result and the revision it belongs to. */
    record StoredResult(int revision, GroupResult result) {
    }

    /** One run (consistent read: a run read after a pointer that names it is as that pointer's writer left it). */
    Optional<RankingRun> run(int year, int revision);

    /** The run with the highest revision of a year, whatever its status. */
    Optional<RankingRun> highestRun(int year);

    /** Every run of a year, whatever its status, the highest revision first. */
    List<RankingRun> runs(int year);

    OptionalInt latestRevision(int year);

    OptionalInt publishedRevision(int year);

    /** Stores a new RUNNING run if its revision is still free; false when another run took it first. */
    boolean claim(RankingRun run);

    /** Replaces a run if it is still at {@code expectedVersion}; false when it changed meanwhile. */
    boolean replace(RankingRun next, long expectedVersion);

    /** Writes every result of a revision (BatchWriteItem of 25, unprocessed items retried with backoff). */
    void writeResults(int year, int revision, List<GroupResult> results);

    /**
     * Marks the run COMPLETE (if it is still at {@code expectedVersion}, else false) and moves the LATEST pointer to
     * it unless a higher revision is already latest.
     */
    boolean complete(RankingRun completed, long expectedVersion);

    /** Moves the LATEST pointer to {@code revision} unless it already points at it or higher (repair after a crash). */
    void pointLatestAtLeast(int year, int revision);

    /**
     * Records the publication on the run (if it is still at {@code expectedVersion}) and moves the PUBLISHED pointer
     * to its revision (if it still points at {@code expectedPublished}, or nowhere when empty), in one transaction;
     * false, and nothing written, when either changed meanwhile.
     */
    boolean publish(RankingRun published, long expectedVersion, OptionalInt expectedPublished);

    Page<GroupResult> results(int year, int revision, ResultFilter filter, int limit, String cursor);

    /** Every result of a revision in rank order, page by page (for exports and for publication). */
    void forEachResult(int year, int revision, ResultFilter filter, Consumer<GroupResult> sink);

    Optional<GroupResult> result(String groupId, int year, int revision);

    /** Every stored result of a group, all years and revisions, oldest first. */
    List<StoredResult> history(String groupId);

    /** The ids of the groups with a grade in one revision. */
    Set<String> groupsGraded(int year, int revision, Grade grade);

    /** The schedule's marker of a cycle for one {@code rankingAt} (consistent read), if any. */
    Optional<ScheduledRun> scheduledRun(int year, Instant rankingAt);

    /**
     * Stores the schedule's marker if there is none yet ({@code expectedVersion} null) or if it is still at
     * {@code expectedVersion}; false when another delivery got there first.
     */
    boolean putScheduledRun(ScheduledRun run, Long expectedVersion);

    /** For the given groups, the year in which each was first granted the senior-post bonus (published). */
    Map<String, Integer> seniorPostBonusYears(Collection<String> groupIds);

    /** Records that a published revision of {@code year} granted the bonus (keeps an earlier year if there is one). */
    void recordSeniorPostBonus(String groupId, int year, int revision);

    /** Forgets a bonus recorded for {@code year} when a re-published revision of that year no longer grants it. */
    void clearSeniorPostBonus(String groupId, int year);
}
