package org.groupeval.domain.access;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.GroupRequest;
import org.groupeval.domain.group.GroupRules;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who may register, read, change and list groups (docs/api.md, Groups), and how a refusal is worded. A caller never
 * learns whether a group it may not see exists (docs/api.md, Not found and forbidden): only CITY, which sees every
 * group, is told that one does not exist (404) or that an id cannot name one (400); any other caller gets the same
 * 403 for a missing group as for one it may not see.
 *
 * <p>The access policies of the other resources follow the same shape: {@code canX} answers whether a caller may do
 * X to a resource it holds; {@code checkX} refuses a caller who may not act at all, before anything is looked up;
 * a method named for the resource as a caller may use it ({@link #readable}, {@link #updatable}) takes the lookup,
 * calls it only once the caller may act at all, and returns the resource or throws the refusal.
 */
public final class GroupAccess {

    private GroupAccess() {
    }

    /** CITY sees every group: the one caller told that a group does not exist. */
    public static boolean seesEveryGroup(Caller caller) {
        return caller.is(Role.CITY);
    }

    /** The group's core school, its district and CITY read a group. */
    public static boolean canRead(Caller caller, Group group) {
        return switch (caller.role()) {
            case CITY -> true;
            case DISTRICT -> caller.isDistrict(group.district());
            case SCHOOL -> caller.isSchool(group.coreSchool().code());
            case EXPERT -> false;
        };
    }

    /** The group's core school and CITY change a group. */
    public static boolean canUpdate(Caller caller, Group group) {
        return switch (caller.role()) {
            case CITY -> true;
            case SCHOOL -> caller.isSchool(group.coreSchool().code());
            default -> false;
        };
    }

    /** SCHOOL and CITY register groups; anyone else is refused before the body is read. */
    public static void checkCreate(Caller caller) {
        if (!caller.is(Role.SCHOOL) && !caller.is(Role.CITY)) {
            throw DomainException.forbidden("Only a core school or the city registers groups.");
        }
    }

    /** Only the city registers groups in bulk (an import) and downloads the import's template. */
    public static void checkImport(Caller caller) {
        if (!caller.is(Role.CITY)) {
            throw DomainException.forbidden("Only the city registers groups from a spreadsheet.");
        }
    }

    /**
     * SCHOOL registers only as the core school of the group; CITY registers any group. Checked on the request as
     * read, before its values are validated: a school naming another core school is refused (403) whatever the
     * other values; one naming no core school is told so by {@link GroupRules#validate}.
     */
    public static void checkCreate(Caller caller, GroupRequest request) {
        switch (caller.role()) {
            case CITY -> { }
            case SCHOOL -> {
                String core = request.coreSchool() == null ? null : GroupRules.normalizeCode(request.coreSchool().code());
                if (core != null && !Objects.equals(caller.school(), core)) {
                    throw DomainException.forbidden("A school registers a group only as its core school: your school is "
                            + caller.school() + ", the request names " + Identifiers.quote(core) + ".");
                }
            }
            default -> checkCreate(caller);
        }
    }

    /** SCHOOL and CITY change groups; anyone else is refused before the group is looked up. */
    public static void checkUpdate(Caller caller) {
        if (!caller.is(Role.SCHOOL) && !caller.is(Role.CITY)) {
            throw DomainException.forbidden("Only the group's core school or the city change a group.");
        }
    }

    /**
     * DISTRICT lists its own district only; CITY lists any. Returns the district to list (null: every district).
     */
    public static String checkList(Caller caller, String requestedDistrict) {
        switch (caller.role()) {
            case CITY:
                return requestedDistrict;
            case DISTRICT:
                if (requestedDistrict != null && !requestedDistrict.equals(caller.district())) {
                    throw DomainException.forbidden("A district reviewer lists only the groups of district "
                            + caller.district() + ".");
                }
                return caller.district();
            default:
                throw DomainException.forbidden("Only district reviewers and the city list groups.");
        }
    }

    /** Only CITY dissolves and merges groups; anyone else is refused before the group is looked up. */
    public static void checkEnd(Caller caller) {
        if (!caller.is(Role.CITY)) {
            throw DomainException.forbidden("Only the city dissolves or merges groups.");
        }
    }

    /**
     * The school whose groups {@code GET /groups?school=} lists: {@code mine} is the calling school's own; a SCHOOL
     * may name only itself, a district reviewer and CITY any school (a district reviewer then sees only its
     * district's groups, {@link #canRead}). Combined with {@code district} or {@code type}: 400.
     */
    public static String checkSchoolList(Caller caller, String requested, boolean otherFilters) {
        if (otherFilters) {
            throw DomainException.invalid("/query/school", "school lists a school's groups and takes no district "
                    + "or type filter");
        }
        if ("mine".equals(requested)) {
            if (!caller.is(Role.SCHOOL)) {
                throw DomainException.forbidden("school=mine is for a school's own token; name the school code.");
            }
            return caller.school();
        }
        if (!Identifiers.isSchoolCode(requested)) {
            throw DomainException.invalid("/query/school", "school is 'mine' or a school code of 1–20 letters or "
                    + "digits (got " + Identifiers.quote(requested) + ")");
        }
        String code = Caller.normalizeSchool(requested);
        if (caller.is(Role.SCHOOL) && !caller.isSchool(code) || caller.is(Role.EXPERT)) {
            throw DomainException.forbidden("A school lists only its own groups (school=mine).");
        }
        return code;
    }

    /** The group named by {@code groupId}, for a caller who reads it (403 or 404 otherwise, as above). */
    public static Group readable(Caller caller, String groupId, Function<String, Optional<Group>> lookup) {
        Group group = found(caller, groupId, lookup, GroupAccess::hidden);
        if (!canRead(caller, group)) {
            throw hidden(groupId);
        }
        return group;
    }

    /** The group named by {@code groupId}, for a caller who changes it (403 or 404 otherwise, as above). */
    public static Group updatable(Caller caller, String groupId, Function<String, Optional<Group>> lookup) {
        checkUpdate(caller);
        Group group = found(caller, groupId, lookup, GroupAccess::hidden);
        if (!canUpdate(caller, group)) {
            throw hidden(groupId);
        }
        return group;
    }

    /**
     * The group, if it exists; otherwise CITY is told 404, and any other caller gets {@code hidden}: the 403 the
     * resource gives for every group the caller may not see. Every policy that reaches a resource through its group
     * looks the group up here.
     */
    public static Group found(Caller caller, String groupId, Function<String, Optional<Group>> lookup,
                              Function<String, DomainException> hidden) {
        return lookup.apply(groupId).orElseThrow(() -> seesEveryGroup(caller)
                ? DomainException.notFound("No group " + groupId + ".") : hidden.apply(groupId));
    }

    /**
     * The refusal of a path's group id that cannot name a group, answered as a missing group is: CITY gets 400
     * naming {@code /path/groupId}; any other caller the 403 it gets for every group it may not see.
     */
    public static DomainException malformedId(Caller caller, String raw) {
        return seesEveryGroup(caller)
                ? DomainException.invalid("/path/groupId", "groupId " + Identifiers.GROUP_ID_RULE + " (got "
                        + Identifiers.quote(raw) + ")")
                : DomainException.forbidden("You may not see group " + Identifiers.quote(raw) + ".");
    }

    private static DomainException hidden(String groupId) {
        return DomainException.forbidden("You may not see or change group " + groupId + ".");
    }
}
