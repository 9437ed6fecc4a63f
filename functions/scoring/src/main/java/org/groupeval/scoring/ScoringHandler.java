package org.groupeval.scoring;

import io.micronaut.context.ApplicationContextBuilder;
import jakarta.inject.Inject;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.review.BulkPanelRequest;
import org.groupeval.domain.review.ConflictRequest;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.CycleRequest;
import org.groupeval.domain.review.CycleRules;
import org.groupeval.domain.review.ExtensionRequest;
import org.groupeval.domain.review.PanelRequest;
import org.groupeval.domain.review.Participant;
import org.groupeval.domain.review.ParticipantRequest;
import org.groupeval.domain.review.ReviewAccess;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.SheetRequest;
import org.groupeval.domain.review.Stage;
import org.groupeval.store.ReviewStore;
import org.groupeval.web.ApiHandler;
import org.groupeval.web.ApiRequest;
import org.groupeval.web.ApiResponse;
import org.groupeval.web.PageTokens;
import org.groupeval.web.Route;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Lambda entry point of the scoring function (docs/api.md): yearly cycles and extensions, the three stages' score
 * sheets, the city's expert panels and their sheets, the audit trail and the progress view.
 */
public class ScoringHandler extends ApiHandler {

    @Inject
    Cycles cycles;
    @Inject
    Sheets sheets;
    @Inject
    Panels panels;
    @Inject
    Participants participants;
    @Inject
    Lookups lookups;
    @Inject
    Clock clock;
    @Inject
    PageTokens pageTokens;

    private final Map<String, Route> routes = routeTable(
            "POST /cycles", (Route) this::createCycle,
            "GET /cycles", (Route) this::listCycles,
            "GET /cycles/{year}", (Route) this::readCycle,
            "PATCH /cycles/{year}", (Route) this::patchCycle,
            "POST /cycles/{year}/extensions", (Route) this::grantExtension,
            "GET /cycles/{year}/progress", (Route) this::progress,
            "GET /cycles/{year}/participants", (Route) this::listParticipants,
            "GET /cycles/{year}/participants/{groupId}", (Route) this::readParticipant,
            "PUT /cycles/{year}/participants/{groupId}", (Route) this::changeParticipant,
            "PUT /groups/{groupId}/cycles/{year}/sheets/{stage}", (Route) this::saveSheet,
            "GET /groups/{groupId}/cycles/{year}/sheets/{stage}", (Route) this::readSheet,
            "POST /groups/{groupId}/cycles/{year}/sheets/{stage}/submit", (Route) this::submitSheet,
            "PUT /groups/{groupId}/cycles/{year}/panel", (Route) this::assignPanel,
            "PUT /cycles/{year}/panels", (Route) this::assignPanels,
            "GET /groups/{groupId}/cycles/{year}/panel", (Route) this::readPanel,
            "PUT /groups/{groupId}/cycles/{year}/sheets/city/experts/{expertSub}", (Route) this::saveExpertSheet,
            "GET /groups/{groupId}/cycles/{year}/sheets/city/experts/{expertSub}", (Route) this::readExpertSheet,
            "POST /groups/{groupId}/cycles/{year}/sheets/city/experts/{expertSub}/submit",
            (Route) this::submitExpertSheet,
            "GET /groups/{groupId}/cycles/{year}/audit", (Route) this::audit,
            "POST /experts/{expertSub}/conflicts", (Route) this::declareConflict,
            "GET /experts/{expertSub}/conflicts", (Route) this::listConflicts,
            "GET /experts/{expertSub}/assignments", (Route) this::listAssignments);

    /** The constructor Lambda calls. */
    public ScoringHandler() {
        super(Cycle.class, ReviewSheet.class);
    }

    /** Tests start the handler with their own settings or beans. */
    public ScoringHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    @Override
    protected Map<String, Route> routes() {
        return routes;
    }

    private Instant now() {
        return clock.instant();
    }

    private static String requestId(ApiRequest request) {
        return request.requestId() != null ? request.requestId() : UUID.randomUUID().toString();
    }

    // -- cycles ----------------------------------------------------------------------------------------------------

