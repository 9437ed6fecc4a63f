package org.groupeval.scoring;

import jakarta.inject.Singleton;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.Grade;
import org.groupeval.domain.RuleBook;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.Role;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.Score;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.review.AuditRecord;
import org.groupeval.domain.review.Changes;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.CycleRules;
import org.groupeval.domain.review.Panel;
import org.groupeval.domain.review.PanelAggregation;
import org.groupeval.domain.review.PanelRules;
import org.groupeval.domain.review.ReviewRules;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.Stage;
import org.groupeval.domain.scoring.ScoredSheet;
import org.groupeval.domain.scoring.ScoringMode;
import org.groupeval.domain.scoring.SheetScorer;
import org.groupeval.store.Ids;
import org.groupeval.store.Page;
import org.groupeval.store.Publications;
import org.groupeval.store.ReviewStore;
import org.groupeval.web.Json;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Score sheets (rules.md §5.3, §7): drafts, submission, the gates between the stages, the expert sheets of
 * the city stage and the panel aggregate CITY confirms. Every accepted change is stored with its audit records in
 * one transaction; a refused one writes nothing.
 */
@Singleton
class Sheets {

    /** A written sheet and whether this request created it. */
    record Saved(ReviewSheet sheet, boolean created) {
    }

    private final Lookups lookups;
    private final ReviewStore reviews;
    private final Publications publications;

    Sheets(Lookups lookups, ReviewStore reviews, Publications publications) {
        this.lookups = lookups;
        this.reviews = reviews;
        this.publications = publications;
    }

    private record Context(Group group, Cycle cycle, Framework framework, ReviewStore.GroupCycle state) {
    }

    /** The cycle, its framework and the group's review state, for a group the caller has already been let see. */
    private Context context(Group group, int year) {
        return context(group, year, reviews.groupCycle(year, group.groupId(), group.district()));
    }

    /**
     * As above, the review state read already: a route an expert may use reads it first, for the expert's seat in it
     * decides what the expert may know, the cycle's existence included (404 "No cycle" only to a caller who could
     * see the group in it).
     */
    private Context context(Group group, int year, ReviewStore.GroupCycle state) {
        Cycle cycle = lookups.cycle(year);
        return new Context(group, cycle, lookups.framework(cycle), state);
    }

    // -- stage sheets ----------------------------------------------------------------------------------------------

    /** The group, once the caller may write its sheet of this stage. */
    private Group writable(Caller caller, String groupId, Stage stage) {
        Group group = lookups.group(caller, groupId);
        if (!ReviewRules.canWrite(caller, group, stage)) {
            throw writeRefused(group, stage);
        }
        return group;
    }

    Saved saveDraft(Caller caller, String requestId, String groupId, int year, Stage stage,
                    Supplier<Map<String, Object>> request, Optional<Long> ifMatch, Instant now) {
        Group group = writable(caller, groupId, stage);
        Map<String, Object> body = request.get();
        Context ctx = context(group, year);
        ReviewSheet existing = ctx.state.sheets().get(stage);
        Lookups.precondition(existing == null ? null : existing.version(), ifMatch, stage.code() + " sheet");
        refuseIfSubmitted(existing);
        ReviewRules.checkOpen(ctx.cycle, stage, ctx.state.extension(stage), now, groupId);
        if (stage == Stage.CITY) {
            Lookups.requireRecommended(ctx.state, groupId);
        }
        ReviewRules.checkBody(body, stage, false);
        ReviewSheet next;
        if (stage == Stage.CITY && ctx.cycle.panel().required()) {
            if (body.get("indicators") != null) {
                throw new DomainException(422, "panel-scores-indicators", "The panel scores the indicators",
                        "In cycle " + year + " the city score is the expert panel's aggregate: the city sheet holds "
                                + "only the city's decisions on bonus, veto and fraud.",
                        List.of(new FieldError("/indicators", "not accepted on the city sheet of a panel cycle")));
            }
            next = cityAggregate(ctx, existing, decisions(body), ReviewSheet.DRAFT, caller, now);
        } else {
            ScoredSheet scored = SheetScorer.score(ctx.framework, body, ScoringMode.DRAFT);
            next = sheet(ctx, stage, null, null, existing, input(body), (Boolean) body.get("recommend"),
                    null, scored, null, ReviewSheet.DRAFT, caller, now);
        }
        return write(caller, requestId, ctx, existing, next, AuditRecord.DRAFT_SAVED, List.of(), now);
    }

