package org.groupeval.evidence;

import io.micronaut.context.ApplicationContextBuilder;
import jakarta.inject.Inject;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.EvidenceAccess;
import org.groupeval.domain.evidence.Evidence;
import org.groupeval.domain.evidence.EvidenceDeclaration;
import org.groupeval.domain.evidence.EvidenceLimits;
import org.groupeval.domain.evidence.EvidenceRules;
import org.groupeval.domain.evidence.EvidenceStatus;
import org.groupeval.domain.evidence.StatementCsv;
import org.groupeval.domain.evidence.StatementOfWork;
import org.groupeval.domain.evidence.StatementRow;
import org.groupeval.domain.evidence.StatementRules;
import org.groupeval.domain.evidence.StatementXlsx;
import org.groupeval.domain.spreadsheet.XlsxReader;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.domain.group.Group;
import org.groupeval.store.EvidenceStore;
import org.groupeval.store.GroupStore;
import org.groupeval.store.IdempotencyKey;
import org.groupeval.store.Ids;
import org.groupeval.store.Page;
import org.groupeval.store.ReviewFacts;
import org.groupeval.web.ApiHandler;
import org.groupeval.web.ApiRequest;
import org.groupeval.web.ApiResponse;
import org.groupeval.web.PageTokens;
import org.groupeval.web.Route;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Lambda entry point of the evidence API (docs/api.md, Evidence; rules.md §11): declarations with presigned uploads,
 * lists, downloads, withdrawal, and the statement of work (附件2) with its CSV export. Uploads go straight to S3;
 * {@link EvidenceUploadHandler} checks what arrives.
 */
public class EvidenceHandler extends ApiHandler {

    @Inject
    GroupStore groups;
    @Inject
    EvidenceStore evidence;
    @Inject
    ReviewFacts review;
    @Inject
    EvidenceFiles files;
    @Inject
    EvidenceLimits limits;
    @Inject
    Clock clock;
    @Inject
    PageTokens pageTokens;

    private final Map<String, Route> routes = routeTable(
            "POST /groups/{groupId}/cycles/{year}/evidence", (Route) this::declare,
            "GET /groups/{groupId}/cycles/{year}/evidence", (Route) this::list,
            "GET /groups/{groupId}/cycles/{year}/evidence/{evidenceId}", (Route) this::read,
            "DELETE /groups/{groupId}/cycles/{year}/evidence/{evidenceId}", (Route) this::withdraw,
            "PUT /groups/{groupId}/cycles/{year}/statement", (Route) this::saveStatement,
            "GET /groups/{groupId}/cycles/{year}/statement", (Route) this::readStatement,
            "GET /groups/{groupId}/cycles/{year}/statement.csv", (Route) this::statementCsv,
            "GET /groups/{groupId}/cycles/{year}/statement.xlsx", (Route) this::statementXlsx,
            "PUT /groups/{groupId}/cycles/{year}/statement.xlsx", (Route) this::saveStatementXlsx);

    /** The constructor Lambda calls. */
    public EvidenceHandler() {
        super(Evidence.class, StatementOfWork.class);
    }

    /** Tests start the handler with their own settings or beans. */
    public EvidenceHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    @Override
    protected Map<String, Route> routes() {
        return routes;
    }

    // ---- evidence ------------------------------------------------------------------------------------------------

