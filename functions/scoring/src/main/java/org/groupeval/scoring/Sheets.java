package org.groupeval.scoring;

import jakarta.inject.Singleton;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.review.AuditAction;
import org.groupeval.domain.review.AuditRecord;
import org.groupeval.domain.review.Changes;
import org.groupeval.domain.review.CityPanel;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.GroupReview;
import org.groupeval.domain.review.Panel;
import org.groupeval.domain.review.PanelRules;
import org.groupeval.domain.review.ParticipationRules;
import org.groupeval.domain.review.PanelScore;
import org.groupeval.domain.review.ReviewAccess;
import org.groupeval.domain.review.ReviewRules;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.SheetGates;
import org.groupeval.domain.review.SheetRequest;
import org.groupeval.domain.review.SheetStatus;
import org.groupeval.domain.review.Stage;
import org.groupeval.domain.scoring.ScoredSheet;
import org.groupeval.domain.scoring.ScoringMode;
import org.groupeval.domain.scoring.SheetEntry;
import org.groupeval.domain.scoring.SheetScorer;
import org.groupeval.store.Ids;
import org.groupeval.store.Page;
import org.groupeval.store.Publications;
import org.groupeval.store.ReviewStore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Score sheets (rules.md §5.3, §7): drafts, submission, the gates between the stages ({@link SheetGates}), the
 * expert sheets of the city stage and the panel aggregate CITY confirms ({@link CityPanel}). Every accepted change is
 * stored with its audit records in one transaction; a refused one writes nothing. Who may do what is
 * {@link ReviewAccess}; a route checks it before it reads the body.
 */
@Singleton
class Sheets {

    /** A written sheet and whether this request created it. */
    record Saved(ReviewSheet sheet, boolean created) {
    }

    /** The group, its cycle and framework, and its review in that cycle, as one request reads them. */
    record Context(Group group, Cycle cycle, Framework framework, GroupReview review) {
    }

    private final Lookups lookups;
    private final ReviewStore reviews;
    private final Publications publications;

    Sheets(Lookups lookups, ReviewStore reviews, Publications publications) {
        this.lookups = lookups;
        this.reviews = reviews;
        this.publications = publications;
    }

    /** The cycle, its framework and the group's review state, for a group the caller has already been let see. */
    private Context context(Group group, int year) {
        return context(group, year, reviews.groupReview(year, group.groupId(), group.district()));
    }

    /**
     * As above, the review state read already: a route an expert may use reads it first, for the expert's seat in it
     * decides what the expert may know, the cycle's existence included (404 "No cycle" only to a caller who could
     * see the group in it).
     */
    private Context context(Group group, int year, GroupReview review) {
        Cycle cycle = lookups.cycle(year);
        return new Context(group, cycle, lookups.framework(cycle), review);
    }

    // -- stage sheets ----------------------------------------------------------------------------------------------

    /** The group, once the caller may write its sheet of this stage (checked before the body is read). */
    Group writable(Caller caller, String groupId, Stage stage) {
        Group group = lookups.group(caller, groupId);
        ReviewAccess.checkWriteSheet(caller, group, stage);
        return group;
    }

    Saved saveDraft(Caller caller, String requestId, Group group, int year, Stage stage, SheetRequest body,
                    Optional<Long> ifMatch, Instant now) {
        Context ctx = context(group, year);
        ParticipationRules.checkTakesPart(ctx.review().participant(), group.groupId(), year);
        ReviewSheet existing = ctx.review().sheet(stage);
        Lookups.precondition(existing == null ? null : existing.version(), ifMatch, stage.code() + " sheet");
        SheetGates.refuseIfSubmitted(existing);
        ReviewRules.checkOpen(ctx.cycle(), stage, ctx.review().extension(stage), now, group.groupId());
        if (stage == Stage.CITY) {
            SheetGates.requireRecommended(ctx.review().sheet(Stage.DISTRICT), group.groupId());
        }
        ReviewRules.checkSheet(body, stage, false);
        ReviewSheet next;
        if (stage == Stage.CITY && ctx.cycle().panel().required()) {
            CityPanel.checkDecisionsOnly(body, year);
            next = cityAggregate(ctx, existing, CityPanel.decisions(body), SheetStatus.DRAFT, caller, now);
        } else {
            ScoredSheet scored = SheetScorer.score(ctx.framework(), body.entry(), ScoringMode.DRAFT);
            next = sheet(ctx, stage, null, existing, body.entry(), body.recommend(), null, scored, null,
                    SheetStatus.DRAFT, caller, now);
        }
        return write(caller, requestId, ctx, existing, next, AuditAction.DRAFT_SAVED, List.of(), now);
    }