    Saved submit(Caller caller, String requestId, String groupId, int year, Stage stage,
                 Supplier<Map<String, Object>> request, Optional<Long> ifMatch, Instant now) {
        Group group = writable(caller, groupId, stage);
        Map<String, Object> body = request.get();
        Context ctx = context(group, year);
        ReviewSheet existing = ctx.state.sheets().get(stage);
        if (existing != null && ifMatch.isPresent()) {
            Lookups.precondition(existing.version(), ifMatch, stage.code() + " sheet");
        }
        refuseIfSubmitted(existing);
        ReviewRules.checkOpen(ctx.cycle, stage, ctx.state.extension(stage), now, groupId);
        checkSubmitBody(body, stage);
        boolean panelCycle = stage == Stage.CITY && ctx.cycle.panel().required();
        if (existing == null && !panelCycle) {
            throw DomainException.conflict("no-draft", "Nothing to submit", "Group " + groupId + " has no "
                    + stage.code() + " sheet in cycle " + year + " yet; save a draft with PUT first.");
        }
        if (stage == Stage.CITY) {
            Lookups.requireRecommended(ctx.state, groupId);
        }
        List<ReviewSheet> behind = List.of();
        ReviewSheet next;
        if (panelCycle) {
            behind = checkPanelComplete(ctx, existing);
            next = cityAggregate(ctx, existing, existing == null ? Map.of() : existing.input(), ReviewSheet.SUBMITTED,
                    caller, now);
        } else {
            Boolean recommend = existing.recommend();
            Boolean noSelf = null;
            if (stage == Stage.DISTRICT) {
                if (body.get("recommend") != null) {
                    recommend = (Boolean) body.get("recommend");
                }
                noSelf = checkSelfAssessment(ctx, now);
            }
            ScoredSheet scored = scoreForSubmission(ctx.framework, existing.input());
            if (stage == Stage.DISTRICT) {
                checkRecommendation(recommend, scored, groupId);
            }
            next = sheet(ctx, stage, null, null, existing, existing.input(), recommend, noSelf, scored, null,
                    ReviewSheet.SUBMITTED, caller, now);
        }
        return write(caller, requestId, ctx, existing, next, AuditRecord.SUBMITTED, behind, now);
    }

    Map<String, Object> read(Caller caller, String groupId, int year, Stage stage) {
        Group group = lookups.group(caller, groupId);
        if (caller.is(Role.SCHOOL) && !caller.isSchool(group.coreSchool().code())
                || caller.is(Role.DISTRICT) && !caller.isDistrict(group.district())) {
            throw Lookups.hidden(groupId);
        }
        ReviewStore.GroupCycle state = reviews.groupCycle(year, groupId, group.district());
        if (!ReviewRules.canSee(caller, group, state.panel())) {
            throw Lookups.hidden(groupId);
        }
        Context ctx = context(group, year, state);
        boolean published = caller.is(Role.SCHOOL) && stage != Stage.SELF && publications.published(year);
        if (!ReviewRules.canRead(caller, group, stage, published, ctx.state.panel(), panelComplete(ctx.state),
                ctx.cycle.panel())) {
            throw DomainException.forbidden(caller.is(Role.SCHOOL)
                    ? "The " + stage.en() + " of group " + groupId + " is shown to the school once the results of "
                    + year + " are published."
                    : "You may not read the " + stage.code() + " sheet of group " + groupId + " now.");
        }
        ReviewSheet sheet = ctx.state.sheets().get(stage);
        if (sheet == null) {
            throw DomainException.notFound("Group " + groupId + " has no " + stage.code() + " sheet in cycle " + year
                    + " yet.");
        }
        if (stage == Stage.CITY && !sheet.submitted() && ctx.cycle.panel().required()) {
            // a draft city sheet shows the panel's aggregate as it stands now, not as of the city's last save
            sheet = cityAggregate(ctx, sheet, sheet.input(), ReviewSheet.DRAFT, null, null);
        }
        return sheet.toData();
    }

