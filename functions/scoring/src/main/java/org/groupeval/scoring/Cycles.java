package org.groupeval.scoring;

import jakarta.inject.Singleton;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.district.DistrictNames;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.review.AuditAction;
import org.groupeval.domain.review.Changes;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.CycleRequest;
import org.groupeval.domain.review.CycleRules;
import org.groupeval.domain.review.Extension;
import org.groupeval.domain.review.ExtensionRequest;
import org.groupeval.domain.review.ExtensionRules;
import org.groupeval.domain.review.GroupReview;
import org.groupeval.domain.review.Participant;
import org.groupeval.domain.review.ReviewAccess;
import org.groupeval.domain.review.ReviewProgress;
import org.groupeval.domain.review.Stage;
import org.groupeval.store.IdempotencyKey;
import org.groupeval.store.Ids;
import org.groupeval.store.ReviewStore;
import org.groupeval.store.ReviewTransaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cycles, extensions and the progress view (rules.md §4). */
@Singleton
class Cycles {

    private final Lookups lookups;
    private final ReviewStore reviews;
    private final Participants participants;
    private final DistrictNames districtNames;

    Cycles(Lookups lookups, ReviewStore reviews, Participants participants, DistrictNames districtNames) {
        this.lookups = lookups;
        this.reviews = reviews;
        this.participants = participants;
        this.districtNames = districtNames;
    }

    ReviewStore.CreatedCycle create(Caller caller, CycleRequest body, Optional<String> idempotencyKey,
                                    Instant now) {
        Cycle cycle = CycleRules.create(body, lookups.catalog(), now, caller.describe());
        IdempotencyKey key = idempotencyKey.map(k -> IdempotencyKey.of(caller.subject(), "cycles#" + k, body))
                .orElse(null);
        try {
            ReviewStore.CreatedCycle created = reviews.createCycle(cycle, key);
            // every active group takes part; a replay completes an enrolment a failure cut short
            participants.enrolActive(created.cycle(), now, caller.describe());
            return created;
        } catch (ReviewStore.CycleExists exists) {
            throw DomainException.conflict("cycle-exists", "The cycle exists", "Cycle " + cycle.year()
                    + " already exists; change it with PATCH /cycles/" + cycle.year() + ".").with("year", cycle.year());
        }
    }

    /** A change of the cycle as its writer last read it (428 without If-Match, 412 with a stale one). */
    Cycle patch(Caller caller, int year, CycleRequest body, Optional<Long> ifMatch, Instant now) {
        Cycle current = lookups.cycle(year);
        long expected = ifMatch.orElseThrow(() -> new DomainException(428, "precondition-required", "If-Match required",
                "Send If-Match with the ETag of cycle " + year + " as you last read it.", null));
        if (expected != current.version()) {
            throw Lookups.changedSince(current.version(), "Cycle " + year);
        }
        Cycle next = CycleRules.patch(current, body, lookups.catalog(), now, caller.describe());
        try {
            return reviews.updateCycle(next, current.version());
        } catch (ReviewStore.CycleChanged changed) {
            Cycle stored = changed.current();
            throw DomainException.preconditionFailed("Cycle " + year + " has changed since you read it (now version "
                    + stored.version() + (stored.frameworkLocked() ? ", framework fixed" : "") + "); read it again "
                    + "and reapply your change.").with("currentETag", "\"" + stored.version() + "\"");
        }
    }

    // -- extensions ------------------------------------------------------------------------------------------------

    record Granted(Extension extension, boolean replayed) {
    }

    Granted grantExtension(Caller caller, String requestId, int year, ExtensionRequest body,
                           Optional<String> idempotencyKey, Instant now) {
        ExtensionRules.Grant grant = ExtensionRules.validate(body);
        String groupId = grant.groupId();
        Stage stage = grant.stage();
        Cycle cycle = lookups.cycle(year);
        Group group = lookups.group(caller, groupId);
        GroupReview review = reviews.groupReview(year, groupId, group.district());
        ExtensionRules.checkGrantable(cycle, grant, review);
        Extension previous = review.extension(stage);
        String before = previous != null ? previous.deadline() : cycle.deadlines().of(stage);
        Extension extension = new Extension(year, groupId, group.district(), stage, grant.deadline(), grant.reason(),
                now, caller.describe());
        Changes changes = new Changes(Ids.newId(Identifiers.CHANGE), requestId, caller, now, groupId, year);
        changes.add(stage, null, AuditAction.EXTENSION_GRANTED, "deadline", null, before, grant.deadline(), null,
                extension.reason());
        ReviewTransaction tx = reviews.transaction().extension(extension).audit(changes.records());
        idempotencyKey.ifPresent(k -> tx.idempotency(IdempotencyKey.of(caller.subject(), "extensions#" + k, body),
                groupId + "#" + stage.code(), extension, now));
        try {
            tx.commit();
            return new Granted(extension, false);
        } catch (ReviewTransaction.Replayed replayed) {
            return new Granted(replayed.firstResult(Extension.class).orElseGet(() ->
                    reviews.groupReview(year, groupId, group.district()).extension(stage)), true);
        }
    }

    // -- progress --------------------------------------------------------------------------------------------------

    /**
     * The cycle's progress ({@link ReviewProgress}) for the caller: one district or, for CITY, every district, over
     * the cycle's enrolled participants as their snapshots show them. Queries only: participants, sheets and panels
     * from ReviewTable GSI1, extensions from GSI3.
     */
    ReviewProgress progress(Caller caller, int year, Optional<String> requestedDistrict, Instant now) {
        String district = ReviewAccess.progressDistrict(caller, requestedDistrict);
        Cycle cycle = lookups.cycle(year);
        List<Group> groups = new ArrayList<>();
        for (Participant participant : reviews.allParticipants(year, district)) {
            if (participant.enrolled()) {
                groups.add(participant.asGroup());
            }
        }
        Map<Stage, Map<String, ReviewProgress.SheetState>> sheets = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            Map<String, ReviewProgress.SheetState> byGroup = new HashMap<>();
            reviews.stageSheets(year, stage, district).forEach(s -> byGroup.put(s.groupId(), s));
            sheets.put(stage, byGroup);
        }
        return ReviewProgress.of(cycle, district, new ReviewProgress.Inputs(groups, sheets, reviews.extensions(year),
                reviews.panels(year, district), reviews.expertSheets(year, district)), now, districtNames);
    }
}
