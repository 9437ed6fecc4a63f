package org.groupeval.domain.review;

import org.groupeval.domain.Grade;
import org.groupeval.domain.framework.Score;
import org.groupeval.domain.scoring.IndicatorScore;
import org.groupeval.domain.scoring.ScoredSheet;
import org.groupeval.domain.scoring.SheetEntry;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One score sheet of a group in a cycle: a stage sheet ({@code self}, {@code district}, {@code city}) or, when
 * {@code expertSub} is set, one expert's own sheet of the city stage. It holds what the reviewer entered
 * ({@code input}), the workflow state (status, the district's recommendation, whether the district submitted without
 * a self-assessment, who saved and submitted it when), and the engine's result ({@code score}: every figure with its
 * explanation). {@code panel} is set on the city sheet of a panel cycle: the experts and their points behind the
 * aggregate, and the matters they raised.
 *
 * <p>Stored and served as one flat JSON object (docs/data-model.md, ReviewTable; docs/review.md, Sheets): the members
 * the ranking reads ({@code groupId, year, stage, district, status, total, grade, veto, fraud, complete, recommend,
 * submittedAt}) first, then the breakdown's members beside them.
 */
public record ReviewSheet(String groupId, int year, Stage stage, String expertSub, String expertName,
                          String district, SheetStatus status, SheetEntry input, Boolean recommend,
                          Boolean noSelfAssessment, ScoredSheet score, PanelScore panel, Instant createdAt,
                          Instant updatedAt, String updatedBy, Instant submittedAt, String submittedBy, long version) {

    public boolean submitted() {
        return status == SheetStatus.SUBMITTED;
    }

    public boolean isExpertSheet() {
        return expertSub != null;
    }

    /** The sheet's total (with bonus, two decimals), or null for a sheet stored without one. */
    public Score total() {
        return score == null ? null : score.total();
    }

    /** The grade after veto and fraud, or null for a sheet stored without one. */
    public Grade grade() {
        return score == null ? null : score.grade();
    }

    /** The input of one indicator as entered, or null. */
    public Object indicatorInput(String indicatorId) {
        return input == null ? null : input.indicatorInput(indicatorId);
    }

    /** The computed points of one indicator, or null when the sheet has none. */
    public BigDecimal indicatorPoints(String indicatorId) {
        IndicatorScore indicator = score == null || score.indicators() == null ? null
                : score.indicators().get(indicatorId);
        return indicator == null || indicator.points() == null ? null : indicator.points().value();
    }

    /** The same sheet with the version its item holds. */
    public ReviewSheet withVersion(long stored) {
        return new ReviewSheet(groupId, year, stage, expertSub, expertName, district, status, input, recommend,
                noSelfAssessment, score, panel, createdAt, updatedAt, updatedBy, submittedAt, submittedBy, stored);
    }

    /** The same sheet with another status, as an item that held no status in its data reads. */
    public ReviewSheet withStatus(SheetStatus stored) {
        return new ReviewSheet(groupId, year, stage, expertSub, expertName, district, stored, input, recommend,
                noSelfAssessment, score, panel, createdAt, updatedAt, updatedBy, submittedAt, submittedBy, version);
    }
}
