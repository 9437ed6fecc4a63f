package org.groupeval.scoring;

import jakarta.inject.Singleton;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.Role;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.review.AuditAction;
import org.groupeval.domain.review.Changes;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.Extension;
import org.groupeval.domain.review.GroupReview;
import org.groupeval.domain.review.Participant;
import org.groupeval.domain.review.ParticipantRequest;
import org.groupeval.domain.review.ParticipationCause;
import org.groupeval.domain.review.ParticipationRules;
import org.groupeval.domain.review.ReviewAccess;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.Stage;
import org.groupeval.store.Ids;
import org.groupeval.store.Page;
import org.groupeval.store.ReviewStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A cycle's participants: enrolment when the cycle is created, the city's enrolments and withdrawals, the list. */
@Singleton
class Participants {

    private static final int GROUP_PAGE = 500;

    private final Lookups lookups;
    private final ReviewStore reviews;

    Participants(Lookups lookups, ReviewStore reviews) {
        this.lookups = lookups;
        this.reviews = reviews;
    }

    /**
     * Enrols every active group that is not yet a participant of the cycle (batched writes), each with its snapshot
     * as it is now; answers how many it enrolled. Repeated (a replayed creation), it completes an interrupted
     * enrolment and enrols nobody twice.
     */
    int enrolActive(Cycle cycle, Instant now, String by) {
        List<Participant> candidates = new ArrayList<>();
        String token = null;
        do {
            Page<Group> page = lookups.groups.list(null, null, GROUP_PAGE, token);
            for (Group group : page.items()) {
                if (group.active()) {
                    candidates.add(Participant.enrol(cycle.year(), group, now, by, "active when the cycle was "
                            + "created", ParticipationCause.CYCLE_CREATED));
                }
            }
            token = page.nextToken();
        } while (token != null);
        return reviews.enrolAll(cycle.year(), candidates);
    }

    /**
     * A page of the cycle's participants, by district, for CITY (any district or all) or a district reviewer, each
     * with its stages' sheets (read in batches for the page, never one read per group).
     */
    Page<ParticipantView> list(Caller caller, int year, Optional<String> district, int limit, String cursor) {
        String scope = ReviewAccess.participantsDistrict(caller, district);
        lookups.cycle(year);
        Page<Participant> page = reviews.participants(year, scope, limit, cursor);
        Map<String, Map<Stage, ReviewSheet>> sheets = reviews.stageSheetsOf(year,
                page.items().stream().map(Participant::groupId).toList());
        return page.map(p -> ParticipantView.of(p, sheets.get(p.groupId())));
    }

    /**
     * One group's participation with the extensions CITY granted it in the cycle (by stage): for CITY, the group's
     * district and its core school.
     */
    ParticipantView read(Caller caller, int year, String groupId) {
        Group group = lookups.group(caller, groupId);
        ReviewAccess.checkKnowsGroup(caller, group);
        if (caller.is(Role.EXPERT)) {
            throw ReviewAccess.hidden(groupId);
        }
        lookups.cycle(year);
        GroupReview review = reviews.groupReview(year, groupId, group.district());
        Participant participant = review.participant();
        if (participant == null) {
            throw DomainException.notFound("Group " + groupId + " was never a participant of cycle " + year
                    + "; the city enrols it with PUT /cycles/" + year + "/participants/" + groupId + ".");
        }
        List<Extension> extensions = Arrays.stream(Stage.values()).map(review::extension)
                .filter(Objects::nonNull).toList();
        return ParticipantView.of(participant, extensions);
    }

    /** The group, once the caller may change participations (CITY; checked before the body is read). */
    Group changeable(Caller caller, String groupId) {
        ReviewAccess.cityOnly(caller, "enrols groups in cycles and withdraws them");
        return lookups.group(caller, groupId);
    }

    record Changed(Participant participant, boolean created) {
    }

    /**
     * The city's enrolment or withdrawal of a group, with its reason, until the cycle's self-assessment closes;
     * written with its audit record in one transaction. {@code If-Match} is needed once the group has a
     * participation in the cycle.
     */
    Changed change(Caller caller, String requestId, Group group, int year, ParticipantRequest body,
                   Optional<Long> ifMatch, Instant now) {
        ParticipantRequest valid = ParticipationRules.validate(body);
        Cycle cycle = lookups.cycle(year);
        Participant current = reviews.groupReview(year, group.groupId(), group.district()).participant();
        Lookups.precondition(current == null ? null : current.version(), ifMatch, "participation");
        Participant next = ParticipationRules.change(cycle, group, current, valid, now, caller.describe());
        Long expected = current == null ? null : current.version();
        Participant saved = next.withVersion(expected == null ? 1 : expected + 1);
        Changes changes = new Changes(Ids.newId(Identifiers.CHANGE), requestId, caller, now, group.groupId(), year);
        changes.add(null, null, AuditAction.PARTICIPATION_CHANGED, "participation", null,
                current == null ? null : current.status().name(), saved.status().name(), null, valid.reason());
        reviews.transaction().participant(saved, expected, () -> Lookups.staleOrCreated("participation"))
                .audit(changes.records()).commit();
        return new Changed(saved, current == null);
    }
}
