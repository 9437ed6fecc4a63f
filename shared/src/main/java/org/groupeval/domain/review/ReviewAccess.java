package org.groupeval.domain.review;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.Role;
import org.groupeval.domain.group.Group;

import java.util.Optional;

/**
 * Who may read and write what of the review (rules.md §7.6; docs/review.md, Who reads what): cycles, extensions,
 * the stage sheets, panels, experts' sheets, the audit trail, the progress view, declared conflicts and an expert's
 * assignments. Each check throws the refusal the caller gets; a caller who could not see a group anyway is told 403
 * whether or not it exists, and only CITY, who sees every group, is told 404 (docs/api.md, Not found and forbidden).
 * Checks that need nothing stored come first, so a route refuses a caller before it reads anything, the body
 * included; those that need the group or its panel are made as soon as that is read.
 */
public final class ReviewAccess {

    private ReviewAccess() {
    }

    /** CITY alone creates and changes cycles, grants extensions and assigns panels. */
    public static void cityOnly(Caller caller, String does) {
        if (!caller.is(Role.CITY)) {
            throw DomainException.forbidden("Only the city " + does + ".");
        }
    }

    /**
     * The refusal of a group the caller may not know in the review; {@code GroupAccess.found} gives it for a missing
     * group to anyone but CITY, so that a missing and a hidden group look alike.
     */
    public static DomainException hidden(String groupId) {
        return DomainException.forbidden("You may not see or change the review of group " + groupId + ".");
    }

    // -- stage sheets ----------------------------------------------------------------------------------------------

    /** {@code self}: the group's core school; {@code district}: its district; {@code city}: CITY. */
    public static void checkWriteSheet(Caller caller, Group group, Stage stage) {
        boolean may = switch (stage) {
            case SELF -> caller.isSchool(group.coreSchool().code());
            case DISTRICT -> caller.isDistrict(group.district());
            case CITY -> caller.is(Role.CITY);
        };
        if (!may) {
            throw DomainException.forbidden("The " + stage.en() + " of group " + group.groupId() + " is written by "
                    + switch (stage) {
                        case SELF -> "its core school";
                        case DISTRICT -> "its district";
                        case CITY -> "the city";
                    } + ".");
        }
    }

    /**
     * Before the group's review is read: a school knows only its own group, a district only its own district's.
     * (An expert is checked against the panel, {@link #checkSeesReview}.)
     */
    public static void checkKnowsGroup(Caller caller, Group group) {
        if (caller.is(Role.SCHOOL) && !caller.isSchool(group.coreSchool().code())
                || caller.is(Role.DISTRICT) && !caller.isDistrict(group.district())) {
            throw hidden(group.groupId());
        }
    }

    /** Whether the caller may know the group at all in the review: CITY, its district, its core school, a seat. */
    public static void checkSeesReview(Caller caller, Group group, Panel panel) {
        boolean sees = switch (caller.role()) {
            case CITY -> true;
            case DISTRICT -> caller.isDistrict(group.district());
            case SCHOOL -> caller.isSchool(group.coreSchool().code());
            case EXPERT -> panel.seat(caller.subject()).isPresent();
        };
        if (!sees) {
            throw hidden(group.groupId());
        }
    }

    /** Whether reading {@code stage} depends on the year's publication (only a school's district and city sheets). */
    public static boolean readDependsOnPublication(Caller caller, Stage stage) {
        return caller.is(Role.SCHOOL) && stage != Stage.SELF;
    }

    /**
     * Reading a stage sheet of a group the caller sees in the review (rules.md §7.6): CITY and the group's district
     * read every stage; the core school reads its own self-assessment, and the district and city sheets only once the
     * year's results are published; a seated expert reads the self and district sheets (later stages read earlier
     * ones) and the city sheet when the panel's visibility lets experts see each other's work.
     */
    public static void checkReadSheet(Caller caller, Group group, Stage stage, int year, boolean published,
                                      boolean peersVisible) {
        boolean may = switch (caller.role()) {
            case CITY -> true;
            case DISTRICT -> caller.isDistrict(group.district());
            case SCHOOL -> caller.isSchool(group.coreSchool().code()) && (stage == Stage.SELF || published);
            case EXPERT -> stage != Stage.CITY || peersVisible;
        };
        if (!may) {
            throw DomainException.forbidden(caller.is(Role.SCHOOL)
                    ? "The " + stage.en() + " of group " + group.groupId() + " is shown to the school once the "
                    + "results of " + year + " are published."
                    : "You may not read the " + stage.code() + " sheet of group " + group.groupId() + " now.");
        }
    }

    // -- panels and experts' sheets --------------------------------------------------------------------------------