    Saved submit(Caller caller, String requestId, Group group, int year, Stage stage,
                 SheetRequest.Submission body, Optional<Long> ifMatch, Instant now) {
        String groupId = group.groupId();
        Context ctx = context(group, year);
        ParticipationRules.checkTakesPart(ctx.review().participant(), groupId, year);
        ReviewSheet existing = ctx.review().sheet(stage);
        if (existing != null && ifMatch.isPresent()) {
            Lookups.precondition(existing.version(), ifMatch, stage.code() + " sheet");
        }
        SheetGates.refuseIfSubmitted(existing);
        ReviewRules.checkOpen(ctx.cycle(), stage, ctx.review().extension(stage), now, groupId);
        ReviewRules.checkSubmission(body, stage);
        boolean panelCycle = stage == Stage.CITY && ctx.cycle().panel().required();
        if (existing == null && !panelCycle) {
            throw SheetGates.noDraft(groupId, stage, year);
        }
        if (stage == Stage.CITY) {
            SheetGates.requireRecommended(ctx.review().sheet(Stage.DISTRICT), groupId);
        }
        if (panelCycle) {
            // the city confirms the panel's aggregate: every seated expert's sheet, unchanged, and its decisions
            Panel panel = ctx.review().panel();
            SheetEntry decisions = existing == null || existing.input() == null ? SheetEntry.EMPTY : existing.input();
            List<ReviewSheet> behind = CityPanel.checkSubmitted(ctx.cycle(), panel, ctx.review().expertSheets());
            PanelRules.checkSeatedConflicts(group, panel.experts(), reviews.conflictsOf(panel.experts()));
            CityPanel.checkDecided(behind, decisions);
            ReviewSheet next = cityAggregate(ctx, existing, decisions, SheetStatus.SUBMITTED, caller, now);
            return write(caller, requestId, ctx, existing, next, AuditAction.SUBMITTED, behind, now);
        }
        Boolean recommend = existing.recommend();
        Boolean noSelf = null;
        if (stage == Stage.DISTRICT) {
            if (body.recommend() != null) {
                recommend = body.recommend();
            }
            noSelf = SheetGates.submitsWithoutSelfAssessment(ctx.cycle(), ctx.review().sheet(Stage.SELF),
                    ctx.review().extension(Stage.SELF), groupId, now);
        }
        ScoredSheet scored = SheetGates.scoreForSubmission(ctx.framework(), existing.input());
        if (stage == Stage.DISTRICT) {
            SheetGates.checkRecommendation(recommend, scored, groupId);
        }
        ReviewSheet next = sheet(ctx, stage, null, existing, existing.input(), recommend, noSelf, scored, null,
                SheetStatus.SUBMITTED, caller, now);
        return write(caller, requestId, ctx, existing, next, AuditAction.SUBMITTED, List.of(), now);
    }

    ReviewSheet read(Caller caller, String groupId, int year, Stage stage) {
        Group group = lookups.group(caller, groupId);
        ReviewAccess.checkKnowsGroup(caller, group);
        GroupReview review = reviews.groupReview(year, groupId, group.district());
        ReviewAccess.checkSeesReview(caller, group, review.panel());
        Context ctx = context(group, year, review);
        boolean published = ReviewAccess.readDependsOnPublication(caller, stage) && publications.published(year);
        ReviewAccess.checkReadSheet(caller, group, stage, year, published,
                ctx.cycle().panel().peerVisibility().visible(review.panelComplete()));
        ReviewSheet sheet = review.sheet(stage);
        if (sheet == null) {
            throw DomainException.notFound("Group " + groupId + " has no " + stage.code() + " sheet in cycle " + year
                    + " yet.");
        }
        if (stage == Stage.CITY && !sheet.submitted() && ctx.cycle().panel().required()) {
            // a draft city sheet shows the panel's aggregate as it stands now, not as of the city's last save
            CityPanel.Aggregate now = aggregate(ctx, sheet.input());
            sheet = new ReviewSheet(sheet.groupId(), sheet.year(), sheet.stage(), null, null, sheet.district(),
                    sheet.status(), sheet.input(), null, null, now.score(), now.panel(), sheet.createdAt(),
                    sheet.updatedAt(), sheet.updatedBy(), sheet.submittedAt(), sheet.submittedBy(), sheet.version());
        }
        return sheet;
    }

