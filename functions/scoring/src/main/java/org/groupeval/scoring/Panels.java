package org.groupeval.scoring;

import jakarta.inject.Singleton;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.Role;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.review.AuditRecord;
import org.groupeval.domain.review.Changes;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.DeclaredConflict;
import org.groupeval.domain.review.Panel;
import org.groupeval.domain.review.PanelRules;
import org.groupeval.domain.review.ReviewRules;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.Stage;
import org.groupeval.store.Ids;
import org.groupeval.store.ReviewStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The city stage's expert panels and the experts' declared conflicts (rules.md §7.3, §7.5). */
@Singleton
class Panels {

    private final Lookups lookups;
    private final ReviewStore reviews;

    Panels(Lookups lookups, ReviewStore reviews) {
        this.lookups = lookups;
        this.reviews = reviews;
    }

    record Assigned(Map<String, Object> view, long version, boolean created) {
    }

    Assigned assign(Caller caller, String requestId, String groupId, int year, Supplier<Map<String, Object>> request,
                    Optional<Long> ifMatch, Instant now) {
        if (!caller.is(Role.CITY)) {
            throw DomainException.forbidden("Only the city assigns experts to a panel.");
        }
        Group group = lookups.group(caller, groupId);
        Map<String, Object> body = request.get();
        Cycle cycle = lookups.cycle(year);
        if (!cycle.panel().required()) {
            throw DomainException.conflict("no-panel", "This cycle has no expert panels", "In cycle " + year
                    + " the city scores the city sheet itself (panel.required is false); change the cycle's panel "
                    + "settings to use expert panels.");
        }
        ReviewStore.GroupCycle state = reviews.groupCycle(year, groupId, group.district());
        Panel current = state.panel();
        Lookups.precondition(current.version() == 0 ? null : current.version(), ifMatch, "panel");
        ReviewSheet city = state.sheets().get(Stage.CITY);
        if (city != null && city.submitted()) {
            throw DomainException.conflict("city-stage-confirmed", "The city stage is confirmed", "The city confirmed "
                    + "the final score of group " + groupId + "; its panel no longer changes.");
        }
        ReviewRules.checkOpen(cycle, Stage.CITY, state.extension(Stage.CITY), now, groupId);
        Lookups.requireRecommended(state, groupId);
        List<Panel.Expert> experts = PanelRules.experts(body);
        PanelRules.checkConflicts(group, experts, reviews.conflictsOf(experts));
        if (current.version() > 0 && current.experts().equals(experts)) {
            return new Assigned(view(current, state, cycle), current.version(), false);
        }
        Panel next = new Panel(groupId, year, group.district(), experts, now, caller.describe(),
                current.version() + 1);
        List<String> removed = new ArrayList<>(current.subjects());
        removed.removeAll(next.subjects());
        Changes changes = new Changes(Ids.newId(Identifiers.CHANGE), requestId, caller, now, groupId, year);
        changes.add(Stage.CITY.code(), null, AuditRecord.PANEL_CHANGED, "panel", null,
                current.version() == 0 ? null : current.experts(), experts, null, null);
        reviews.transaction().panel(next, current.version(), removed, () -> Lookups.staleOrCreated("panel"))
                .audit(changes.records()).commit();
        return new Assigned(view(next, state, cycle), next.version(), current.version() == 0);
    }

    Assigned read(Caller caller, String groupId, int year) {
        if (!caller.is(Role.CITY) && !caller.is(Role.EXPERT)) {
            throw DomainException.forbidden("A panel is read by the city and by its experts.");
        }
        Group group = lookups.group(caller, groupId);
        // an expert's seat first: one who does not sit on the panel learns nothing, not even whether the cycle exists
        ReviewStore.GroupCycle state = reviews.groupCycle(year, groupId, group.district());
        Panel panel = state.panel();
        if (caller.is(Role.EXPERT) && panel.seat(caller.subject()).isEmpty()) {
            throw Lookups.hidden(groupId);
        }
        Cycle cycle = lookups.cycle(year);
        if (panel.version() == 0) {
            throw DomainException.notFound("Group " + groupId + " has no panel in cycle " + year + " yet.");
        }
        Map<String, Object> view = view(panel, state, cycle);
        if (caller.is(Role.CITY)) {
            // conflicts declared after seating, which block the confirmation until the expert is replaced
            view.put("conflicts", PanelRules.conflicts(group, panel.experts(), reviews.conflictsOf(panel.experts())));
        }
        return new Assigned(view, panel.version(), false);
    }

