package org.groupeval.scoring;

import jakarta.inject.Singleton;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.framework.Score;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.review.AuditAction;
import org.groupeval.domain.review.BulkPanelRequest;
import org.groupeval.domain.review.Changes;
import org.groupeval.domain.review.CityPanel;
import org.groupeval.domain.review.ConflictRequest;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.DeclaredConflict;
import org.groupeval.domain.review.GroupReview;
import org.groupeval.domain.review.Panel;
import org.groupeval.domain.review.PanelRequest;
import org.groupeval.domain.review.PanelRules;
import org.groupeval.domain.review.ParticipationRules;
import org.groupeval.domain.review.ReviewAccess;
import org.groupeval.domain.review.ReviewRules;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.SheetGates;
import org.groupeval.domain.review.SheetProgress;
import org.groupeval.domain.review.Stage;
import org.groupeval.store.Ids;
import org.groupeval.store.ReviewStore;
import org.groupeval.web.ApiResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The city stage's expert panels and the experts' declared conflicts (rules.md §7.3, §7.5). */
@Singleton
class Panels {

    private final Lookups lookups;
    private final ReviewStore reviews;

    Panels(Lookups lookups, ReviewStore reviews) {
        this.lookups = lookups;
        this.reviews = reviews;
    }

    /** A panel as its routes answer it, with its version and whether this request created or changed it. */
    record Assigned(PanelView view, long version, boolean created, boolean changed) {
    }

    /**
     * The panel: each seated expert with their sheet's progress, how many sit and submitted, the minimum, who changed
     * it when; for CITY also {@code conflicts} declared against seated experts since they were seated.
     */
    record PanelView(String groupId, int year, String district, List<SeatView> experts, int assigned, int submitted,
                     int minimumSize, Instant updatedAt, String updatedBy, long version,
                     List<Map<String, Object>> conflicts) {

        PanelView withConflicts(List<Map<String, Object>> declared) {
            return new PanelView(groupId, year, district, experts, assigned, submitted, minimumSize, updatedAt,
                    updatedBy, version, declared);
        }
    }

    record SeatView(String subject, String name, String affiliation, SheetProgress sheetStatus) {
    }

    /** One entry of an expert's work list: the seat, the path of their own sheet and how far it has come. */
    record AssignmentView(int year, String groupId, String district, Panel.Expert expert, String sheet,
                          SheetProgress sheetStatus, Long sheetVersion, Score total, Instant updatedAt,
                          Instant submittedAt) {
    }

    /** The group, once the caller may assign its panel (checked before the body is read). */
    Group assignable(Caller caller, String groupId) {
        ReviewAccess.cityOnly(caller, "assigns experts to a panel");
        return lookups.group(caller, groupId);
    }

    Assigned assign(Caller caller, String requestId, Group group, int year, PanelRequest body, Optional<Long> ifMatch,
                    Instant now) {
        Cycle cycle = lookups.cycle(year);
        if (!cycle.panel().required()) {
            throw CityPanel.noPanel(year);
        }
        return assign(caller, requestId, group, cycle, body, current -> Lookups.precondition(
                current.version() == 0 ? null : current.version(), ifMatch, "panel"), now);
    }

    /** One group's result of a bulk assignment: ASSIGNED, UNCHANGED or REFUSED (with the refusal as a problem). */
    record BulkResult(String groupId, String status, Long version, Map<String, Object> problem) {
    }

