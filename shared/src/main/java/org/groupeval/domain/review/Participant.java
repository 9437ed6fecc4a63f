package org.groupeval.domain.review;

import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.GroupSnapshot;

import java.time.Instant;

/**
 * A group's participation in one cycle (docs/review.md, Participation): whether it takes part, what the group was
 * in that cycle ({@code snapshot}, refreshed by the group's edits until the cycle's self-assessment closes, then
 * fixed), and the last change: when ({@code changedAt}), by whom, why ({@code cause}, and {@code reason} in words).
 * {@code enrolledAt} is when it first joined.
 * {@code version} is the optimistic-locking version (the ETag).
 */
public record Participant(int year, String groupId, ParticipantStatus status, GroupSnapshot snapshot,
                          Instant enrolledAt, Instant changedAt, String changedBy, String reason,
                          ParticipationCause cause, long version) {

    /** A new participant: the group as it is now. */
    public static Participant enrol(int year, Group group, Instant at, String by, String reason,
                                    ParticipationCause cause) {
        return new Participant(year, group.groupId(), ParticipantStatus.ENROLLED, GroupSnapshot.of(group), at, at,
                by, reason, cause, 1);
    }

    public boolean enrolled() {
        return status == ParticipantStatus.ENROLLED;
    }

    public String district() {
        return snapshot.district();
    }

    /** The participant with the group's current record as its snapshot (an edit while the cycle is open). */
    public Participant refreshed(Group group) {
        return new Participant(year, groupId, status, GroupSnapshot.of(group), enrolledAt, changedAt, changedBy,
                reason, cause, version);
    }

    /** The participant in a new status, the change recorded; the snapshot refreshed from {@code group}. */
    public Participant changed(ParticipantStatus next, Group group, Instant at, String by, String why,
                               ParticipationCause because) {
        return new Participant(year, groupId, next, GroupSnapshot.of(group), enrolledAt, at, by, why, because,
                version);
    }

    /** The group as the snapshot shows it (for views that take groups, such as the progress). */
    public Group asGroup() {
        return new Group(groupId, snapshot.name(), snapshot.type(), snapshot.district(), snapshot.coreSchool(),
                snapshot.memberSchools(), null, enrolledAt, changedAt, 0);
    }

    public Participant withVersion(long newVersion) {
        return new Participant(year, groupId, status, snapshot, enrolledAt, changedAt, changedBy, reason, cause,
                newVersion);
    }
}
