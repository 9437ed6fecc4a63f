package org.groupeval.domain.review;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.Grade;
import org.groupeval.domain.RuleBook;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.scoring.ScoredSheet;
import org.groupeval.domain.scoring.ScoringMode;
import org.groupeval.domain.scoring.SheetEntry;
import org.groupeval.domain.scoring.SheetScorer;

import java.time.Instant;
import java.util.List;

/**
 * The gates a sheet passes between the stages (rules.md §5.3, §7.1–§7.3; docs/review.md, Gates and their problems):
 * a submitted sheet never changes, a submission needs a complete draft, the district submits after the school (or
 * alone once the self-assessment's deadline passed), recommends only groups rated PASS or better, and the city stage
 * scores only recommended groups.
 */
public final class SheetGates {

    private SheetGates() {
    }

    /** 409 {@code sheet-submitted}: a submitted sheet never changes. */
    public static void refuseIfSubmitted(ReviewSheet existing) {
        if (existing != null && existing.submitted()) {
            throw DomainException.conflict("sheet-submitted", "The sheet is submitted", "This "
                    + (existing.isExpertSheet() ? "expert" : existing.stage().code()) + " sheet was submitted on "
                    + existing.submittedAt() + " by " + existing.submittedBy() + "; a submitted sheet never changes.")
                    .with("submittedAt", existing.submittedAt().toString());
        }
    }

    /** 409 {@code no-draft}: a stage sheet is submitted once a draft was saved. */
    public static DomainException noDraft(String groupId, Stage stage, int year) {
        return DomainException.conflict("no-draft", "Nothing to submit", "Group " + groupId + " has no "
                + stage.code() + " sheet in cycle " + year + " yet; save a draft with PUT first.");
    }

    /** 409 {@code no-draft} for an expert's own sheet. */
    public static DomainException noExpertDraft(String groupId, int year) {
        return DomainException.conflict("no-draft", "Nothing to submit", "You have no sheet for group " + groupId
                + " in cycle " + year + " yet; save a draft with PUT first.");
    }

    /** The district recommended the group (rules.md §7.3): the city stage only scores such groups. */
    public static void requireRecommended(ReviewSheet district, String groupId) {
        if (district == null || !district.submitted() || !Boolean.TRUE.equals(district.recommend())) {
            throw DomainException.conflict("group-not-recommended", "The group is not recommended to the city",
                    "Group " + groupId + " has " + (district == null || !district.submitted()
                            ? "no submitted district review yet" : "not been recommended by its district")
                            + "; the city stage scores only groups the district recommended.")
                    .with("districtStatus", district == null ? null : district.status())
                    .with("recommend", district == null ? null : district.recommend());
        }
    }

    /**
     * The district submits after the school's self-assessment, or alone once the self-assessment's deadline (or its
     * extension) passed without one; whether it submits alone is recorded ({@code noSelfAssessment}).
     */
    public static boolean submitsWithoutSelfAssessment(Cycle cycle, ReviewSheet self, Extension selfExtension,
                                                       String groupId, Instant now) {
        if (self != null && self.submitted()) {
            return false;
        }
        if (!ReviewRules.passed(cycle, Stage.SELF, selfExtension, now)) {
            String deadline = CycleRules.FORMAT.format(ReviewRules.deadline(cycle, Stage.SELF, selfExtension));
            throw DomainException.conflict("self-assessment-pending", "The self-assessment is not submitted yet",
                    "The district submits after the school's self-assessment of group " + groupId
                            + ", or alone once its deadline " + deadline + " has passed without one.")
                    .with("selfDeadline", deadline).with("selfStatus", self == null ? null : self.status());
        }
        return true;
    }

    /** rules.md §7.2: the district says whether it recommends the group, and only groups rated PASS or better. */
    public static void checkRecommendation(Boolean recommend, ScoredSheet scored, String groupId) {
        if (recommend == null) {
            throw new DomainException(422, "recommendation-required", "The district's recommendation is missing",
                    "The district's submission says whether it recommends group " + groupId + " to the city: "
                            + "set \"recommend\": true or false.",
                    List.of(new FieldError("/recommend", "is required when the district submits")));
        }
        if (recommend && scored.grade() == Grade.FAIL) {
            throw new DomainException(422, "recommendation-below-pass", "Only groups rated PASS or better are "
                    + "recommended", "Group " + groupId + " scores " + scored.total() + " ("
                    + scored.grade().name() + ") in the district review; the district recommends only groups rated "
                    + "PASS or better " + RuleBook.DISTRICT_REVIEW.citation() + ".",
                    List.of(new FieldError("/recommend", "cannot be true for a group graded FAIL")))
                    .with("total", scored.total()).with("grade", scored.grade().name());
        }
    }

    /** The sheet scored for submission: every indicator required (422 {@code sheet-incomplete} listing the rest). */
    public static ScoredSheet scoreForSubmission(Framework framework, SheetEntry input) {
        try {
            return SheetScorer.score(framework, input == null ? SheetEntry.EMPTY : input, ScoringMode.SUBMISSION);
        } catch (DomainException e) {
            if (e.status() != 400) {
                throw e;
            }
            throw new DomainException(422, "sheet-incomplete", "The sheet is not complete",
                    "A submitted sheet scores every indicator; " + e.errors().size() + " field(s) still need a value "
                            + "(save them with PUT, then submit).", e.errors());
        }
    }
}
