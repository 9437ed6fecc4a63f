package org.groupeval.scoring;

import io.micronaut.context.ApplicationContextBuilder;
import jakarta.inject.Inject;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.CycleRules;
import org.groupeval.domain.review.DeclaredConflict;
import org.groupeval.store.ReviewStore;
import org.groupeval.web.ApiHandler;
import org.groupeval.web.ApiRequest;
import org.groupeval.web.ApiResponse;
import org.groupeval.web.Json;
import org.groupeval.web.PageTokens;
import org.groupeval.web.Route;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

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
            "PUT /groups/{groupId}/cycles/{year}/sheets/{stage}", (Route) this::saveSheet,
            "GET /groups/{groupId}/cycles/{year}/sheets/{stage}", (Route) this::readSheet,
            "POST /groups/{groupId}/cycles/{year}/sheets/{stage}/submit", (Route) this::submitSheet,
            "PUT /groups/{groupId}/cycles/{year}/panel", (Route) this::assignPanel,
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
        super();
    }

    /** Tests start the handler with their own settings or beans. */
    public ScoringHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    @Override
    protected Class<?>[] storedTypes() {
        return new Class<?>[] {Cycle.class};
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
        ReviewStore.CreatedCycle created = cycles.create(caller, request::bodyTree, request.header("Idempotency-Key"),
                now());
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
        Cycle cycle = cycles.patch(caller, request.year(), request::bodyTree, request.ifMatchVersion(), now());
        return ApiResponse.ok(cycle).etag(cycle.version());
    }

    ApiResponse grantExtension(ApiRequest request) {
        Caller caller = request.caller();
        int year = request.year();
        Cycles.Granted granted = cycles.grantExtension(caller, requestId(request), year, request::bodyTree,
                request.header("Idempotency-Key"), now());
        ApiResponse response = ApiResponse.created(granted.extension(), "/groups/" + granted.extension().groupId()
                + "/cycles/" + year + "/sheets/" + granted.extension().stage());
        return granted.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    ApiResponse progress(ApiRequest request) {
        Caller caller = request.caller();
        return ApiResponse.ok(cycles.progress(caller, request.year(), request.query("district"), now()));
    }

    // -- stage sheets ----------------------------------------------------------------------------------------------

    ApiResponse saveSheet(ApiRequest request) {
        Caller caller = request.caller();
        Sheets.Saved saved = sheets.saveDraft(caller, requestId(request), request.groupId(), request.year(),
                request.stage(), request::bodyTree, request.ifMatchVersion(), now());
        return sheetResponse(saved);
    }

    ApiResponse readSheet(ApiRequest request) {
        Caller caller = request.caller();
        Map<String, Object> sheet = sheets.read(caller, request.groupId(), request.year(), request.stage());
        return ApiResponse.ok(sheet).etag(((Number) sheet.get("version")).longValue());
    }

    ApiResponse submitSheet(ApiRequest request) {
        Caller caller = request.caller();
        Sheets.Saved saved = sheets.submit(caller, requestId(request), request.groupId(), request.year(),
                request.stage(), request::optionalBodyTree, request.ifMatchVersion(), now());
        return ApiResponse.ok(saved.sheet().toData()).etag(saved.sheet().version());
    }

    private static ApiResponse sheetResponse(Sheets.Saved saved) {
        ApiResponse response = saved.created()
                ? ApiResponse.created(saved.sheet().toData(), location(saved))
                : ApiResponse.ok(saved.sheet().toData());
        return response.etag(saved.sheet().version());
    }

    private static String location(Sheets.Saved saved) {
        String base = "/groups/" + saved.sheet().groupId() + "/cycles/" + saved.sheet().year() + "/sheets/"
                + saved.sheet().stage();
        return saved.sheet().expertSub() == null ? base : base + "/experts/" + saved.sheet().expertSub();
    }

    // -- panels and expert sheets ----------------------------------------------------------------------------------

    ApiResponse assignPanel(ApiRequest request) {
        Caller caller = request.caller();
        String groupId = request.groupId();
        int year = request.year();
        Panels.Assigned assigned = panels.assign(caller, requestId(request), groupId, year, request::bodyTree,
                request.ifMatchVersion(), now());
        ApiResponse response = assigned.created()
                ? ApiResponse.created(assigned.view(), "/groups/" + groupId + "/cycles/" + year + "/panel")
                : ApiResponse.ok(assigned.view());
        return response.etag(assigned.version());
    }

    ApiResponse readPanel(ApiRequest request) {
        Caller caller = request.caller();
        Panels.Assigned panel = panels.read(caller, request.groupId(), request.year());
        return ApiResponse.ok(panel.view()).etag(panel.version());
    }

    ApiResponse saveExpertSheet(ApiRequest request) {
        Caller caller = request.caller();
        Sheets.Saved saved = sheets.saveExpertDraft(caller, requestId(request), request.groupId(), request.year(),
                request.expertSub(), request::bodyTree, request.ifMatchVersion(), now());
        return sheetResponse(saved);
    }

    ApiResponse readExpertSheet(ApiRequest request) {
        Caller caller = request.caller();
        Map<String, Object> sheet = sheets.readExpert(caller, request.groupId(), request.year(),
                request.expertSub());
        return ApiResponse.ok(sheet).etag(((Number) sheet.get("version")).longValue());
    }

    ApiResponse submitExpertSheet(ApiRequest request) {
        Caller caller = request.caller();
        Sheets.Saved saved = sheets.submitExpert(caller, requestId(request), request.groupId(), request.year(),
                request.expertSub(), request::optionalBodyTree, request.ifMatchVersion(), now());
        return ApiResponse.ok(saved.sheet().toData()).etag(saved.sheet().version());
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
        Panels.Declared declared = panels.declare(caller, request.expertSub(), request::bodyTree, now());
        DeclaredConflict conflict = declared.conflict();
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new LinkedHashMap<>(Json.MAPPER.convertValue(conflict, Map.class));
        body.put("affectedPanels", declared.affectedPanels());
        return ApiResponse.created(body, "/experts/" + conflict.expertSub() + "/conflicts");
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