    ApiResponse createCycle(ApiRequest request) {
        Caller caller = request.caller();
        ReviewAccess.cityOnly(caller, "creates cycles");
        ReviewStore.CreatedCycle created = cycles.create(caller, request.bodyAs(CycleRequest.class),
                request.header("Idempotency-Key"), now());
        ApiResponse response = ApiResponse.created(created.cycle(), "/cycles/" + created.cycle().year())
                .etag(created.cycle().version());
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    ApiResponse listCycles(ApiRequest request) {
        request.caller();
        return ApiResponse.ok(Map.of("items", lookups.cycles()));
    }

    ApiResponse readCycle(ApiRequest request) {
        request.caller();
        Cycle cycle = lookups.cycle(request.year());
        return ApiResponse.ok(cycle).etag(cycle.version());
    }

    ApiResponse patchCycle(ApiRequest request) {
        Caller caller = request.caller();
        int year = request.year();
        Optional<Long> ifMatch = request.ifMatchVersion();
        ReviewAccess.cityOnly(caller, "changes cycles");
        Cycle cycle = cycles.patch(caller, year, request.bodyAs(CycleRequest.class), ifMatch, now());
        return ApiResponse.ok(cycle).etag(cycle.version());
    }

    ApiResponse grantExtension(ApiRequest request) {
        Caller caller = request.caller();
        int year = request.year();
        ReviewAccess.cityOnly(caller, "grants extensions");
        Cycles.Granted granted = cycles.grantExtension(caller, requestId(request), year,
                request.bodyAs(ExtensionRequest.class), request.header("Idempotency-Key"), now());
        ApiResponse response = ApiResponse.created(granted.extension(), "/groups/" + granted.extension().groupId()
                + "/cycles/" + year + "/sheets/" + granted.extension().stage().code());
        return granted.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    ApiResponse progress(ApiRequest request) {
        Caller caller = request.caller();
        return ApiResponse.ok(cycles.progress(caller, request.year(), request.query("district"), now()));
    }

    // -- stage sheets ----------------------------------------------------------------------------------------------

    ApiResponse saveSheet(ApiRequest request) {
        Caller caller = request.caller();
        String groupId = request.groupId();
        int year = request.year();
        Stage stage = request.stage();
        Optional<Long> ifMatch = request.ifMatchVersion();
        Group group = sheets.writable(caller, groupId, stage);
        Sheets.Saved saved = sheets.saveDraft(caller, requestId(request), group, year, stage,
                request.bodyAs(SheetRequest.class), ifMatch, now());
        return sheetResponse(saved);
    }

    ApiResponse readSheet(ApiRequest request) {
        Caller caller = request.caller();
        ReviewSheet sheet = sheets.read(caller, request.groupId(), request.year(), request.stage());
        return ApiResponse.ok(sheet).etag(sheet.version());
    }

    ApiResponse submitSheet(ApiRequest request) {
        Caller caller = request.caller();
        String groupId = request.groupId();
        int year = request.year();
        Stage stage = request.stage();
        Optional<Long> ifMatch = request.ifMatchVersion();
        Group group = sheets.writable(caller, groupId, stage);
        Sheets.Saved saved = sheets.submit(caller, requestId(request), group, year, stage, submission(request),
                ifMatch, now());
        return ApiResponse.ok(saved.sheet()).etag(saved.sheet().version());
    }

    /** A submission's optional body: no body (or a blank one) submits without a change. */
    private static SheetRequest.Submission submission(ApiRequest request) {
        return request.hasBody() ? request.bodyAs(SheetRequest.Submission.class) : SheetRequest.Submission.NONE;
    }

    private static ApiResponse sheetResponse(Sheets.Saved saved) {
        ApiResponse response = saved.created()
                ? ApiResponse.created(saved.sheet(), location(saved))
                : ApiResponse.ok(saved.sheet());
        return response.etag(saved.sheet().version());
    }

    private static String location(Sheets.Saved saved) {
        String base = "/groups/" + saved.sheet().groupId() + "/cycles/" + saved.sheet().year() + "/sheets/"
                + saved.sheet().stage().code();
        return saved.sheet().expertSub() == null ? base : base + "/experts/" + saved.sheet().expertSub();
    }

    // -- panels and expert sheets ----------------------------------------------------------------------------------

    ApiResponse assignPanel(ApiRequest request) {
        Caller caller = request.caller();
        String groupId = request.groupId();
        int year = request.year();
        Optional<Long> ifMatch = request.ifMatchVersion();
        Group group = panels.assignable(caller, groupId);
        Panels.Assigned assigned = panels.assign(caller, requestId(request), group, year,
                request.bodyAs(PanelRequest.class), ifMatch, now());
        ApiResponse response = assigned.created()
                ? ApiResponse.created(assigned.view(), "/groups/" + groupId + "/cycles/" + year + "/panel")
                : ApiResponse.ok(assigned.view());
        return response.etag(assigned.version());
    }

    /** One panel on many groups of a cycle; 200 with each group's result (Panels.assignMany). */
    ApiResponse assignPanels(ApiRequest request) {
        Caller caller = request.caller();
        int year = request.year();
        ReviewAccess.cityOnly(caller, "assigns experts to panels");
        BulkPanelRequest body = request.bodyAs(BulkPanelRequest.class);
        List<Panels.BulkResult> results = panels.assignMany(caller, requestId(request), year, body, now());
        Map<String, Long> counts = new TreeMap<>(results.stream().collect(
                Collectors.groupingBy(Panels.BulkResult::status, Collectors.counting())));
        return ApiResponse.ok(Map.of("year", year, "counts", counts, "results", results));
    }

    ApiResponse readPanel(ApiRequest request) {
        Caller caller = request.caller();
        Panels.Assigned panel = panels.read(caller, request.groupId(), request.year());
        return ApiResponse.ok(panel.view()).etag(panel.version());
    }

    ApiResponse saveExpertSheet(ApiRequest request) {
        Caller caller = request.caller();
        String groupId = request.groupId();
        int year = request.year();
        String expertSub = request.expertSub();
        Optional<Long> ifMatch = request.ifMatchVersion();
        Sheets.Context context = sheets.expertWritable(caller, groupId, year, expertSub, now());
        Sheets.Saved saved = sheets.saveExpertDraft(caller, requestId(request), context, expertSub,
                request.bodyAs(SheetRequest.class), ifMatch, now());
        return sheetResponse(saved);
    }

    ApiResponse readExpertSheet(ApiRequest request) {
        Caller caller = request.caller();
        ReviewSheet sheet = sheets.readExpert(caller, request.groupId(), request.year(), request.expertSub());
        return ApiResponse.ok(sheet).etag(sheet.version());
    }

    ApiResponse submitExpertSheet(ApiRequest request) {
        Caller caller = request.caller();
        String groupId = request.groupId();
        int year = request.year();
        String expertSub = request.expertSub();
        Optional<Long> ifMatch = request.ifMatchVersion();
        Sheets.Context context = sheets.expertWritable(caller, groupId, year, expertSub, now());
        Sheets.Saved saved = sheets.submitExpert(caller, requestId(request), context, expertSub, submission(request),
                ifMatch, now());
        return ApiResponse.ok(saved.sheet()).etag(saved.sheet().version());
    }

    // -- participants ----------------------------------------------------------------------------------------------

    ApiResponse listParticipants(ApiRequest request) {
        Caller caller = request.caller();
        int year = request.year();
        PageTokens.Paging paging = pageTokens.paging(request);
        return ApiResponse.ok(paging.next(participants.list(caller, year, request.query("district"),
                request.limit(), paging.start())));
    }

    ApiResponse readParticipant(ApiRequest request) {
        Caller caller = request.caller();
        int year = request.year();
        ParticipantView view = participants.read(caller, year, request.groupId());
        return ApiResponse.ok(view).etag(view.participant().version());
    }

    ApiResponse changeParticipant(ApiRequest request) {
        Caller caller = request.caller();
        int year = request.year();
        Group group = participants.changeable(caller, request.groupId());
        Participants.Changed changed = participants.change(caller, requestId(request), group, year,
                request.bodyAs(ParticipantRequest.class), request.ifMatchVersion(), now());
        Participant saved = changed.participant();
        return (changed.created() ? ApiResponse.created(saved, "/cycles/" + year + "/participants/"
                + saved.groupId()) : ApiResponse.ok(saved)).etag(saved.version());
    }

    // -- audit and conflicts ---------------------------------------------------------------------------------------

    ApiResponse audit(ApiRequest request) {
        Caller caller = request.caller();
        PageTokens.Paging paging = pageTokens.paging(request);
        return ApiResponse.ok(paging.next(sheets.audit(caller, request.groupId(), request.year(),
                request.limit(), paging.start())));
    }

    ApiResponse declareConflict(ApiRequest request) {
        Caller caller = request.caller();
        String expertSub = request.expertSub();
        ReviewAccess.checkDeclareConflict(caller, expertSub);
        Panels.Declared declared = panels.declare(caller, expertSub, request.bodyAs(ConflictRequest.class), now());
        return ApiResponse.created(declared, "/experts/" + declared.expertSub() + "/conflicts");
    }

    ApiResponse listConflicts(ApiRequest request) {
        Caller caller = request.caller();
        return ApiResponse.ok(Map.of("items", panels.conflicts(caller, request.expertSub())));
    }

    ApiResponse listAssignments(ApiRequest request) {
        Caller caller = request.caller();
        Integer year = request.query("year").map(raw -> CycleRules.year(raw, "/query/year",
                "year must be a four-digit year from 2000 to 2100, e.g. 2026")).orElse(null);
        return ApiResponse.ok(Map.of("items", panels.assignments(caller, request.expertSub(), year)));
    }
}