    // -- expert sheets ---------------------------------------------------------------------------------------------

    /**
     * An expert's own sheet, once its expert may write it now (checked before the body is read): the expert's seat,
     * the cycle, the city stage not confirmed and still open for the group.
     */
    Context expertWritable(Caller caller, String groupId, int year, String expertSub, Instant now) {
        ReviewAccess.checkWriteExpertSheet(caller, expertSub);
        Group group = lookups.group(caller, groupId);
        GroupReview review = reviews.groupReview(year, groupId, group.district());
        ReviewAccess.checkSeated(caller, review.panel(), group.groupId());
        Context ctx = context(group, year, review);
        ParticipationRules.checkTakesPart(review.participant(), groupId, year);
        CityPanel.checkExpertSheetsOpen(review.sheet(Stage.CITY), groupId);
        ReviewRules.checkOpen(ctx.cycle(), Stage.CITY, review.extension(Stage.CITY), now, groupId);
        return ctx;
    }

    Saved saveExpertDraft(Caller caller, String requestId, Context ctx, String expertSub, SheetRequest body,
                          Optional<Long> ifMatch, Instant now) {
        Panel.Expert seat = ctx.review().panel().seat(expertSub).orElseThrow();
        ReviewSheet existing = ctx.review().expertSheets().get(expertSub);
        Lookups.precondition(existing == null ? null : existing.version(), ifMatch, "expert sheet");
        SheetGates.refuseIfSubmitted(existing);
        ReviewRules.checkSheet(body, Stage.CITY, true);
        ScoredSheet scored = SheetScorer.score(ctx.framework(), body.entry(), ScoringMode.DRAFT);
        ReviewSheet next = sheet(ctx, Stage.CITY, seat, existing, body.entry(), null, null, scored, null,
                SheetStatus.DRAFT, caller, now);
        return write(caller, requestId, ctx, existing, next, AuditAction.DRAFT_SAVED, List.of(), now);
    }

    Saved submitExpert(Caller caller, String requestId, Context ctx, String expertSub, SheetRequest.Submission body,
                       Optional<Long> ifMatch, Instant now) {
        Panel.Expert seat = ctx.review().panel().seat(expertSub).orElseThrow();
        ReviewSheet existing = ctx.review().expertSheets().get(expertSub);
        if (existing == null) {
            throw SheetGates.noExpertDraft(ctx.group().groupId(), ctx.cycle().year());
        }
        if (ifMatch.isPresent()) {
            Lookups.precondition(existing.version(), ifMatch, "expert sheet");
        }
        SheetGates.refuseIfSubmitted(existing);
        ReviewRules.checkSubmission(body, Stage.CITY);
        ScoredSheet scored = SheetGates.scoreForSubmission(ctx.framework(), existing.input());
        ReviewSheet next = sheet(ctx, Stage.CITY, seat, existing, existing.input(), null, null, scored, null,
                SheetStatus.SUBMITTED, caller, now);
        return write(caller, requestId, ctx, existing, next, AuditAction.SUBMITTED, List.of(), now);
    }

    ReviewSheet readExpert(Caller caller, String groupId, int year, String expertSub) {
        ReviewAccess.checkReadExpertSheets(caller);
        Group group = lookups.group(caller, groupId);
        GroupReview review = reviews.groupReview(year, groupId, group.district());
        ReviewAccess.checkSeated(caller, review.panel(), groupId);
        Context ctx = context(group, year, review);
        ReviewAccess.checkReadPeerSheet(caller, expertSub, ctx.cycle().panel().peerVisibility(),
                review.panelComplete(), group.groupId());
        ReviewSheet sheet = review.expertSheets().get(expertSub);
        if (sheet == null) {
            throw DomainException.notFound("Expert " + expertSub + " has no sheet for group " + groupId + " in cycle "
                    + year + ".");
        }
        return sheet;
    }

