package org.groupeval.store;

import org.groupeval.domain.ranking.RankingCycle;
import org.groupeval.domain.ranking.SheetSummary;
import org.groupeval.domain.review.Extension;
import org.groupeval.domain.review.Participant;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.Stage;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What the ranking reads of the review workflow's ReviewTable, read-only: the cycle's settings, the extensions
 * granted in it and every stage sheet of a cycle (docs/data-model.md, ReviewTable), summarised for the ranking or
 * whole for the score matrix.
 */
public interface RankingInputStore {

    Optional<RankingCycle> cycle(int year);

    /** Every cycle, oldest first (to find the one whose city deadline passed most recently). */
    List<RankingCycle> cycles();

    /** The extensions CITY granted in a cycle (one per group and stage). */
    List<Extension> extensions(int year);

    /** Calls {@code sink} for every participant of a cycle (enrolled or withdrawn), page by page. */
    void forEachParticipant(int year, Consumer<Participant> sink);

    /** Calls {@code sink(groupId, sheet)} for every sheet of one stage of a cycle, page by page. */
    void forEachSheet(int year, String stage, BiConsumer<String, SheetSummary> sink);

    /**
     * Calls {@code sink} for every sheet of one stage of a cycle, whole (its indicators' points), of one district or
     * ({@code district} null) of all, by district and group.
     */
    void forEachStageSheet(int year, Stage stage, String district, Consumer<ReviewSheet> sink);
}
