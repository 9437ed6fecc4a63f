package org.groupeval.domain.access;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.group.Group;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who may run, read and publish the ranking and read its results (rules.md §8.8; docs/api.md, Ranking and results),
 * in the shape of {@link GroupAccess}. Runs are the city's. Results: CITY reads every revision, DISTRICT the latest
 * revision of its own district, a core school its own group's result of the published revision only (results reach
 * schools only when the city publishes them). A caller who may not see a group gets the same 403 whether or not it
 * exists.
 */
public final class ResultAccess {

    private ResultAccess() {
    }

    /** Only CITY runs the ranking. */
    public static void checkRun(Caller caller) {
        cityOnly(caller, "Only the city runs the ranking.");
    }

    /** Only CITY reads ranking runs. */
    public static void checkReadRuns(Caller caller) {
        cityOnly(caller, "Only the city reads ranking runs.");
    }

    /** Only CITY publishes a revision. */
    public static void checkPublish(Caller caller) {
        cityOnly(caller, "Only the city publishes the ranking.");
    }

    /**
     * CITY lists the results of any district; DISTRICT of its own only; anyone else reads one group's result. Returns
     * the district to list (null: every district).
     */
    public static String checkList(Caller caller, String requestedDistrict) {
        return switch (caller.role()) {
            case CITY -> requestedDistrict;
            case DISTRICT -> {
                if (requestedDistrict != null && !caller.isDistrict(requestedDistrict)) {
                    throw DomainException.forbidden("A district reviewer sees the results of its own district only.");
                }
                yield caller.district();
            }
            default -> throw DomainException.forbidden("Only the city and district reviewers list results; a school "
                    + "reads its own group's result.");
        };
    }

    /** Only CITY names the revision it reads ({@code ?revision=}); the others read the one shown to them. */
    public static void checkRevision(Caller caller) {
        cityOnly(caller, "Only the city reads a specific revision.");
    }

    /** A core school reads the published revision only; CITY and DISTRICT read the latest. */
    public static boolean publishedOnly(Caller caller) {
        return caller.is(Role.SCHOOL);
    }

    /** 404 for a school asking for a year whose results are not published. */
    public static DomainException notPublished(int year) {
        return DomainException.notFound("The results of " + year + " are not published yet.");
    }

    /**
     * The revision of a year shown in a group's history: the published one to a school; the latest to the others, or
     * the published one while there is no latest.
     */
    public static OptionalInt shownRevision(Caller caller, OptionalInt published, Supplier<OptionalInt> latest) {
        if (publishedOnly(caller)) {
            return published;
        }
        OptionalInt newest = latest.get();
        return newest.isPresent() ? newest : published;
    }

    /** The group whose results the caller reads: its core school, its district and CITY (403 or 404 otherwise). */
    public static Group readable(Caller caller, String groupId, Function<String, Optional<Group>> lookup) {
        Group group = GroupAccess.found(caller, groupId, lookup, ResultAccess::hidden);
        if (!GroupAccess.canRead(caller, group)) {
            throw hidden(groupId);
        }
        return group;
    }

    private static DomainException hidden(String groupId) {
        return DomainException.forbidden("You may not see the results of group " + groupId + ".");
    }

    private static void cityOnly(Caller caller, String refusal) {
        if (!caller.is(Role.CITY)) {
            throw DomainException.forbidden(refusal);
        }
    }
}