    // -- expert sheets ---------------------------------------------------------------------------------------------

    Saved saveExpertDraft(Caller caller, String requestId, String groupId, int year, String expertSub,
                          Supplier<Map<String, Object>> request, Optional<Long> ifMatch, Instant now) {
        Context ctx = expertContext(caller, groupId, year, expertSub, now);
        Map<String, Object> body = request.get();
        Panel.Expert seat = ctx.state.panel().seat(expertSub).orElseThrow();
        ReviewSheet existing = ctx.state.expertSheets().get(expertSub);
        Lookups.precondition(existing == null ? null : existing.version(), ifMatch, "expert sheet");
        refuseIfSubmitted(existing);
        ReviewRules.checkBody(body, Stage.CITY, true);
        ScoredSheet scored = SheetScorer.score(ctx.framework, body, ScoringMode.DRAFT);
        ReviewSheet next = sheet(ctx, Stage.CITY, expertSub, seat.name(), existing, input(body), null, null, scored,
                null, ReviewSheet.DRAFT, caller, now);
        return write(caller, requestId, ctx, existing, next, AuditRecord.DRAFT_SAVED, List.of(), now);
    }

    Saved submitExpert(Caller caller, String requestId, String groupId, int year, String expertSub,
                       Supplier<Map<String, Object>> request, Optional<Long> ifMatch, Instant now) {
        Context ctx = expertContext(caller, groupId, year, expertSub, now);
        Map<String, Object> body = request.get();
        Panel.Expert seat = ctx.state.panel().seat(expertSub).orElseThrow();
        ReviewSheet existing = ctx.state.expertSheets().get(expertSub);
        if (existing == null) {
            throw DomainException.conflict("no-draft", "Nothing to submit", "You have no sheet for group " + groupId
                    + " in cycle " + year + " yet; save a draft with PUT first.");
        }
        if (ifMatch.isPresent()) {
            Lookups.precondition(existing.version(), ifMatch, "expert sheet");
        }
        refuseIfSubmitted(existing);
        checkSubmitBody(body, Stage.CITY);
        ScoredSheet scored = scoreForSubmission(ctx.framework, existing.input());
        ReviewSheet next = sheet(ctx, Stage.CITY, expertSub, seat.name(), existing, existing.input(), null, null,
                scored, null, ReviewSheet.SUBMITTED, caller, now);
        return write(caller, requestId, ctx, existing, next, AuditRecord.SUBMITTED, List.of(), now);
    }

    Map<String, Object> readExpert(Caller caller, String groupId, int year, String expertSub) {
        if (!caller.is(Role.CITY) && !caller.is(Role.EXPERT)) {
            throw DomainException.forbidden("Expert sheets are read by the city and by the experts of the panel.");
        }
        Group group = lookups.group(caller, groupId);
        ReviewStore.GroupCycle state = reviews.groupCycle(year, groupId, group.district());
        if (caller.is(Role.EXPERT) && state.panel().seat(caller.subject()).isEmpty()) {
            throw Lookups.hidden(groupId);
        }
        Context ctx = context(group, year, state);
        if (caller.is(Role.EXPERT)) {
            if (!caller.subject().equals(expertSub)
                    && !ReviewRules.peersVisible(ctx.cycle.panel(), panelComplete(ctx.state))) {
                throw DomainException.forbidden("The other experts' sheets of group " + group.groupId()
                        + " are shown once every expert of the panel has submitted"
                        + (CycleRules.NEVER.equals(ctx.cycle.panel().peerVisibility()) ? " (not at all this cycle)"
                        : "") + ".");
            }
        }
        ReviewSheet sheet = ctx.state.expertSheets().get(expertSub);
        if (sheet == null) {
            throw DomainException.notFound("Expert " + expertSub + " has no sheet for group " + groupId + " in cycle "
                    + year + ".");
        }
        return sheet.toData();
    }

