package org.groupeval.scoring;

import jakarta.inject.Singleton;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.Role;
import org.groupeval.domain.framework.SheetInput;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.review.AuditRecord;
import org.groupeval.domain.review.Changes;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.CycleRules;
import org.groupeval.domain.review.Extension;
import org.groupeval.domain.review.Panel;
import org.groupeval.domain.review.ReviewRules;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.Stage;
import org.groupeval.store.IdempotencyKey;
import org.groupeval.store.Ids;
import org.groupeval.store.Page;
import org.groupeval.store.ReviewStore;
import org.groupeval.store.ReviewTransaction;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Cycles, extensions and the progress view (rules.md §4). */
@Singleton
class Cycles {

    private final Lookups lookups;
    private final ReviewStore reviews;

    Cycles(Lookups lookups, ReviewStore reviews) {
        this.lookups = lookups;
        this.reviews = reviews;
    }

    ReviewStore.CreatedCycle create(Caller caller, Supplier<Map<String, Object>> request,
                                    Optional<String> idempotencyKey, Instant now) {
        requireCity(caller, "creates cycles");
        Map<String, Object> body = request.get();
        Cycle cycle = CycleRules.create(body, lookups.catalog(), now, caller.describe());
        IdempotencyKey key = idempotencyKey.map(k -> IdempotencyKey.of(caller.subject(), "cycles#" + k, body))
                .orElse(null);
        return reviews.createCycle(cycle, key);
    }

    Cycle patch(Caller caller, int year, Supplier<Map<String, Object>> request, Optional<Long> ifMatch,
                Instant now) {
        requireCity(caller, "changes cycles");
        Map<String, Object> body = request.get();
        Cycle current = lookups.cycle(year);
        long expected = ifMatch.orElseThrow(() -> new DomainException(428, "precondition-required", "If-Match required",
                "Send If-Match with the ETag of cycle " + year + " as you last read it.", null));
        if (expected != current.version()) {
            throw DomainException.preconditionFailed("Cycle " + year + " has changed since you read it (now version "
                    + current.version() + "); read it again and reapply your change.")
                    .with("currentETag", "\"" + current.version() + "\"");
        }
        Cycle next = CycleRules.patch(current, body, lookups.catalog(), now, caller.describe());
        return reviews.updateCycle(next, expected);
    }

    // -- extensions ------------------------------------------------------------------------------------------------

    record Granted(Extension extension, boolean replayed) {
    }

