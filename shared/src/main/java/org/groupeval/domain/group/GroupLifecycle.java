package org.groupeval.domain.group;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.Identifiers;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Dissolving and merging groups (rules.md §8.7, 优化组合; docs/api.md, Group lifecycle). Only an active group can
 * be changed, dissolved or merged; a dissolved or merged group keeps its record (its schools as they last were) for
 * history, and its school claims are released (dissolved) or pass to the surviving group (merged).
 */
public final class GroupLifecycle {

    /** Longest reason recorded. */
    public static final int MAX_REASON = 500;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private GroupLifecycle() {
    }

    /** A merge: the merged group, ended, and the surviving group with the merged group's schools as members. */
    public record Merge(Group merged, Group survivor) {
    }

    /** 409 {@code group-not-active}: a dissolved or merged group is not changed any more. */
    public static void checkActive(Group group) {
        if (!group.active()) {
            throw notActive(group);
        }
    }

    public static DomainException notActive(Group group) {
        GroupEnd end = group.ended();
        String how = group.status() == GroupStatus.MERGED
                ? "was merged into group " + end.mergedInto() + " on " + end.date()
                : "was dissolved on " + (end == null ? "?" : end.date());
        return DomainException.conflict("group-not-active", "The group is not active", "Group " + group.groupId()
                        + " " + how + " (status " + group.status() + "); a dissolved or merged group cannot be "
                        + "changed or enrolled. Register a new group for its schools, or change the surviving group.")
                .with("groupId", group.groupId()).with("groupStatus", group.status().name());
    }

    /** Validates a dissolution request ({@code into} is not taken) and returns the group, dissolved. */
    public static Group dissolve(Group current, LifecycleRequest request, Instant now, String by) {
        List<FieldError> errors = new ArrayList<>();
        if (request.into() != null) {
            errors.add(new FieldError("/into", "a dissolution names no surviving group; merge the group instead"));
        }
        GroupEnd end = end(errors, request, null, now, by);
        if (!errors.isEmpty()) {
            throw DomainException.invalidFields("the dissolution", errors);
        }
        checkActive(current);
        return current.ended(GroupStatus.DISSOLVED, end);
    }

    /** The id of the surviving group a merge request names (400 when missing or malformed). */
    public static String survivorId(LifecycleRequest request) {
        if (request.into() == null || !Identifiers.isGroupId(request.into())) {
            throw DomainException.invalid("/into", "into " + Identifiers.GROUP_ID_RULE);
        }
        return request.into();
    }

    /**
     * Validates a merge of {@code merged} into {@code survivor}: both active, not the same group, of one district,
     * and the survivor able to take every school of the merged group as members ({@link GroupRules#MAX_MEMBERS}).
     */
    public static Merge merge(Group merged, Group survivor, LifecycleRequest request, Instant now, String by) {
        List<FieldError> errors = new ArrayList<>();
        GroupEnd end = end(errors, request, survivor.groupId(), now, by);
        if (!errors.isEmpty()) {
            throw DomainException.invalidFields("the merge", errors);
        }
        checkActive(merged);
        if (merged.groupId().equals(survivor.groupId())) {
            throw DomainException.invalid("/into", "a group cannot be merged into itself");
        }
        if (!survivor.active()) {
            throw notActive(survivor);
        }
        if (!merged.district().equals(survivor.district())) {
            throw DomainException.ruleViolation("merge-across-districts", "Groups of different districts",
                    "Group " + merged.groupId() + " is of district " + merged.district() + " and group "
                            + survivor.groupId() + " of district " + survivor.district()
                            + "; a group is merged into a group of its own district.");
        }
        List<School> members = new ArrayList<>(survivor.memberSchools());
        members.addAll(merged.schools());
        if (members.size() > GroupRules.MAX_MEMBERS) {
            throw DomainException.ruleViolation("too-many-members", "Too many member schools",
                    "Group " + survivor.groupId() + " would have " + members.size() + " member schools after the "
                            + "merge; a group has at most " + GroupRules.MAX_MEMBERS + ".");
        }
        return new Merge(merged.ended(GroupStatus.MERGED, end), survivor.withMembers(members, now));
    }

    private static GroupEnd end(List<FieldError> errors, LifecycleRequest request, String into, Instant now,
                                String by) {
        String date = request.date();
        if (date == null) {
            date = LocalDate.ofInstant(now, ZONE).toString();
        } else {
            try {
                date = LocalDate.parse(date).toString();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("/date", "a date as YYYY-MM-DD (default: today, Asia/Shanghai)"));
            }
        }
        return new GroupEnd(date, reason(errors, request.reason()), into, now, by);
    }

    /**
     * The reason a decision about a group records (an end, a participation change): required, at most
     * {@value #MAX_REASON} characters; an error for {@code /reason} otherwise. Answers it trimmed.
     */
    public static String reason(List<FieldError> errors, String raw) {
        String reason = raw == null ? null : raw.trim();
        if (reason == null || reason.isEmpty()) {
            errors.add(new FieldError("/reason", "a reason is required"));
        } else if (reason.length() > MAX_REASON) {
            errors.add(new FieldError("/reason", "at most " + MAX_REASON + " characters (has " + reason.length()
                    + ")"));
        }
        return reason;
    }
}