    private Context expertContext(Caller caller, String groupId, int year, String expertSub, Instant now) {
        if (!caller.is(Role.EXPERT) || !caller.subject().equals(expertSub)) {
            throw DomainException.forbidden("An expert's sheet is written only by that expert (the token's sub "
                    + "must be " + expertSub + ").");
        }
        Group group = lookups.group(caller, groupId);
        ReviewStore.GroupCycle state = reviews.groupCycle(year, groupId, group.district());
        if (state.panel().seat(expertSub).isEmpty()) {
            throw Lookups.hidden(group.groupId());
        }
        Context ctx = context(group, year, state);
        ReviewSheet city = ctx.state.sheets().get(Stage.CITY);
        if (city != null && city.submitted()) {
            throw DomainException.conflict("city-stage-confirmed", "The city stage is confirmed", "The city confirmed "
                    + "the final score of group " + groupId + " on " + city.submittedAt() + "; expert sheets are "
                    + "closed.");
        }
        ReviewRules.checkOpen(ctx.cycle, Stage.CITY, ctx.state.extension(Stage.CITY), now, groupId);
        return ctx;
    }

    // -- audit -----------------------------------------------------------------------------------------------------

    Page<AuditRecord> audit(Caller caller, String groupId, int year, int limit, String cursor) {
        Group group = lookups.group(caller, groupId);
        if (!caller.is(Role.CITY) && !caller.isDistrict(group.district())) {
            throw Lookups.hidden(groupId);
        }
        lookups.cycle(year);
        return reviews.audit(year, groupId, limit, cursor);
    }

    // -- the city panel's aggregate --------------------------------------------------------------------------------

    /**
     * The city sheet of a panel cycle: per indicator the mean (or trimmed mean) of the submitted expert sheets, with
     * the city's decisions on bonus, veto and fraud, and the panel behind it: each expert's status and total, and
     * the flags and bonus claims the experts raised for the city to decide.
     */
    private ReviewSheet cityAggregate(Context ctx, ReviewSheet existing, Map<String, Object> decisions,
                                      String status, Caller caller, Instant now) {
        List<PanelAggregation.ExpertPoints> points = new ArrayList<>();
        List<Map<String, Object>> experts = new ArrayList<>();
        List<Map<String, Object>> raised = new ArrayList<>();
        for (Panel.Expert expert : ctx.state.panel().experts()) {
            ReviewSheet sheet = ctx.state.expertSheets().get(expert.subject());
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("subject", expert.subject());
            e.put("name", expert.name());
            e.put("affiliation", expert.affiliation());
            e.put("status", sheet == null ? "NOT_STARTED" : sheet.status());
            if (sheet != null && sheet.submitted()) {
                e.put("total", sheet.total());
                e.put("grade", sheet.grade());
                Map<String, BigDecimal> perIndicator = new LinkedHashMap<>();
                Map<String, Score> shown = new LinkedHashMap<>();
                for (String id : ctx.framework.indicatorIds()) {
                    perIndicator.put(id, sheet.indicatorPoints(id));
                    shown.put(id, Score.of(sheet.indicatorPoints(id)));
                }
                e.put("points", shown);
                points.add(new PanelAggregation.ExpertPoints(expert.subject(), expert.name(), perIndicator));
                for (String flag : List.of("veto", "fraud")) {
                    Object value = sheet.input() == null ? null : sheet.input().get(flag);
                    if (ReviewRules.applied(value)) {
                        raised.add(Map.of("expertSub", expert.subject(), "flag", flag,
                                "reason", String.valueOf(((Map<?, ?>) value).get("reason"))));
                    }
                }
                Object bonus = sheet.input() == null ? null : sheet.input().get("bonus");
                if (bonus instanceof Map<?, ?> b && (b.get("level") != null || b.get("items") != null)) {
                    raised.add(Map.of("expertSub", expert.subject(), "flag", "bonus", "claim", bonus));
                }
            }
            experts.add(e);
        }
        PanelAggregation.Result result = PanelAggregation.aggregate(ctx.framework, points, ctx.cycle.panel());
        ScoredSheet scored = SheetScorer.fromIndicatorPoints(ctx.framework, result.points(), result.explanations(),
                decisions.get("bonus"), decisions.get("veto"), decisions.get("fraud"));
        Map<String, Object> panel = new LinkedHashMap<>();
        panel.put("aggregation", result.method());
        panel.put("trimmed", result.trimmed());
        panel.put("minimumSize", ctx.cycle.panel().minimumSize());
        panel.put("assigned", ctx.state.panel().experts().size());
        panel.put("submitted", points.size());
        panel.put("experts", experts);
        panel.put("raised", raised);
        Map<String, Object> input = new LinkedHashMap<>();
        for (String member : List.of("bonus", "veto", "fraud")) {
            if (decisions.containsKey(member)) {
                input.put(member, decisions.get(member));
            }
        }
        if (caller == null) {
            return new ReviewSheet(existing.groupId(), existing.year(), existing.stage(), null, null,
                    existing.district(), existing.status(), existing.input(), null, null, scored.total(),
                    scored.grade().name(), scored.complete(), scored.veto().applied(), scored.veto().reason(),
                    scored.fraud().applied(), scored.fraud().reason(), scored.frameworkId(),
                    scored.frameworkVersion(), breakdown(scored), panel, existing.createdAt(), existing.updatedAt(),
                    existing.updatedBy(), existing.submittedAt(), existing.submittedBy(), existing.version());
        }
        return sheet(ctx, Stage.CITY, null, null, existing, input, null, null, scored, panel, status, caller, now);
    }