    /** An expert's own sheet is written by that expert alone. */
    public static void checkWriteExpertSheet(Caller caller, String expertSub) {
        if (!caller.is(Role.EXPERT) || !caller.subject().equals(expertSub)) {
            throw DomainException.forbidden("An expert's sheet is written only by that expert (the token's sub "
                    + "must be " + expertSub + ").");
        }
    }

    /** Experts' sheets are read by CITY and by experts (of the panel: {@link #checkSeated}). */
    public static void checkReadExpertSheets(Caller caller) {
        if (!caller.is(Role.CITY) && !caller.is(Role.EXPERT)) {
            throw DomainException.forbidden("Expert sheets are read by the city and by the experts of the panel.");
        }
    }

    /** A panel is read by CITY and by its experts ({@link #checkSeated}). */
    public static void checkReadPanel(Caller caller) {
        if (!caller.is(Role.CITY) && !caller.is(Role.EXPERT)) {
            throw DomainException.forbidden("A panel is read by the city and by its experts.");
        }
    }

    /**
     * An expert knows a group only through a seat on its panel: one off the panel learns nothing, not even whether
     * the group's cycle exists, so this comes before anything about the cycle is read.
     */
    public static void checkSeated(Caller caller, Panel panel, String groupId) {
        if (caller.is(Role.EXPERT) && panel.seat(caller.subject()).isEmpty()) {
            throw hidden(groupId);
        }
    }

    /** An expert reads another expert's sheet when the panel's visibility lets them (rules.md §7.6). */
    public static void checkReadPeerSheet(Caller caller, String expertSub, PeerVisibility visibility,
                                          boolean panelComplete, String groupId) {
        if (caller.is(Role.EXPERT) && !caller.subject().equals(expertSub) && !visibility.visible(panelComplete)) {
            throw DomainException.forbidden("The other experts' sheets of group " + groupId + " are shown once every "
                    + "expert of the panel has submitted" + (visibility == PeerVisibility.NEVER
                    ? " (not at all this cycle)" : "") + ".");
        }
    }

    /** Whether the caller is shown the conflicts declared against a panel's seated experts: CITY, who decides. */
    public static boolean seesSeatedConflicts(Caller caller) {
        return caller.is(Role.CITY);
    }

    /**
     * A conflict of interest of an expert is declared by CITY or by the expert themself (回避申报, rules.md §7.5);
     * another expert, a school or a district may not declare it.
     */
    public static void checkDeclareConflict(Caller caller, String expertSub) {
        if (!caller.is(Role.CITY) && !(caller.is(Role.EXPERT) && caller.subject().equals(expertSub))) {
            throw DomainException.forbidden("An expert's conflicts of interest are declared by the city or by the "
                    + "expert.");
        }
    }

    /** An expert's {@code what} (assignments, conflicts) are read by CITY and by the expert. */
    public static void checkExpertOrCity(Caller caller, String expertSub, String what) {
        if (!caller.is(Role.CITY) && !(caller.is(Role.EXPERT) && caller.subject().equals(expertSub))) {
            throw DomainException.forbidden("An expert's " + what + " are read by the city and by the expert.");
        }
    }

    // -- audit and progress ----------------------------------------------------------------------------------------

    /** A group's audit trail is read by CITY and by the group's district. */
    public static void checkReadAudit(Caller caller, Group group) {
        if (!caller.is(Role.CITY) && !caller.isDistrict(group.district())) {
            throw hidden(group.groupId());
        }
    }

    /**
     * The district whose progress the caller reads: CITY any district or all of them ({@code requested} empty: null),
     * a district reviewer its own.
     */
    public static String progressDistrict(Caller caller, Optional<String> requested) {
        return districtScope(caller, requested, "progress");
    }

    /** The district of a cycle's participants the caller lists: as {@link #progressDistrict}. */
    public static String participantsDistrict(Caller caller, Optional<String> requested) {
        return districtScope(caller, requested, "participants");
    }

    private static String districtScope(Caller caller, Optional<String> requested, String what) {
        String district;
        if (caller.is(Role.CITY)) {
            district = requested.orElse(null);
        } else if (caller.is(Role.DISTRICT)) {
            if (requested.isPresent() && !requested.get().equals(caller.district())) {
                throw DomainException.forbidden("A district reviewer sees the " + what + " of district "
                        + caller.district() + " only.");
            }
            district = caller.district();
        } else {
            throw DomainException.forbidden("The cycle's " + what + " view is for the city and the district "
                    + "reviewers.");
        }
        if (district != null && !Identifiers.isDistrict(district)) {
            throw DomainException.invalid("/query/district", Identifiers.DISTRICT_RULE);
        }
        return district;
    }
}
