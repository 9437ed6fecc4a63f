package org.groupeval.domain.review;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.Role;
import org.groupeval.domain.group.Group;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules of the review workflow that do not depend on storage (rules.md §4.3, §7): who writes and
 * who reads which sheet, when a stage is open for a group, and what a sheet body may contain at each stage.
 */
public final class ReviewRules {

    /** The members of a sheet request (docs/api.md, Score sheets). */
    public static final List<String> SHEET_MEMBERS = List.of("indicators", "bonus", "veto", "fraud", "recommend");

    private ReviewRules() {
    }

    /** {@code self}: the group's core school; {@code district}: its district; {@code city}: CITY. */
    public static boolean canWrite(Caller caller, Group group, Stage stage) {
        return switch (stage) {
            case SELF -> caller.isSchool(group.coreSchool().code());
            case DISTRICT -> caller.isDistrict(group.district());
            case CITY -> caller.is(Role.CITY);
        };
    }

    /** Whether the caller may know the group at all in the review (CITY, its district, its core school, a seat). */
    public static boolean canSee(Caller caller, Group group, Panel panel) {
        return switch (caller.role()) {
            case CITY -> true;
            case DISTRICT -> caller.isDistrict(group.district());
            case SCHOOL -> caller.isSchool(group.coreSchool().code());
            case EXPERT -> panel.seat(caller.subject()).isPresent();
        };
    }

    /**
     * Reading a stage sheet (rules.md §7.6): CITY and the group's district read every stage; the core school reads
     * its own self-assessment, and the district and city sheets only once the year's results are published; a seated
     * expert reads the self and district sheets (later stages read earlier ones) and the city sheet when the panel's
     * visibility setting lets experts see each other's work.
     */
    public static boolean canRead(Caller caller, Group group, Stage stage, boolean published, Panel panel,
                                  boolean panelComplete, Cycle.PanelSettings settings) {
        return switch (caller.role()) {
            case CITY -> true;
            case DISTRICT -> caller.isDistrict(group.district());
            case SCHOOL -> caller.isSchool(group.coreSchool().code()) && (stage == Stage.SELF || published);
            case EXPERT -> panel.seat(caller.subject()).isPresent()
                    && (stage != Stage.CITY || peersVisible(settings, panelComplete));
        };
    }

    /** Whether an expert may read the other experts' sheets now (rules.md §7.6). */
    public static boolean peersVisible(Cycle.PanelSettings settings, boolean panelComplete) {
        return switch (settings.peerVisibility()) {
            case CycleRules.ALWAYS -> true;
            case CycleRules.NEVER -> false;
            default -> panelComplete;
        };
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
                open.add(new OpenStage(extension.stage(), extension.groupId(), extension.district(),
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
     * Checks the workflow members of a sheet body before the engine scores it: only the known members; a
     * recommendation only at the district stage (and never on an expert's sheet); no veto or fraud on the
     * self-assessment (a school does not sanction itself; rules.md §6.3).
     */
    public static void checkBody(Map<String, Object> body, Stage stage, boolean expertSheet) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!SHEET_MEMBERS.contains(key)) {
                errors.add(new FieldError("/" + key, "is not a field of a sheet (expected: "
                        + String.join(", ", SHEET_MEMBERS) + ")"));
            }
        }
        if (body.get("recommend") != null && (stage != Stage.DISTRICT || expertSheet)) {
            errors.add(new FieldError("/recommend", "only the district stage recommends a group to the city"));
        } else if (body.get("recommend") != null && !(body.get("recommend") instanceof Boolean)) {
            errors.add(new FieldError("/recommend", "must be true or false"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("the sheet has " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s"), errors);
        }
        if (stage == Stage.SELF) {
            List<FieldError> flags = new ArrayList<>();
            for (String flag : List.of("veto", "fraud")) {
                if (applied(body.get(flag))) {
                    flags.add(new FieldError("/" + flag + "/applied", "a school's self-assessment cannot set the "
                            + flag + " flag; the district or the city sets it, with a reason"));
                }
            }
            if (!flags.isEmpty()) {
                throw new DomainException(422, "flag-not-allowed", "Flag not allowed at this stage",
                        "Veto and fraud are set by the district or the city, not by the school itself.", flags);
            }
        }
    }

    /** Whether a veto or fraud input says applied. */
    public static boolean applied(Object flag) {
        return flag instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("applied"));
    }
}