    /** Confirmation needs the minimum panel, every seated expert's submission, and a decision on every raised flag. */
    private List<ReviewSheet> checkPanelComplete(Context ctx, ReviewSheet existing) {
        Panel panel = ctx.state.panel();
        int minimum = ctx.cycle.panel().minimumSize();
        if (panel.experts().size() < minimum) {
            throw DomainException.ruleViolation("panel-too-small", "The panel is too small", "Group "
                    + panel.groupId() + " has " + panel.experts().size() + " expert(s) on its panel; cycle "
                    + ctx.cycle.year() + " needs at least " + minimum + " before the city confirms the score.")
                    .with("assigned", panel.experts().size()).with("minimumSize", minimum);
        }
        List<String> missing = new ArrayList<>();
        List<ReviewSheet> submitted = new ArrayList<>();
        for (Panel.Expert expert : panel.experts()) {
            ReviewSheet sheet = ctx.state.expertSheets().get(expert.subject());
            if (sheet == null || !sheet.submitted()) {
                missing.add(expert.subject());
            } else {
                submitted.add(sheet);
            }
        }
        if (!missing.isEmpty()) {
            throw DomainException.ruleViolation("panel-incomplete", "Experts have not submitted", "The city confirms "
                    + "the score of group " + panel.groupId() + " once every expert of its panel has submitted; "
                    + "still missing: " + String.join(", ", missing) + ".").with("missingExperts", missing);
        }
        PanelRules.checkSeatedConflicts(ctx.group(), panel.experts(), reviews.conflictsOf(panel.experts()));
        Map<String, Object> decisions = existing == null || existing.input() == null ? Map.of() : existing.input();
        List<FieldError> undecided = new ArrayList<>();
        for (String member : List.of("veto", "fraud", "bonus")) {
            boolean raised = submitted.stream().anyMatch(s -> {
                Object value = s.input() == null ? null : s.input().get(member);
                return member.equals("bonus") ? value instanceof Map<?, ?> b && (b.get("level") != null
                        || b.get("items") != null) : ReviewRules.applied(value);
            });
            if (raised && !decisions.containsKey(member)) {
                undecided.add(new FieldError("/" + member, "an expert raised " + member + "; the city decides it on "
                        + "the city sheet (PUT …/sheets/city with \"" + member + "\") before confirming"));
            }
        }
        if (!undecided.isEmpty()) {
            throw new DomainException(422, "panel-flags-undecided", "Raised flags need the city's decision",
                    "Experts of the panel raised " + undecided.size() + " matter(s) the city must decide before "
                            + "confirming; they are never applied silently.", undecided);
        }
        return submitted;
    }