    Granted grantExtension(Caller caller, String requestId, int year, Supplier<Map<String, Object>> request,
                           Optional<String> idempotencyKey, Instant now) {
        requireCity(caller, "grants extensions");
        Map<String, Object> body = request.get();
        SheetInput in = new SheetInput(false);
        in.onlyKnownMembers(body, "", List.of("groupId", "stage", "deadline", "reason"));
        String groupId = in.text(body.get("groupId"), "/groupId");
        if (groupId != null && !Identifiers.isGroupId(groupId)) {
            in.error("/groupId", Identifiers.GROUP_ID_RULE);
        }
        String stageCode = in.text(body.get("stage"), "/stage");
        Stage stage = stageCode == null ? null : Stage.parse(stageCode).orElse(null);
        if (stageCode != null && stage == null) {
            in.error("/stage", "must be one of self, district, city (got \"" + stageCode + "\")");
        }
        String deadline = body.get("deadline") == null ? null : time(body.get("deadline"), in);
        if (body.get("deadline") == null) {
            in.error("/deadline", "is required: the new deadline, ISO-8601 with offset, e.g. 2026-09-07T23:59:59+08:00");
        }
        String reason = in.text(body.get("reason"), "/reason");
        if (in.hasErrors()) {
            throw DomainException.invalid("the extension has " + in.errors().size() + " invalid field"
                    + (in.errors().size() == 1 ? "" : "s"), in.errors());
        }
        Cycle cycle = lookups.cycle(year);
        Group group = lookups.group(caller, groupId);
        ReviewStore.GroupCycle state = reviews.groupCycle(year, groupId, group.district());
        OffsetDateTime cycleDeadline = cycle.deadlines().at(stage);
        if (!OffsetDateTime.parse(deadline).isAfter(cycleDeadline)) {
            throw new DomainException(422, "extension-not-later", "An extension must be later than the deadline",
                    "The " + stage.code() + " deadline of cycle " + year + " is " + cycle.deadlines().of(stage)
                            + "; an extension moves it later.",
                    List.of(new org.groupeval.domain.FieldError("/deadline", "must be after "
                            + cycle.deadlines().of(stage))));
        }
        ReviewSheet sheet = state.sheets().get(stage);
        if (sheet != null && sheet.submitted()) {
            throw DomainException.conflict("sheet-submitted", "The stage is already submitted", "The " + stage.code()
                    + " sheet of group " + groupId + " is submitted; there is nothing left to extend.");
        }
        Stage later = stage == Stage.SELF ? Stage.DISTRICT : stage == Stage.DISTRICT ? Stage.CITY : null;
        ReviewSheet laterSheet = later == null ? null : state.sheets().get(later);
        if (laterSheet != null && laterSheet.submitted()) {
            throw DomainException.conflict("later-stage-submitted", "A later stage is already submitted", "The "
                    + later.code() + " sheet of group " + groupId + " is already submitted; the " + stage.code()
                    + " stage can no longer be reopened.");
        }
        Extension previous = state.extension(stage);
        String before = previous != null ? previous.deadline() : cycle.deadlines().of(stage);
        Extension extension = new Extension(year, groupId, group.district(), stage.code(), deadline, reason.strip(),
                now, caller.describe());
        Changes changes = new Changes(Ids.newId(Identifiers.CHANGE), requestId, caller, now, groupId, year);
        changes.add(stage.code(), null, AuditRecord.EXTENSION_GRANTED, "deadline", null, before, deadline, null,
                extension.reason());
        ReviewTransaction tx = reviews.transaction().extension(extension).audit(changes.records());
        idempotencyKey.ifPresent(k -> tx.idempotency(IdempotencyKey.of(caller.subject(), "extensions#" + k, body),
                groupId + "#" + stage.code(), extension, now));
        try {
            tx.commit();
            return new Granted(extension, false);
        } catch (ReviewTransaction.Replayed replayed) {
            return new Granted(replayed.firstResult(Extension.class).orElseGet(() ->
                    reviews.groupCycle(year, groupId, group.district()).extension(stage)), true);
        }
    }

    private static String time(Object node, SheetInput in) {
        String text = in.text(node, "/deadline");
        if (text == null) {
            return null;
        }
        try {
            return CycleRules.FORMAT.format(OffsetDateTime.parse(text).atZoneSameInstant(CycleRules.ZONE)
                    .toOffsetDateTime());
        } catch (java.time.format.DateTimeParseException e) {
            in.error("/deadline", "must be an ISO-8601 date-time with offset, e.g. 2026-09-07T23:59:59+08:00");
            return null;
        }
    }

    // -- progress --------------------------------------------------------------------------------------------------

