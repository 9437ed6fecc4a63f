package org.groupeval.ranking;

import io.micronaut.context.ApplicationContextBuilder;
import jakarta.inject.Inject;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.Grade;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.ResultAccess;
import org.groupeval.domain.district.DistrictNames;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.ranking.GroupResult;
import org.groupeval.domain.ranking.RankingCycle;
import org.groupeval.domain.ranking.RankingRun;
import org.groupeval.domain.ranking.RunStatus;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.Stage;
import org.groupeval.export.Xlsx;
import org.groupeval.store.GroupStore;
import org.groupeval.store.Page;
import org.groupeval.store.RankingInputStore;
import org.groupeval.store.ResultStore;
import org.groupeval.web.ApiHandler;
import org.groupeval.web.ApiRequest;
import org.groupeval.web.ApiResponse;
import org.groupeval.web.PageTokens;
import org.groupeval.web.Route;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Lambda entry point of the ranking's HTTP routes (docs/api.md; docs/ranking.md): run the ranking now, the year's
 * runs and the latest one, publication, results in rank order (JSON, CSV or .xlsx), the score matrix, one group's result and a group's
 * history.
 */
public class RankingHandler extends ApiHandler {

    private static final int CSV_MAX_ROWS = 10_000;

    @Inject
    RankingJob job;
    @Inject
    ResultStore results;
    @Inject
    GroupStore groups;
    @Inject
    PageTokens pageTokens;
    @Inject
    DistrictNames districtNames;
    @Inject
    RankingInputStore inputs;

    private final Map<String, Route> routes = routeTable(
            "POST /cycles/{year}/rankings", (Route) this::runNow,
            "GET /cycles/{year}/rankings", (Route) this::runs,
            "GET /cycles/{year}/rankings/latest", (Route) this::latest,
            "POST /cycles/{year}/rankings/{revision}/publish", (Route) this::publish,
            "GET /cycles/{year}/results", (Route) this::list,
            "GET /cycles/{year}/results.csv", (Route) this::csv,
            "GET /cycles/{year}/results.xlsx", (Route) this::xlsx,
            "GET /cycles/{year}/results/{groupId}", (Route) this::one,
            "GET /cycles/{year}/scores.xlsx", (Route) this::scoreMatrix,
            "GET /groups/{groupId}/results", (Route) this::history);

    /** The constructor Lambda calls. */
    public RankingHandler() {
        super(RankingRun.class, GroupResult.class);
    }

    /** Tests start the handler with their own settings or beans. */
    public RankingHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    @Override
    protected Map<String, Route> routes() {
        return routes;
    }

    // ---- runs --------------------------------------------------------------------------------------------------------

    ApiResponse runNow(ApiRequest request) {
        int year = request.year();
        Caller caller = request.caller();
        ResultAccess.checkRun(caller);
        RankingJob.Outcome outcome = job.run(year, "API", caller.describe());
        RunView body = RunView.of(outcome.run(), results.publishedRevision(year)).with(outcome.disposition());
        return switch (outcome.disposition()) {
            case CREATED -> ApiResponse.created(body, "/cycles/" + year + "/rankings/latest");
            case UNCHANGED -> ApiResponse.ok(body);
            case IN_PROGRESS -> ApiResponse.accepted(body);
        };
    }

    ApiResponse latest(ApiRequest request) {
        int year = request.year();
        ResultAccess.checkReadRuns(request.caller());
        int revision = results.latestRevision(year).orElseThrow(() -> noRanking(year));
        RankingRun run = results.run(year, revision).orElseThrow(() -> new IllegalStateException(
                "LATEST of " + year + " names missing revision " + revision));
        return ApiResponse.ok(RunView.of(run, results.publishedRevision(year)));
    }

    /** Every run of the year, the highest revision first (an empty list before the first run). */
    ApiResponse runs(ApiRequest request) {
        int year = request.year();
        ResultAccess.checkReadRuns(request.caller());
        OptionalInt published = results.publishedRevision(year);
        return ApiResponse.ok(new RunView.Runs(year,
                results.runs(year).stream().map(run -> RunView.of(run, published)).toList()));
    }

    ApiResponse publish(ApiRequest request) {
        int year = request.year();
        int revision = request.revision();
        Caller caller = request.caller();
        ResultAccess.checkPublish(caller);
        boolean allowOpenStages = flag(request, "allowOpenStages");
        RankingJob.Outcome outcome = job.publish(year, revision, caller.describe(), allowOpenStages);
        return ApiResponse.ok(RunView.of(outcome.run(), results.publishedRevision(year)).with(outcome.disposition()));
    }

