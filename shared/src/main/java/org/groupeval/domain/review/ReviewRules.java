package org.groupeval.domain.review;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of the review workflow that do not depend on storage (rules.md §4.3, §7): when a stage is open for a
 * group, and what a sheet body may contain at each stage. Who may read and write what is {@link ReviewAccess}.
 */
public final class ReviewRules {

    private ReviewRules() {
    }

    /** The deadline in force for a group and stage: the extension's if CITY granted one, else the cycle's. */
    public static OffsetDateTime deadline(Cycle cycle, Stage stage, Extension extension) {
        return OffsetDateTime.parse(extension != null ? extension.deadline() : cycle.deadlines().of(stage));
    }

    /** True once the deadline is over (the deadline itself, to the millisecond, still belongs to the stage). */
    public static boolean passed(Cycle cycle, Stage stage, Extension extension, Instant now) {
        return passed(deadline(cycle, stage, extension), now);
    }

    private static boolean passed(OffsetDateTime deadline, Instant now) {
        return now.isAfter(deadline.toInstant());
    }

    /**
     * What still accepts writes at {@code now}: every stage whose cycle deadline has not passed, then every group
     * whose extension has not (in the order given). Publishing the year's results while any of these is open would
     * publish a sheet that can still change.
     */
    public static List<OpenStage> openStages(Cycle.Deadlines deadlines, List<Extension> extensions, Instant now) {
        List<OpenStage> open = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            OffsetDateTime deadline = deadlines.of(stage) == null ? null : deadlines.at(stage);
            if (deadline != null && !passed(deadline, now)) {
                open.add(new OpenStage(stage.code(), null, null, CycleRules.show(deadline.toInstant())));
            }
        }
        for (Extension extension : extensions) {
            OffsetDateTime deadline = OffsetDateTime.parse(extension.deadline());
            if (!passed(deadline, now)) {
                open.add(new OpenStage(extension.stage().code(), extension.groupId(), extension.district(),
                        CycleRules.show(deadline.toInstant())));
            }
        }
        return open;
    }

    /** Refuses (409 {@code deadline-passed}, naming the deadline) a write after the stage's deadline. */
    public static void checkOpen(Cycle cycle, Stage stage, Extension extension, Instant now, String groupId) {
        if (passed(cycle, stage, extension, now)) {
            String deadline = CycleRules.FORMAT.format(deadline(cycle, stage, extension)
                    .atZoneSameInstant(CycleRules.ZONE).toOffsetDateTime());
            throw DomainException.conflict("deadline-passed", "The stage's deadline has passed",
                    "The " + stage.en() + " (" + stage.zh() + ") of group " + groupId + " in cycle " + cycle.year()
                            + " closed at " + deadline + (extension != null ? " (extended deadline)" : "")
                            + "; only the city can grant an extension.")
                    .with("stage", stage.code()).with("deadline", deadline).with("extended", extension != null);
        }
    }

    /**
     * Checks the workflow members of a sheet body before the engine scores it: a recommendation only at the district
     * stage (and never on an expert's sheet); no veto or fraud on the self-assessment (a school does not sanction
     * itself; rules.md §6.3).
     */
    public static void checkSheet(SheetRequest body, Stage stage, boolean expertSheet) {
        if (body.recommend() != null && (stage != Stage.DISTRICT || expertSheet)) {
            throw DomainException.invalidFields("the sheet", List.of(onlyTheDistrictRecommends()));
        }
        if (stage == Stage.SELF) {
            List<FieldError> flags = new ArrayList<>();
            if (body.veto() != null && body.veto().isApplied()) {
                flags.add(selfFlag("veto"));
            }
            if (body.fraud() != null && body.fraud().isApplied()) {
                flags.add(selfFlag("fraud"));
            }
            if (!flags.isEmpty()) {
                throw new DomainException(422, "flag-not-allowed", "Flag not allowed at this stage",
                        "Veto and fraud are set by the district or the city, not by the school itself.", flags);
            }
        }
    }

    /** A submission takes no changes but the district's recommendation (docs/api.md, Score sheets). */
    public static void checkSubmission(SheetRequest.Submission body, Stage stage) {
        if (body.recommend() != null && stage != Stage.DISTRICT) {
            throw DomainException.invalidFields("the submission", List.of(onlyTheDistrictRecommends()));
        }
    }

    private static FieldError onlyTheDistrictRecommends() {
        return new FieldError("/recommend", "only the district stage recommends a group to the city");
    }

    private static FieldError selfFlag(String flag) {
        return new FieldError("/" + flag + "/applied", "a school's self-assessment cannot set the " + flag
                + " flag; the district or the city sets it, with a reason");
    }
}
