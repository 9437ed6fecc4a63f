package org.groupeval.domain.review;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.GroupLifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Who takes part in a cycle (docs/review.md, Participation). Creating a cycle enrols every active group; a group
 * registered while a cycle's self-assessment is open joins it; the city enrols or withdraws a group, with a reason,
 * until that deadline. Until then a participant's snapshot follows the group's edits; after it, it stays as it was.
 */
public final class ParticipationRules {

    private ParticipationRules() {
    }

    /** Whether the cycle's self-assessment is still open at {@code at} (its deadline itself still belongs to it). */
    public static boolean selfOpen(Cycle cycle, Instant at) {
        return cycle.deadlines() == null || cycle.deadlines().self() == null
                || !ReviewRules.passed(cycle, Stage.SELF, null, at);
    }

    /** The cycles among {@code cycles} whose self-assessment is open at {@code at}: a new group joins them. */
    public static List<Cycle> openForEnrolment(List<Cycle> cycles, Instant at) {
        return cycles.stream().filter(c -> selfOpen(c, at)).toList();
    }

    /** Validates a change requested by the city: a known status and a reason. */
    public static ParticipantRequest validate(ParticipantRequest body) {
        List<FieldError> errors = new ArrayList<>();
        ParticipantStatus status = null;
        if (body.status() == null) {
            errors.add(new FieldError("/status", "status is required: ENROLLED or WITHDRAWN"));
        } else {
            status = Arrays.stream(ParticipantStatus.values()).filter(s -> s.name().equals(body.status()))
                    .findFirst().orElse(null);
            if (status == null) {
                errors.add(new FieldError("/status", "unknown status '" + body.status()
                        + "': use ENROLLED or WITHDRAWN"));
            }
        }
        String reason = GroupLifecycle.reason(errors, body.reason());
        if (!errors.isEmpty()) {
            throw DomainException.invalidFields("the participation", errors);
        }
        return new ParticipantRequest(status.name(), reason);
    }

    /**
     * The participant after the city's change, or refusals: 409 {@code deadline-passed} once the cycle's
     * self-assessment has closed; 409 {@code group-not-active} to enrol a dissolved or merged group.
     * {@code current} is null when the group was never a participant of the cycle.
     */
    public static Participant change(Cycle cycle, Group group, Participant current, ParticipantRequest valid,
                                     Instant now, String by) {
        if (!selfOpen(cycle, now)) {
            ReviewRules.checkOpen(cycle, Stage.SELF, null, now, group.groupId());
        }
        ParticipantStatus next = ParticipantStatus.valueOf(valid.status());
        if (next == ParticipantStatus.ENROLLED) {
            GroupLifecycle.checkActive(group);
        }
        if (current == null) {
            Participant enrolled = Participant.enrol(cycle.year(), group, now, by, valid.reason(),
                    ParticipationCause.CITY);
            return next == ParticipantStatus.ENROLLED ? enrolled
                    : enrolled.changed(ParticipantStatus.WITHDRAWN, group, now, by, valid.reason(),
                    ParticipationCause.CITY);
        }
        return current.changed(next, group, now, by, valid.reason(), ParticipationCause.CITY);
    }

    /**
     * Refuses (409 {@code not-a-participant}) a sheet or panel of a group that does not take part in the cycle:
     * never enrolled, or withdrawn.
     */
    public static void checkTakesPart(Participant participant, String groupId, int year) {
        if (participant == null || !participant.enrolled()) {
            throw notParticipant(participant, groupId, year);
        }
    }

    /** The refusal of {@link #checkTakesPart}: {@code participant} as read, null when there is none. */
    public static DomainException notParticipant(Participant participant, String groupId, int year) {
        String why = participant == null ? "is not a participant of cycle " + year
                : "was withdrawn from cycle " + year + " (" + participant.reason() + ")";
        return DomainException.conflict("not-a-participant", "The group does not take part in the cycle",
                        "Group " + groupId + " " + why + "; only participants are reviewed. The city enrols a group "
                                + "with PUT /cycles/" + year + "/participants/" + groupId + " until the "
                                + "self-assessment deadline.")
                .with("groupId", groupId).with("year", year)
                .with("participation", participant == null ? "NOT_ENROLLED" : participant.status().name());
    }
}