    // ---- results -----------------------------------------------------------------------------------------------------

    ApiResponse list(ApiRequest request) {
        String accept = request.header("Accept").map(a -> a.toLowerCase(Locale.ROOT)).orElse("");
        if (accept.contains("text/csv")) {
            return csv(request);
        }
        if (accept.contains(Xlsx.CONTENT_TYPE)) {
            return xlsx(request);
        }
        ResultsPage page = listPage(request, request.limit());
        return ApiResponse.ok(new ResultView.Page(page.year(), page.revision(), page.published(),
                page.page().items().stream().map(r -> ResultView.of(r, page.revision(), districtNames)).toList(),
                page.page().nextToken()));
    }

    ApiResponse csv(ApiRequest request) {
        int limit = request.query("limit").isPresent() ? request.limit() : CSV_MAX_ROWS;
        ResultsPage page = listPage(request, limit);
        ResultsCsv csv = new ResultsCsv(districtNames);
        page.page().items().forEach(csv::add);
        ApiResponse response = ApiResponse.csv("results-" + page.year() + "-r" + page.revision() + ".csv",
                csv.toString());
        if (page.page().nextToken() != null) {
            response.header("X-Next-Token", page.page().nextToken());
        }
        return response;
    }

    /**
     * Every result of the revision the caller reads, filtered as the query says, as one workbook (the whole city:
     * a 全市 sheet and one per district; a district: its own sheet). Not paged: the file holds the whole list.
     */
    ApiResponse xlsx(ApiRequest request) {
        ResultsQuery query = resultsQuery(request);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        ResultsXlsx.write(out, districtNames, query.filter().district(),
                sink -> results.forEachResult(query.year(), query.revision(), query.filter(), sink));
        return ApiResponse.file(Xlsx.CONTENT_TYPE, "results-" + query.year() + "-r" + query.revision() + ".xlsx",
                out.toByteArray());
    }

    /**
     * The cycle's score matrix (groups × indicators, one sheet per stage) of every district or of one, to those who
     * list results: CITY any district, DISTRICT its own.
     */
    ApiResponse scoreMatrix(ApiRequest request) {
        int year = request.year();
        Caller caller = request.caller();
        String district = districtQuery(request);
        String listed = ResultAccess.checkList(caller, district);
        RankingCycle cycle = inputs.cycle(year).orElseThrow(() -> DomainException.notFound("No cycle " + year + "."));
        Framework framework = FrameworkCatalog.builtIn().find(cycle.frameworkId(), cycle.frameworkVersion())
                .orElseThrow(() -> DomainException.conflict("cycle-framework-unknown", "Unknown framework",
                        "Cycle " + year + " pins framework " + cycle.frameworkId() + " version "
                                + cycle.frameworkVersion() + ", which this service does not know."));
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        ScoreMatrixXlsx.write(out, framework, districtNames, new ScoreMatrixXlsx.Source() {
            @Override
            public List<ReviewSheet> sheets(Stage stage) {
                List<ReviewSheet> sheets = new ArrayList<>();
                inputs.forEachStageSheet(year, stage, listed, sheets::add);
                return sheets;
            }

            @Override
            public Map<String, Group> groups(List<String> groupIds) {
                return groups.findAll(groupIds);
            }
        });
        return ApiResponse.file(Xlsx.CONTENT_TYPE, "scores-" + year + (listed == null ? "" : "-" + listed) + ".xlsx",
                out.toByteArray());
    }

    /** {@code ?district=}, checked for its format (400 naming {@code /query/district}). */
    private static String districtQuery(ApiRequest request) {
        String district = request.query("district").orElse(null);
        if (district != null && !Identifiers.isDistrict(district)) {
            throw DomainException.invalid("/query/district", Identifiers.DISTRICT_RULE);
        }
        return district;
    }

    private record ResultsPage(int year, int revision, boolean published, Page<GroupResult> page) {
    }

    /** What a results query names, checked, with the district the caller may list and the revision it reads. */
    private record ResultsQuery(int year, int revision, ResultStore.ResultFilter filter) {
    }

    private ResultsPage listPage(ApiRequest request, int limit) {
        ResultsQuery query = resultsQuery(request);
        PageTokens.Paging paging = pageTokens.paging(request, query.revision());
        Page<GroupResult> page = results.results(query.year(), query.revision(), query.filter(), limit,
                paging.start());
        return new ResultsPage(query.year(), query.revision(),
                results.publishedRevision(query.year()).orElse(-1) == query.revision(), paging.next(page));
    }