    /**
     * Per stage and district: how many groups submitted, are drafting, have not started, or are late (deadline, or
     * their extension, passed without a submission); the four add up to the groups of the stage (every group for
     * self and district, the recommended ones for city). Per group of the city stage: experts assigned and
     * submitted. Queries only: groups from GroupsTable GSI1/GSI2, sheets and panels from ReviewTable GSI1,
     * extensions from GSI3.
     */
    Map<String, Object> progress(Caller caller, int year, Optional<String> requestedDistrict, Instant now) {
        String district;
        if (caller.is(Role.CITY)) {
            district = requestedDistrict.orElse(null);
        } else if (caller.is(Role.DISTRICT)) {
            if (requestedDistrict.isPresent() && !requestedDistrict.get().equals(caller.district())) {
                throw DomainException.forbidden("A district reviewer sees the progress of district "
                        + caller.district() + " only.");
            }
            district = caller.district();
        } else {
            throw DomainException.forbidden("The progress view is for the city and the district reviewers.");
        }
        if (district != null && !district.matches("\\d{6}")) {
            throw DomainException.invalid("/query/district", "district must be a 6-digit code, e.g. 610902");
        }
        Cycle cycle = lookups.cycle(year);
        List<Group> groups = new ArrayList<>();
        String token = null;
        do {
            Page<Group> page = lookups.groups.list(district, null, 500, token);
            groups.addAll(page.items());
            token = page.nextToken();
        } while (token != null);
        Map<String, Extension> extensions = new HashMap<>();
        for (Extension e : reviews.extensions(year)) {
            extensions.put(e.stage() + "#" + e.groupId(), e);
        }
        Map<Stage, Map<String, ReviewStore.SheetState>> sheets = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            Map<String, ReviewStore.SheetState> byGroup = new HashMap<>();
            reviews.stageSheets(year, stage, district).forEach(s -> byGroup.put(s.groupId(), s));
            sheets.put(stage, byGroup);
        }
        List<Map<String, Object>> stages = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            Map<String, int[]> perDistrict = new TreeMap<>();
            int[] totals = new int[5];
            for (Group group : groups) {
                if (stage == Stage.CITY) {
                    ReviewStore.SheetState d = sheets.get(Stage.DISTRICT).get(group.groupId());
                    if (d == null || !ReviewSheet.SUBMITTED.equals(d.status()) || !d.recommend()) {
                        continue;
                    }
                }
                ReviewStore.SheetState s = sheets.get(stage).get(group.groupId());
                int column;
                if (s != null && ReviewSheet.SUBMITTED.equals(s.status())) {
                    column = 1;
                } else if (ReviewRules.passed(cycle, stage, extensions.get(stage.code() + "#" + group.groupId()), now)) {
                    column = 4;
                } else if (s != null) {
                    column = 2;
                } else {
                    column = 3;
                }
                int[] counts = perDistrict.computeIfAbsent(group.district(), d -> new int[5]);
                counts[0]++;
                counts[column]++;
                totals[0]++;
                totals[column]++;
            }
            List<Map<String, Object>> districts = new ArrayList<>();
            perDistrict.forEach((d, counts) -> {
                Map<String, Object> row = counts(counts);
                Map<String, Object> withDistrict = new LinkedHashMap<>();
                withDistrict.put("district", d);
                withDistrict.putAll(row);
                districts.add(withDistrict);
            });
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("stage", stage.code());
            entry.put("deadline", cycle.deadlines().of(stage));
            entry.put("totals", counts(totals));
            entry.put("districts", districts);
            stages.add(entry);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("year", year);
        view.put("asOf", CycleRules.show(now));
        view.put("district", district);
        view.put("stages", stages);
        view.put("panels", panels(year, district, groups, sheets));
        return view;
    }

    private List<Map<String, Object>> panels(int year, String district, List<Group> groups,
                                             Map<Stage, Map<String, ReviewStore.SheetState>> sheets) {
        Map<String, Panel> panels = new HashMap<>();
        reviews.panels(year, district).forEach(p -> panels.put(p.groupId(), p));
        Map<String, List<ReviewStore.SheetState>> expertSheets = new HashMap<>();
        reviews.expertSheets(year, district).forEach(s ->
                expertSheets.computeIfAbsent(s.groupId(), g -> new ArrayList<>()).add(s));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Group group : groups) {
            ReviewStore.SheetState d = sheets.get(Stage.DISTRICT).get(group.groupId());
            if (d == null || !ReviewSheet.SUBMITTED.equals(d.status()) || !d.recommend()) {
                continue;
            }
            Panel panel = panels.get(group.groupId());
            List<String> seated = panel == null ? List.of() : panel.subjects();
            long submitted = expertSheets.getOrDefault(group.groupId(), List.of()).stream()
                    .filter(s -> seated.contains(s.expertSub()) && ReviewSheet.SUBMITTED.equals(s.status())).count();
            ReviewStore.SheetState city = sheets.get(Stage.CITY).get(group.groupId());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("groupId", group.groupId());
            row.put("district", group.district());
            row.put("expertsAssigned", seated.size());
            row.put("expertsSubmitted", submitted);
            row.put("confirmed", city != null && ReviewSheet.SUBMITTED.equals(city.status()));
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> counts(int[] c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("groups", c[0]);
        row.put("submitted", c[1]);
        row.put("drafting", c[2]);
        row.put("notStarted", c[3]);
        row.put("late", c[4]);
        return row;
    }

    private static void requireCity(Caller caller, String what) {
        if (!caller.is(Role.CITY)) {
            throw DomainException.forbidden("Only the city " + what + ".");
        }
    }
}
