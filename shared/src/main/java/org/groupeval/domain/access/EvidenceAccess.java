package org.groupeval.domain.access;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.evidence.Evidence;
import org.groupeval.domain.evidence.EvidenceStatus;
import org.groupeval.domain.group.Group;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Who may file, read and withdraw a group's evidence and statement of work (rules.md §11.1; docs/api.md, Evidence),
 * in the shape of {@link GroupAccess}. Only the group's core school files and withdraws; the core school, its
 * district, CITY and the experts seated on the group's panel that year read; withdrawn files stay visible to CITY
 * only, for audit. A caller who may not see the group gets the same 403 whether or not it exists.
 */
public final class EvidenceAccess {

    private EvidenceAccess() {
    }

    /** Only the group's core school declares and withdraws its evidence and writes its statement of work. */
    public static boolean canFile(Caller caller, Group group) {
        return caller.isSchool(group.coreSchool().code());
    }

    /**
     * Readers: the group's school, its district, the city, and experts on the group's panel of that cycle
     * ({@code assignedExpert}).
     */
    public static boolean canRead(Caller caller, Group group, boolean assignedExpert) {
        return caller.is(Role.EXPERT) ? assignedExpert : GroupAccess.canRead(caller, group);
    }

    /** Withdrawn files stay retrievable to the city only, for audit. */
    public static boolean seesWithdrawn(Caller caller) {
        return caller.is(Role.CITY);
    }

    /** A list with withdrawn files is the city's only. */
    public static void checkList(Caller caller, boolean includeWithdrawn) {
        if (includeWithdrawn && !seesWithdrawn(caller)) {
            throw DomainException.forbidden("Only the city sees withdrawn evidence.");
        }
    }

    /**
     * The group, for its core school filing evidence. Nobody else files, so anybody else is refused before the group
     * is looked up, and a school gets the same 403 whether or not the group exists.
     */
    public static Group fileable(Caller caller, String groupId, Function<String, Optional<Group>> lookup) {
        if (!caller.is(Role.SCHOOL)) {
            throw DomainException.forbidden("Only the group's core school files and withdraws its evidence.");
        }
        return lookup.apply(groupId).filter(g -> canFile(caller, g)).orElseThrow(() -> hidden(groupId));
    }

    /**
     * The group, for a reader of its evidence; only the city is told 404 for a group that does not exist.
     * {@code seated} (whether the caller sits on the group's panel of the cycle) is asked of experts only.
     */
    public static Group readable(Caller caller, String groupId, Function<String, Optional<Group>> lookup,
                                 BooleanSupplier seated) {
        Group group = GroupAccess.found(caller, groupId, lookup, EvidenceAccess::hidden);
        boolean assigned = caller.is(Role.EXPERT) && seated.getAsBoolean();
        if (!canRead(caller, group, assigned)) {
            throw hidden(groupId);
        }
        return group;
    }

    /** One evidence record of a group the caller reads: a withdrawn one is missing (404) but to the city. */
    public static Evidence visible(Caller caller, String evidenceId, Optional<Evidence> found) {
        return found.filter(e -> e.status() != EvidenceStatus.WITHDRAWN || seesWithdrawn(caller))
                .orElseThrow(() -> missing(evidenceId));
    }

    /** 404 for an evidence id the group, which the caller may see, does not have. */
    public static DomainException missing(String evidenceId) {
        return DomainException.notFound("No evidence " + evidenceId + " in this group and cycle.");
    }

    private static DomainException hidden(String groupId) {
        return DomainException.forbidden("You may not see or file evidence of group " + groupId + ".");
    }
}