    private static Map<String, Object> view(Panel panel, ReviewStore.GroupCycle state, Cycle cycle) {
        List<Map<String, Object>> experts = new ArrayList<>();
        int submitted = 0;
        for (Panel.Expert expert : panel.experts()) {
            ReviewSheet sheet = state.expertSheets().get(expert.subject());
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("subject", expert.subject());
            e.put("name", expert.name());
            e.put("affiliation", expert.affiliation());
            e.put("sheetStatus", sheet == null ? "NOT_STARTED" : sheet.status());
            if (sheet != null && sheet.submitted()) {
                submitted++;
            }
            experts.add(e);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("groupId", panel.groupId());
        view.put("year", panel.year());
        view.put("district", panel.district());
        view.put("experts", experts);
        view.put("assigned", panel.experts().size());
        view.put("submitted", submitted);
        view.put("minimumSize", cycle.panel().minimumSize());
        view.put("updatedAt", panel.updatedAt() == null ? null : panel.updatedAt().toString());
        view.put("updatedBy", panel.updatedBy());
        view.put("version", panel.version());
        return view;
    }

    // -- an expert's assignments -----------------------------------------------------------------------------------

    /**
     * The panels {@code expertSub} sits on, with their own sheet's state: the expert's work list. Read by the city and
     * by the expert; {@code year} (optional) keeps one cycle.
     */
    List<Map<String, Object>> assignments(Caller caller, String expertSub, Integer year) {
        if (!caller.is(Role.CITY) && !(caller.is(Role.EXPERT) && caller.subject().equals(expertSub))) {
            throw DomainException.forbidden("An expert's assignments are read by the city and by the expert.");
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (ReviewStore.Assignment a : reviews.assignments(PanelRules.expertSub(expertSub), year)) {
            ReviewSheet sheet = a.sheet();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("year", a.year());
            item.put("groupId", a.groupId());
            item.put("district", a.district());
            item.put("expert", a.expert());
            item.put("sheet", "/groups/" + a.groupId() + "/cycles/" + a.year() + "/sheets/city/experts/" + expertSub);
            item.put("sheetStatus", sheet == null ? "NOT_STARTED" : sheet.status());
            item.put("sheetVersion", sheet == null ? null : sheet.version());
            item.put("total", sheet == null ? null : sheet.total());
            item.put("updatedAt", sheet == null || sheet.updatedAt() == null ? null : sheet.updatedAt().toString());
            item.put("submittedAt", sheet == null || sheet.submittedAt() == null ? null
                    : sheet.submittedAt().toString());
            items.add(item);
        }
        return items;
    }

    // -- declared conflicts ----------------------------------------------------------------------------------------

    /**
     * A declared conflict, and the panels the expert already sits on that it concerns: a declaration unseats no one,
     * but the city cannot confirm those groups' scores until it replaces the expert there
     * ({@code seated-expert-conflict}).
     */
    record Declared(DeclaredConflict conflict, List<Map<String, Object>> affectedPanels) {
    }

    Declared declare(Caller caller, String expertSub, Supplier<Map<String, Object>> request, Instant now) {
        if (!caller.is(Role.CITY)) {
            throw DomainException.forbidden("Only the city records an expert's conflicts of interest.");
        }
        DeclaredConflict conflict = PanelRules.declared(expertSub, request.get(), now, caller.describe());
        reviews.declareConflict(conflict);
        List<Map<String, Object>> affected = new ArrayList<>();
        List<ReviewStore.Assignment> seats = reviews.assignments(expertSub, null);
        // the seats' groups in batched reads, not one read per seat
        Map<String, Group> groups = lookups.groups(seats.stream().map(ReviewStore.Assignment::groupId).toList());
        Map<String, List<DeclaredConflict>> declared = Map.of(expertSub, List.of(conflict));
        for (ReviewStore.Assignment seat : seats) {
            Group group = groups.get(seat.groupId());
            if (group != null && !PanelRules.conflicts(group, List.of(seat.expert()), declared).isEmpty()) {
                Map<String, Object> panel = new LinkedHashMap<>();
                panel.put("year", seat.year());
                panel.put("groupId", seat.groupId());
                panel.put("district", seat.district());
                panel.put("panel", "/groups/" + seat.groupId() + "/cycles/" + seat.year() + "/panel");
                affected.add(panel);
            }
        }
        return new Declared(conflict, affected);
    }

    List<DeclaredConflict> conflicts(Caller caller, String expertSub) {
        if (!caller.is(Role.CITY) && !(caller.is(Role.EXPERT) && caller.subject().equals(expertSub))) {
            throw DomainException.forbidden("An expert's conflicts are read by the city and by the expert.");
        }
        return reviews.conflicts(PanelRules.expertSub(expertSub));
    }
}