    /**
     * One panel seated on many groups of a cycle (rules.md §7.3): each group by the rules of {@code PUT …/panel}
     * (conflicts of interest, the stage open, the district's recommendation), each in its own transaction, in place
     * of the panel the group has now; the result says, group by group, what happened. A group refused leaves its
     * panel as it was and refuses no other group.
     */
    List<BulkResult> assignMany(Caller caller, String requestId, int year, BulkPanelRequest body, Instant now) {
        List<String> ids = body.validGroupIds();
        Cycle cycle = lookups.cycle(year);
        if (!cycle.panel().required()) {
            throw CityPanel.noPanel(year);
        }
        Map<String, Group> found = lookups.groups(ids);
        List<BulkResult> results = new ArrayList<>();
        for (String id : ids) {
            Group group = found.get(id);
            try {
                if (group == null) {
                    throw DomainException.notFound("No group " + id + ".");
                }
                Assigned assigned = assign(caller, requestId, group, cycle, body.panel(), current -> { }, now);
                results.add(new BulkResult(id, assigned.changed() ? "ASSIGNED" : "UNCHANGED", assigned.version(),
                        null));
            } catch (DomainException refused) {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("type", ApiResponse.PROBLEM_TYPE_PREFIX + refused.type());
                problem.put("status", refused.status());
                problem.put("detail", refused.detail());
                refused.extensions().forEach(problem::putIfAbsent);
                results.add(new BulkResult(id, "REFUSED", null, problem));
            }
        }
        return results;
    }

    private Assigned assign(Caller caller, String requestId, Group group, Cycle cycle, PanelRequest body,
                            Consumer<Panel> precondition, Instant now) {
        String groupId = group.groupId();
        int year = cycle.year();
        GroupReview review = reviews.groupReview(year, groupId, group.district());
        ParticipationRules.checkTakesPart(review.participant(), groupId, year);
        Panel current = review.panel();
        precondition.accept(current);
        CityPanel.checkPanelOpen(review.sheet(Stage.CITY), groupId);
        ReviewRules.checkOpen(cycle, Stage.CITY, review.extension(Stage.CITY), now, groupId);
        SheetGates.requireRecommended(review.sheet(Stage.DISTRICT), groupId);
        List<Panel.Expert> experts = PanelRules.experts(body);
        PanelRules.checkConflicts(group, experts, reviews.conflictsOf(experts));
        if (current.version() > 0 && current.experts().equals(experts)) {
            return new Assigned(view(current, review, cycle), current.version(), false, false);
        }
        Panel next = new Panel(groupId, year, group.district(), experts, now, caller.describe(),
                current.version() + 1);
        List<String> removed = new ArrayList<>(current.subjects());
        removed.removeAll(next.subjects());
        Changes changes = new Changes(Ids.newId(Identifiers.CHANGE), requestId, caller, now, groupId, year);
        changes.add(Stage.CITY, null, AuditAction.PANEL_CHANGED, "panel", null,
                current.version() == 0 ? null : current.experts(), experts, null, null);
        reviews.transaction().panel(next, current.version(), removed, () -> Lookups.staleOrCreated("panel"))
                .audit(changes.records()).commit();
        return new Assigned(view(next, review, cycle), next.version(), current.version() == 0, true);
    }

    Assigned read(Caller caller, String groupId, int year) {
        ReviewAccess.checkReadPanel(caller);
        Group group = lookups.group(caller, groupId);
        // an expert's seat first: one who does not sit on the panel learns nothing, not even whether the cycle exists
        GroupReview review = reviews.groupReview(year, groupId, group.district());
        Panel panel = review.panel();
        ReviewAccess.checkSeated(caller, panel, groupId);
        Cycle cycle = lookups.cycle(year);
        if (panel.version() == 0) {
            throw DomainException.notFound("Group " + groupId + " has no panel in cycle " + year + " yet.");
        }
        PanelView view = view(panel, review, cycle);
        if (ReviewAccess.seesSeatedConflicts(caller)) {
            // conflicts declared after seating, which block the confirmation until the expert is replaced
            view = view.withConflicts(PanelRules.conflicts(group, panel.experts(),
                    reviews.conflictsOf(panel.experts())));
        }
        return new Assigned(view, panel.version(), false, false);
    }