    // -- audit -----------------------------------------------------------------------------------------------------

    Page<AuditRecord> audit(Caller caller, String groupId, int year, int limit, String cursor) {
        Group group = lookups.group(caller, groupId);
        ReviewAccess.checkReadAudit(caller, group);
        lookups.cycle(year);
        return reviews.audit(year, groupId, limit, cursor);
    }

    // -- building and writing --------------------------------------------------------------------------------------

    /** The panel's aggregate now, with the city's decisions. */
    private static CityPanel.Aggregate aggregate(Context ctx, SheetEntry decisions) {
        return CityPanel.aggregate(ctx.framework(), ctx.cycle().panel(), ctx.review().panel(),
                ctx.review().expertSheets(), decisions == null ? SheetEntry.EMPTY : decisions);
    }

    /** The city sheet of a panel cycle: the panel's aggregate with the city's decisions ({@link CityPanel}). */
    private static ReviewSheet cityAggregate(Context ctx, ReviewSheet existing, SheetEntry decisions,
                                             SheetStatus status, Caller caller, Instant now) {
        CityPanel.Aggregate aggregate = aggregate(ctx, decisions);
        return sheet(ctx, Stage.CITY, null, existing, decisions, null, null, aggregate.score(), aggregate.panel(),
                status, caller, now);
    }

    /** The sheet as written now: a stage sheet, or ({@code seat} given) that expert's own sheet of the city stage. */
    private static ReviewSheet sheet(Context ctx, Stage stage, Panel.Expert seat, ReviewSheet existing,
                                     SheetEntry input, Boolean recommend, Boolean noSelf, ScoredSheet scored,
                                     PanelScore panel, SheetStatus status, Caller caller, Instant now) {
        boolean submitting = status == SheetStatus.SUBMITTED;
        return new ReviewSheet(ctx.group().groupId(), ctx.cycle().year(), stage,
                seat == null ? null : seat.subject(), seat == null ? null : seat.name(), ctx.group().district(),
                status, input, recommend, noSelf, scored, panel, existing == null ? now : existing.createdAt(), now,
                caller.describe(), submitting ? now : null, submitting ? caller.describe() : null,
                existing == null ? 1 : existing.version() + 1);
    }

    private Saved write(Caller caller, String requestId, Context ctx, ReviewSheet existing, ReviewSheet next,
                        AuditAction action, List<ReviewSheet> unchanged, Instant now) {
        Changes changes = new Changes(Ids.newId(Identifiers.CHANGE), requestId, caller, now, ctx.group().groupId(),
                ctx.cycle().year());
        changes.sheet(existing, next, ctx.framework().indicatorIds(), action);
        if (changes.isEmpty() && existing != null) {
            return new Saved(existing, false);
        }
        String what = next.isExpertSheet() ? "expert sheet" : next.stage().code() + " sheet";
        var tx = reviews.transaction().sheet(next, existing == null ? null : existing.version(),
                () -> Lookups.staleOrCreated(what));
        if (!ctx.cycle().frameworkLocked()) {
            tx.lockFramework(ctx.cycle(), () -> DomainException.conflict("cycle-changed", "The cycle changed",
                    "Cycle " + ctx.cycle().year() + " was changed while this sheet was saved; read the cycle and try "
                            + "again."));
        }
        // a withdrawal committed meanwhile refuses the sheet: the participation must be as read
        tx.stillEnrolled(ctx.cycle().year(), ctx.group().groupId(), () -> ParticipationRules.notParticipant(
                null, ctx.group().groupId(), ctx.cycle().year()));
        for (ReviewSheet sheet : unchanged) {
            tx.unchanged(sheet, () -> Lookups.staleOrCreated("expert sheet of " + sheet.expertSub()));
        }
        if (next.isExpertSheet() || !unchanged.isEmpty()) {
            tx.panelUnchanged(ctx.review().panel(), () -> DomainException.conflict("panel-changed",
                    "The panel changed", "The panel of group " + ctx.group().groupId() + " changed meanwhile; read "
                            + "it and try again."));
        }
        tx.audit(changes.records()).commit();
        return new Saved(next, existing == null);
    }
}