    private boolean panelComplete(ReviewStore.GroupCycle state) {
        Panel panel = state.panel();
        return !panel.experts().isEmpty() && panel.experts().stream().allMatch(e -> {
            ReviewSheet s = state.expertSheets().get(e.subject());
            return s != null && s.submitted();
        });
    }

    // -- gates -----------------------------------------------------------------------------------------------------

    /**
     * The district submits after the school's self-assessment, or alone once the self-assessment deadline passed
     * without one (recorded as {@code noSelfAssessment}).
     */
    private static Boolean checkSelfAssessment(Context ctx, Instant now) {
        ReviewSheet self = ctx.state.sheets().get(Stage.SELF);
        if (self != null && self.submitted()) {
            return false;
        }
        if (!ReviewRules.passed(ctx.cycle, Stage.SELF, ctx.state.extension(Stage.SELF), now)) {
            String deadline = CycleRules.FORMAT.format(ReviewRules.deadline(ctx.cycle, Stage.SELF,
                    ctx.state.extension(Stage.SELF)));
            throw DomainException.conflict("self-assessment-pending", "The self-assessment is not submitted yet",
                    "The district submits after the school's self-assessment of group " + ctx.group.groupId()
                            + ", or alone once its deadline " + deadline + " has passed without one.")
                    .with("selfDeadline", deadline).with("selfStatus", self == null ? null : self.status());
        }
        return true;
    }

    /** rules.md §7.2: only groups rated PASS or better are recommended. */
    private static void checkRecommendation(Boolean recommend, ScoredSheet scored, String groupId) {
        if (recommend == null) {
            throw new DomainException(422, "recommendation-required", "The district's recommendation is missing",
                    "The district's submission says whether it recommends group " + groupId + " to the city: "
                            + "set \"recommend\": true or false.",
                    List.of(new FieldError("/recommend", "is required when the district submits")));
        }
        if (recommend && scored.grade() == Grade.FAIL) {
            throw new DomainException(422, "recommendation-below-pass", "Only groups rated PASS or better are "
                    + "recommended", "Group " + groupId + " scores " + scored.total() + " ("
                    + scored.grade().name() + ") in the district review; the district recommends only groups rated "
                    + "PASS or better " + RuleBook.DISTRICT_REVIEW.citation() + ".",
                    List.of(new FieldError("/recommend", "cannot be true for a group graded FAIL")))
                    .with("total", scored.total()).with("grade", scored.grade().name());
        }
    }