    private static PanelView view(Panel panel, GroupReview review, Cycle cycle) {
        List<SeatView> experts = new ArrayList<>();
        int submitted = 0;
        for (Panel.Expert expert : panel.experts()) {
            ReviewSheet sheet = review.expertSheets().get(expert.subject());
            experts.add(new SeatView(expert.subject(), expert.name(), expert.affiliation(), SheetProgress.of(sheet)));
            if (sheet != null && sheet.submitted()) {
                submitted++;
            }
        }
        return new PanelView(panel.groupId(), panel.year(), panel.district(), experts, panel.experts().size(),
                submitted, cycle.panel().minimumSize(), panel.updatedAt(), panel.updatedBy(), panel.version(), null);
    }

    // -- an expert's assignments -----------------------------------------------------------------------------------

    /**
     * The panels {@code expertSub} sits on, with their own sheet's state: the expert's work list. Read by the city and
     * by the expert; {@code year} (optional) keeps one cycle.
     */
    List<AssignmentView> assignments(Caller caller, String expertSub, Integer year) {
        ReviewAccess.checkExpertOrCity(caller, expertSub, "assignments");
        List<AssignmentView> items = new ArrayList<>();
        for (ReviewStore.Assignment a : reviews.assignments(PanelRules.expertSub(expertSub), year)) {
            ReviewSheet sheet = a.sheet();
            items.add(new AssignmentView(a.year(), a.groupId(), a.district(), a.expert(),
                    "/groups/" + a.groupId() + "/cycles/" + a.year() + "/sheets/city/experts/" + expertSub,
                    SheetProgress.of(sheet), sheet == null ? null : sheet.version(),
                    sheet == null ? null : sheet.total(), sheet == null ? null : sheet.updatedAt(),
                    sheet == null ? null : sheet.submittedAt()));
        }
        return items;
    }

    // -- declared conflicts ----------------------------------------------------------------------------------------

    /**
     * A declared conflict, and the panels the expert already sits on that it concerns: a declaration unseats no one,
     * but the city cannot confirm those groups' scores until it replaces the expert there
     * ({@code seated-expert-conflict}).
     */
    record Declared(String expertSub, String schoolCode, String groupId, String reason, Instant declaredAt,
                    String declaredBy, List<AffectedPanel> affectedPanels) {

        Declared(DeclaredConflict conflict, List<AffectedPanel> affectedPanels) {
            this(conflict.expertSub(), conflict.schoolCode(), conflict.groupId(), conflict.reason(),
                    conflict.declaredAt(), conflict.declaredBy(), affectedPanels);
        }
    }

    /** A panel the expert sits on that a new declaration concerns, and its path. */
    record AffectedPanel(int year, String groupId, String district, String panel) {
    }

    Declared declare(Caller caller, String expertSub, ConflictRequest body, Instant now) {
        DeclaredConflict conflict = PanelRules.declared(expertSub, body, now, caller.describe());
        reviews.declareConflict(conflict);
        List<AffectedPanel> affected = new ArrayList<>();
        List<ReviewStore.Assignment> seats = reviews.assignments(expertSub, null);
        // the seats' groups in batched reads, not one read per seat
        Map<String, Group> groups = lookups.groups(seats.stream().map(ReviewStore.Assignment::groupId).toList());
        Map<String, List<DeclaredConflict>> declared = Map.of(expertSub, List.of(conflict));
        for (ReviewStore.Assignment seat : seats) {
            Group group = groups.get(seat.groupId());
            if (group != null && !PanelRules.conflicts(group, List.of(seat.expert()), declared).isEmpty()) {
                affected.add(new AffectedPanel(seat.year(), seat.groupId(), seat.district(),
                        "/groups/" + seat.groupId() + "/cycles/" + seat.year() + "/panel"));
            }
        }
        return new Declared(conflict, affected);
    }

    List<DeclaredConflict> conflicts(Caller caller, String expertSub) {
        ReviewAccess.checkExpertOrCity(caller, expertSub, "conflicts");
        return reviews.conflicts(PanelRules.expertSub(expertSub));
    }
}