    ApiResponse declare(ApiRequest request) {
        Caller caller = request.caller();
        String groupId = request.groupId();
        int year = request.year();
        Group group = EvidenceAccess.fileable(caller, groupId, groups::find);
        EvidenceDeclaration body = request.bodyAs(EvidenceDeclaration.class);
        Framework framework = framework(year);
        EvidenceDeclaration valid = EvidenceRules.validate(body, limits, framework);
        IdempotencyKey key = request.header("Idempotency-Key").map(k -> IdempotencyKey.of(caller.subject(), k,
                Map.of("groupId", group.groupId(), "year", year, "declaration", valid))).orElse(null);
        Evidence declared = EvidenceRules.declare(Ids.newId(Identifiers.EVIDENCE), group, year, valid, caller, clock.instant());
        EvidenceStore.Declared outcome = evidence.declare(declared, limits, key);
        Evidence e = outcome.evidence();
        Map<String, Object> view = view(e);
        if (e.status() == EvidenceStatus.PENDING || e.status() == EvidenceStatus.REJECTED) {
            EvidenceFiles.Upload upload = files.presignUpload(e, limits.uploadUrlTtl());
            view.put("uploadUrl", upload.url());
            view.put("uploadHeaders", upload.headers());
            view.put("expiresAt", upload.expiresAt());
        }
        ApiResponse response = ApiResponse.created(view, location(e));
        return outcome.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    ApiResponse list(ApiRequest request) {
        Caller caller = request.caller();
        String groupId = request.groupId();
        int year = request.year();
        Group group = readableGroup(caller, groupId, year);
        String indicatorId = request.query("indicatorId").orElse(null);
        if (indicatorId != null && !EvidenceRules.isIndicatorFilter(indicatorId)) {
            throw DomainException.invalid("/query/indicatorId", "indicatorId must be an indicator id, e.g. A01");
        }
        boolean withdrawn = request.query("includeWithdrawn").map(v -> {
            if (!v.equals("true") && !v.equals("false")) {
                throw DomainException.invalid("/query/includeWithdrawn", "includeWithdrawn must be true or false");
            }
            return v.equals("true");
        }).orElse(false);
        EvidenceAccess.checkList(caller, withdrawn);
        PageTokens.Paging paging = pageTokens.paging(request);
        Page<Evidence> page = evidence.list(year, group.groupId(), indicatorId, withdrawn, request.limit(),
                paging.start());
        return ApiResponse.ok(paging.next(page.map(this::view)));
    }

    ApiResponse read(ApiRequest request) {
        Caller caller = request.caller();
        String groupId = request.groupId();
        int year = request.year();
        Group group = readableGroup(caller, groupId, year);
        String evidenceId = request.evidenceId();
        Evidence e = EvidenceAccess.visible(caller, evidenceId, evidence.find(year, group.groupId(), evidenceId));
        Map<String, Object> view = view(e);
        if (e.verified()) {
            EvidenceFiles.Download download = files.presignDownload(e, limits.downloadUrlTtl());
            view.put("downloadUrl", download.url());
            view.put("downloadExpiresAt", download.expiresAt());
        }
        return ApiResponse.ok(view).etag(e.version());
    }

    ApiResponse withdraw(ApiRequest request) {
        Caller caller = request.caller();
        String groupId = request.groupId();
        int year = request.year();
        Group group = EvidenceAccess.fileable(caller, groupId, groups::find);
        String evidenceId = request.evidenceId();
        Evidence current = evidence.find(year, group.groupId(), evidenceId)
                .orElseThrow(() -> EvidenceAccess.missing(evidenceId));
        if (current.status() == EvidenceStatus.WITHDRAWN) {
            return ApiResponse.noContent();
        }
        // refused (409) in the write itself once the self-assessment is submitted
        evidence.withdraw(current.withdrawn(caller.subject(), clock.instant()), current.version());
        return ApiResponse.noContent();
    }

    // ---- statement of work ---------------------------------------------------------------------------------------

    ApiResponse saveStatement(ApiRequest request) {
        Caller caller = request.caller();
        String groupId = request.groupId();
        int year = request.year();
        Group group = EvidenceAccess.fileable(caller, groupId, groups::find);
        StatementOfWork.Request body = request.bodyAs(StatementOfWork.Request.class, StatementRules.MAX_REQUEST_BYTES);
        return storeStatement(request, caller, group, year, body, invalid -> invalid);
    }

    /** The statement filled in on the 附件2 form (StatementXlsx), saved as {@code PUT …/statement} saves it. */
    ApiResponse saveStatementXlsx(ApiRequest request) {
        Caller caller = request.caller();
        String groupId = request.groupId();
        int year = request.year();
        Group group = EvidenceAccess.fileable(caller, groupId, groups::find);
        StatementXlsx.Read form = StatementXlsx.read(request.file(XlsxReader.MEDIA_TYPE, XlsxReader.MAX_BYTES));
        return storeStatement(request, caller, group, year, form.request(), form::located);
    }

    /**
     * Saves a statement: If-Match as for every update, the rows by StatementRules (their refusal passed through
     * {@code locate}, which names a form's cells), refused (409) in the write itself once the self-assessment is
     * submitted.
     */
    private ApiResponse storeStatement(ApiRequest request, Caller caller, Group group, int year,
                                       StatementOfWork.Request body, UnaryOperator<DomainException> locate) {
        Framework framework = framework(year);
        Optional<StatementOfWork> existing = evidence.statement(year, group.groupId());
        Optional<Long> ifMatch = request.ifMatchVersion();
        if (existing.isPresent() && ifMatch.isEmpty()) {
            throw new DomainException(428, "precondition-required", "If-Match required",
                    "The statement exists: send If-Match with its ETag as you last read it.", null)
                    .with("currentETag", "\"" + existing.get().version() + "\"");
        }
        if (existing.isEmpty() && ifMatch.isPresent()) {
            throw DomainException.preconditionFailed("There is no statement of work yet to match If-Match; "
                    + "send the first version without If-Match.");
        }
        Map<String, Evidence> cited = evidence.findAll(year, group.groupId(), StatementRules.citedEvidence(body));
        List<StatementRow> rows;
        try {
            rows = StatementRules.validate(body, framework, cited);
        } catch (DomainException invalid) {
            throw invalid.status() == 400 ? locate.apply(invalid) : invalid;
        }
        StatementOfWork saved = evidence.saveStatement(new StatementOfWork(group.groupId(), year, rows,
                clock.instant(), caller.subject(), 0), ifMatch.orElse(null));
        String location = "/groups/" + group.groupId() + "/cycles/" + year + "/statement";
        ApiResponse response = existing.isEmpty() ? ApiResponse.created(saved, location) : ApiResponse.ok(saved);
        return response.etag(saved.version());
    }

    ApiResponse readStatement(ApiRequest request) {
        Caller caller = request.caller();
        String groupId = request.groupId();
        int year = request.year();
        Group group = readableGroup(caller, groupId, year);
        StatementOfWork statement = statement(group, year);
        return ApiResponse.ok(statement).etag(statement.version());
    }

    ApiResponse statementCsv(ApiRequest request) {
        Exported exported = exported(request);
        return ApiResponse.csv("statement-" + exported.group().groupId() + "-" + exported.statement().year()
                + ".csv", StatementCsv.render(exported.statement(), exported.framework(), exported.cited()))
                .etag(exported.statement().version());
    }

    /** The statement on the policy's 附件2 form, which {@code PUT …/statement.xlsx} reads back. */
    ApiResponse statementXlsx(ApiRequest request) {
        Exported exported = exported(request);
        return ApiResponse.file(ApiResponse.XLSX, "statement-" + exported.group().groupId() + "-" + exported.statement().year()
                + ".xlsx", StatementXlsx.write(exported.statement(), exported.group().name(), exported.framework(),
                exported.cited())).etag(exported.statement().version());
    }

    /** What an export of the statement shows: the statement, its group and framework, the files it cites. */
    private record Exported(Group group, StatementOfWork statement, Framework framework, Map<String, Evidence> cited) {
    }

    private Exported exported(ApiRequest request) {
        Caller caller = request.caller();
        String groupId = request.groupId();
        int year = request.year();
        Group group = readableGroup(caller, groupId, year);
        StatementOfWork statement = statement(group, year);
        Framework framework = framework(year);
        Map<String, Evidence> cited = evidence.findAll(year, group.groupId(), statement.rows().stream()
                .flatMap(r -> r.evidenceIds().stream()).toList());
        return new Exported(group, statement, framework, cited);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private StatementOfWork statement(Group group, int year) {
        return evidence.statement(year, group.groupId()).orElseThrow(() -> DomainException.notFound(
                "Group " + group.groupId() + " has filed no statement of work for " + year + " yet."));
    }

    /** The cycle's pinned framework; a year without a cycle is refused (the city has not configured it). */
    private Framework framework(int year) {
        ReviewFacts.CycleFramework cycle = review.cycle(year).orElseThrow(() -> DomainException.conflict(
                "cycle-not-found", "No such cycle", "The evaluation cycle " + year + " does not exist: the city "
                        + "has not configured it, so there are no indicators to attach evidence to.")
                .with("year", year));
        return FrameworkCatalog.builtIn().find(cycle.frameworkId(), cycle.frameworkVersion()).orElseThrow(() ->
                new IllegalStateException("cycle " + year + " pins framework " + cycle.frameworkId() + " version "
                        + cycle.frameworkVersion() + ", which this service does not know"));
    }

    /** The group, for a reader of its evidence (EvidenceAccess); experts are asked for their seat that year. */
    private Group readableGroup(Caller caller, String groupId, int year) {
        return EvidenceAccess.readable(caller, groupId, groups::find,
                () -> review.onPanel(year, groupId, caller.subject()));
    }

    private static String location(Evidence e) {
        return "/groups/" + e.groupId() + "/cycles/" + e.year() + "/evidence/" + e.evidenceId();
    }

    /** The JSON shape of one evidence record (docs/api.md, Evidence: the declaration, plus what it became). */
    private Map<String, Object> view(Evidence e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("evidenceId", e.evidenceId());
        view.put("groupId", e.groupId());
        view.put("year", e.year());
        view.put("indicatorId", e.indicatorId());
        view.put("title", e.title());
        view.put("materialNumber", e.materialNumber());
        view.put("fileName", e.fileName());
        view.put("contentType", e.contentType());
        view.put("size", e.size());
        view.put("sha256", e.sha256());
        view.put("status", e.status());
        putIfPresent(view, "reason", e.reason());
        view.put("declaredAt", e.declaredAt());
        view.put("declaredBy", e.declaredBy());
        putIfPresent(view, "checkedAt", e.checkedAt());
        putIfPresent(view, "withdrawnAt", e.withdrawnAt());
        putIfPresent(view, "withdrawnBy", e.withdrawnBy());
        return view;
    }

    private static void putIfPresent(Map<String, Object> view, String name, Object value) {
        if (value != null) {
            view.put(name, value);
        }
    }
}