    private static void checkSubmitBody(Map<String, Object> body, Stage stage) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!key.equals("recommend")) {
                errors.add(new FieldError("/" + key, "a submission takes no changes but the district's recommend; "
                        + "save changes with PUT first"));
            }
        }
        if (body.get("recommend") != null && stage != Stage.DISTRICT) {
            errors.add(new FieldError("/recommend", "only the district stage recommends a group to the city"));
        } else if (body.containsKey("recommend") && !(body.get("recommend") instanceof Boolean)) {
            errors.add(new FieldError("/recommend", "must be true or false"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("the submission has " + errors.size() + " invalid field"
                    + (errors.size() == 1 ? "" : "s"), errors);
        }
    }

    private static ScoredSheet scoreForSubmission(Framework framework, Map<String, Object> input) {
        try {
            return SheetScorer.score(framework, input, ScoringMode.SUBMISSION);
        } catch (DomainException e) {
            if (e.status() != 400) {
                throw e;
            }
            throw new DomainException(422, "sheet-incomplete", "The sheet is not complete",
                    "A submitted sheet scores every indicator; " + e.errors().size() + " field(s) still need a value "
                            + "(save them with PUT, then submit).", e.errors());
        }
    }

    private static void refuseIfSubmitted(ReviewSheet existing) {
        if (existing != null && existing.submitted()) {
            throw DomainException.conflict("sheet-submitted", "The sheet is submitted", "This "
                    + (existing.isExpertSheet() ? "expert" : existing.stage()) + " sheet was submitted on "
                    + existing.submittedAt() + " by " + existing.submittedBy() + "; a submitted sheet never changes.")
                    .with("submittedAt", existing.submittedAt().toString());
        }
    }

    private static DomainException writeRefused(Group group, Stage stage) {
        return DomainException.forbidden("The " + stage.en() + " of group " + group.groupId() + " is written by "
                + switch (stage) {
                    case SELF -> "its core school";
                    case DISTRICT -> "its district";
                    case CITY -> "the city";
                } + ".");
    }

    // -- building and writing --------------------------------------------------------------------------------------

    private static Map<String, Object> input(Map<String, Object> body) {
        Map<String, Object> input = new LinkedHashMap<>();
        for (String member : List.of("indicators", "bonus", "veto", "fraud")) {
            if (body.get(member) != null) {
                input.put(member, body.get(member));
            }
        }
        return input;
    }

    private static Map<String, Object> decisions(Map<String, Object> body) {
        Map<String, Object> decisions = new LinkedHashMap<>();
        for (String member : List.of("bonus", "veto", "fraud")) {
            if (body.containsKey(member)) {
                decisions.put(member, body.get(member));
            }
        }
        return decisions;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> breakdown(ScoredSheet scored) {
        return Json.MAPPER.convertValue(scored, Map.class);
    }

    private static ReviewSheet sheet(Context ctx, Stage stage, String expertSub, String expertName,
                                     ReviewSheet existing, Map<String, Object> input, Boolean recommend,
                                     Boolean noSelf, ScoredSheet scored, Map<String, Object> panel, String status,
                                     Caller caller, Instant now) {
        boolean submitting = ReviewSheet.SUBMITTED.equals(status);
        return new ReviewSheet(ctx.group.groupId(), ctx.cycle.year(), stage.code(), expertSub, expertName,
                ctx.group.district(), status, input, recommend, noSelf, scored.total(), scored.grade().name(),
                scored.complete(), scored.veto().applied(), scored.veto().reason(), scored.fraud().applied(),
                scored.fraud().reason(), scored.frameworkId(), scored.frameworkVersion(), breakdown(scored), panel,
                existing == null ? now : existing.createdAt(), now, caller.describe(), submitting ? now : null,
                submitting ? caller.describe() : null, existing == null ? 1 : existing.version() + 1);
    }

    private Saved write(Caller caller, String requestId, Context ctx, ReviewSheet existing, ReviewSheet next,
                        String action, List<ReviewSheet> unchanged, Instant now) {
        Changes changes = new Changes(Ids.newId(Identifiers.CHANGE), requestId, caller, now, ctx.group.groupId(),
                ctx.cycle.year());
        changes.sheet(existing, next, ctx.framework.indicatorIds(), action);
        if (changes.isEmpty() && existing != null) {
            return new Saved(existing, false);
        }
        String what = next.isExpertSheet() ? "expert sheet" : next.stage() + " sheet";
        var tx = reviews.transaction().sheet(next, existing == null ? null : existing.version(),
                () -> Lookups.staleOrCreated(what));
        if (!ctx.cycle.frameworkLocked()) {
            tx.lockFramework(ctx.cycle);
        }
        for (ReviewSheet sheet : unchanged) {
            tx.unchanged(sheet, () -> Lookups.staleOrCreated("expert sheet of " + sheet.expertSub()));
        }
        if (next.isExpertSheet() || !unchanged.isEmpty()) {
            tx.panelUnchanged(ctx.state.panel(), () -> DomainException.conflict("panel-changed", "The panel changed",
                    "The panel of group " + ctx.group.groupId() + " changed meanwhile; read it and try again."));
        }
        tx.audit(changes.records()).commit();
        return new Saved(next, existing == null);
    }
}