    private ResultsQuery resultsQuery(ApiRequest request) {
        Caller caller = request.caller();
        int year = request.year();
        List<FieldError> problems = new ArrayList<>();
        String district = request.query("district").orElse(null);
        if (district != null && !Identifiers.isDistrict(district)) {
            problems.add(new FieldError("/query/district", Identifiers.DISTRICT_RULE));
        }
        Grade grade = null;
        Optional<String> rawGrade = request.query("grade");
        if (rawGrade.isPresent()) {
            try {
                grade = Grade.valueOf(rawGrade.get().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldError("/query/grade", "grade must be one of EXCELLENT, GOOD, PASS, FAIL"));
            }
        }
        Boolean awarded = null;
        Optional<String> rawAwarded = request.query("awarded");
        if (rawAwarded.isPresent()) {
            awarded = bool(rawAwarded.get());
            if (awarded == null) {
                problems.add(new FieldError("/query/awarded", "awarded must be true or false"));
            }
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid("the query parameters are not valid", problems);
        }
        String listed = ResultAccess.checkList(caller, district);
        int revision = revisionFor(caller, year, request);
        return new ResultsQuery(year, revision, new ResultStore.ResultFilter(listed, grade, awarded));
    }

    ApiResponse one(ApiRequest request) {
        Caller caller = request.caller();
        int year = request.year();
        Group group = ResultAccess.readable(caller, request.groupId(), groups::find);
        int revision = revisionFor(caller, year, request);
        GroupResult result = results.result(group.groupId(), year, revision).orElseThrow(() -> DomainException.notFound(
                "Group " + group.groupId() + " has no result in revision " + revision + " of " + year + "."));
        return ApiResponse.ok(ResultView.of(result, revision, districtNames));
    }

    ApiResponse history(ApiRequest request) {
        Caller caller = request.caller();
        Group group = ResultAccess.readable(caller, request.groupId(), groups::find);
        Map<Integer, Map<Integer, GroupResult>> byYear = new TreeMap<>();
        for (ResultStore.StoredResult stored : results.history(group.groupId())) {
            byYear.computeIfAbsent(stored.result().year(), y -> new TreeMap<>()).put(stored.revision(), stored.result());
        }
        List<ResultView> items = new ArrayList<>();
        byYear.forEach((year, revisions) -> {
            OptionalInt published = results.publishedRevision(year);
            OptionalInt shown = ResultAccess.shownRevision(caller, published, () -> results.latestRevision(year));
            if (shown.isPresent() && revisions.containsKey(shown.getAsInt())) {
                GroupResult result = revisions.get(shown.getAsInt());
                items.add(new ResultView(result, districtNames.nameOrNull(result.district()), shown.getAsInt(),
                        published.isPresent() && published.getAsInt() == shown.getAsInt()));
            }
        });
        return ApiResponse.ok(new ResultView.History(group.groupId(), items));
    }

    /**
     * The revision a caller reads (ResultAccess): CITY the latest, or the one it names with {@code ?revision=};
     * DISTRICT the latest; a school only the published one.
     */
    private int revisionFor(Caller caller, int year, ApiRequest request) {
        Optional<String> asked = request.query("revision");
        if (asked.isPresent()) {
            ResultAccess.checkRevision(caller);
            int revision = Identifiers.revision(asked.get(), "/query/revision");
            results.run(year, revision).filter(r -> r.status() == RunStatus.COMPLETE)
                    .orElseThrow(() -> DomainException.notFound("No complete revision " + revision + " of " + year + "."));
            return revision;
        }
        if (ResultAccess.publishedOnly(caller)) {
            return results.publishedRevision(year).orElseThrow(() -> ResultAccess.notPublished(year));
        }
        return results.latestRevision(year).orElseThrow(() -> noRanking(year));
    }

    private static DomainException noRanking(int year) {
        return DomainException.notFound("No ranking of " + year + " yet: run it with POST /cycles/" + year + "/rankings.");
    }

    /** "true" or "false" in any case; anything else is null. */
    private static Boolean bool(String raw) {
        return raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")
                ? Boolean.valueOf(raw.toLowerCase(Locale.ROOT)) : null;
    }

    /** An optional true/false query parameter (absent: false). */
    private static boolean flag(ApiRequest request, String name) {
        Optional<String> raw = request.query(name);
        if (raw.isEmpty()) {
            return false;
        }
        Boolean value = bool(raw.get());
        if (value == null) {
            throw DomainException.invalid("/query/" + name, name + " must be true or false");
        }
        return value;
    }
}
