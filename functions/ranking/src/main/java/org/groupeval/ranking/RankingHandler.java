package org.groupeval.ranking;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.context.ApplicationContextBuilder;
import jakarta.inject.Inject;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.Grade;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.Role;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.GroupRules;
import org.groupeval.domain.ranking.GroupResult;
import org.groupeval.domain.ranking.PoolOutcome;
import org.groupeval.domain.ranking.RankingRun;
import org.groupeval.store.GroupStore;
import org.groupeval.store.Page;
import org.groupeval.store.ResultStore;
import org.groupeval.web.ApiHandler;
import org.groupeval.web.ApiRequest;
import org.groupeval.web.ApiResponse;
import org.groupeval.web.Json;
import org.groupeval.web.PageTokens;
import org.groupeval.web.Route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Lambda entry point of the ranking's HTTP routes (docs/api.md; docs/ranking.md): run the ranking now, the latest
 * run, publication, results in rank order (JSON or CSV), one group's result and a group's history.
 */
public class RankingHandler extends ApiHandler {

    private static final Pattern DISTRICT = Pattern.compile("\\d{6}");
    private static final int CSV_MAX_ROWS = 10_000;

    @Inject
    RankingJob job;
    @Inject
    ResultStore results;
    @Inject
    GroupStore groups;
    @Inject
    PageTokens pageTokens;

    private final Map<String, Route> routes = routeTable(
            "POST /cycles/{year}/rankings", (Route) this::runNow,
            "GET /cycles/{year}/rankings/latest", (Route) this::latest,
            "POST /cycles/{year}/rankings/{revision}/publish", (Route) this::publish,
            "GET /cycles/{year}/results", (Route) this::list,
            "GET /cycles/{year}/results.csv", (Route) this::csv,
            "GET /cycles/{year}/results/{groupId}", (Route) this::one,
            "GET /groups/{groupId}/results", (Route) this::history);

    /** The constructor Lambda calls. */
    public RankingHandler() {
        super();
    }

    /** Tests start the handler with their own settings or beans. */
    public RankingHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    @Override
    protected Class<?>[] storedTypes() {
        return new Class<?>[] {RankingRun.class, GroupResult.class};
    }

    @Override
    protected Map<String, Route> routes() {
        return routes;
    }

    // ---- runs --------------------------------------------------------------------------------------------------------

    ApiResponse runNow(ApiRequest request) {
        int year = request.year();
        Caller caller = cityOnly(request, "Only the city runs the ranking.");
        RankingJob.Outcome outcome = job.run(year, "API", caller.describe());
        Map<String, Object> body = runView(outcome.run(), results.publishedRevision(year));
        body.put("disposition", outcome.disposition().name());
        return switch (outcome.disposition()) {
            case CREATED -> ApiResponse.created(body, "/cycles/" + year + "/rankings/latest");
            case UNCHANGED -> ApiResponse.ok(body);
            case IN_PROGRESS -> ApiResponse.accepted(body);
        };
    }

    ApiResponse latest(ApiRequest request) {
        int year = request.year();
        cityOnly(request, "Only the city reads ranking runs.");
        int revision = results.latestRevision(year).orElseThrow(() -> noRanking(year));
        RankingRun run = results.run(year, revision).orElseThrow(() -> new IllegalStateException(
                "LATEST of " + year + " names missing revision " + revision));
        return ApiResponse.ok(runView(run, results.publishedRevision(year)));
    }

    ApiResponse publish(ApiRequest request) {
        int year = request.year();
        int revision = request.revision();
        Caller caller = cityOnly(request, "Only the city publishes the ranking.");
        boolean allowOpenStages = flag(request, "allowOpenStages");
        RankingJob.Outcome outcome = job.publish(year, revision, caller.describe(), allowOpenStages);
        Map<String, Object> body = runView(outcome.run(), results.publishedRevision(year));
        body.put("disposition", outcome.disposition().name());
        return ApiResponse.ok(body);
    }

    /** A run as the API shows it (docs/api.md: revision, time, trigger, counts, cutoffs, ties at cutoff). */
    static Map<String, Object> runView(RankingRun run, OptionalInt published) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("year", run.year());
        view.put("revision", run.revision());
        view.put("status", run.status().name());
        view.put("trigger", run.trigger());
        view.put("requestedBy", run.requestedBy());
        view.put("startedAt", run.startedAt());
        view.put("completedAt", run.completedAt());
        view.put("inputDigest", run.inputDigest());
        view.put("frameworkId", run.frameworkId());
        view.put("frameworkVersion", run.frameworkVersion());
        view.put("award", run.award());
        if (run.summary() != null) {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("groups", run.summary().groups());
            counts.put("byGrade", new TreeMap<>(run.summary().byGrade()));
            counts.put("byBasis", new TreeMap<>(run.summary().byBasis()));
            counts.put("awarded", run.summary().awarded());
            counts.put("seniorPostBonuses", run.summary().seniorPostBonuses());
            counts.put("restructuring", run.summary().restructuring());
            view.put("counts", counts);
            view.put("pools", run.summary().pools());
            Map<String, Object> cutoffs = new LinkedHashMap<>();
            List<Map<String, Object>> ties = new ArrayList<>();
            for (PoolOutcome pool : run.summary().pools()) {
                cutoffs.put(pool.pool(), pool.cutoffScore());
                if (pool.tieResolution() != null) {
                    Map<String, Object> tie = new LinkedHashMap<>();
                    tie.put("pool", pool.pool());
                    tie.put("score", pool.tiedScore());
                    tie.put("groupIds", pool.tiedAtCutoff());
                    tie.put("resolution", pool.tieResolution());
                    ties.add(tie);
                }
            }
            view.put("cutoffs", cutoffs);
            view.put("tiesAtCutoff", ties);
        }
        view.put("published", published.isPresent() && published.getAsInt() == run.revision());
        view.put("publishedRevision", published.isPresent() ? published.getAsInt() : null);
        view.put("publishedAt", run.publishedAt());
        view.put("publishedBy", run.publishedBy());
        view.put("publishedWhileOpen", run.publishedWhileOpen());
        return view;
    }

    // ---- results -----------------------------------------------------------------------------------------------------

    ApiResponse list(ApiRequest request) {
        boolean csv = request.header("Accept").map(a -> a.toLowerCase(Locale.ROOT).contains("text/csv")).orElse(false);
        if (csv) {
            return csv(request);
        }
        ResultsPage page = listPage(request, request.limit());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("year", page.year());
        body.put("revision", page.revision());
        body.put("published", page.published());
        body.put("items", page.page().items().stream().map(r -> resultView(r, page.revision())).toList());
        body.put("nextToken", page.page().nextToken());
        return ApiResponse.ok(body);
    }

    ApiResponse csv(ApiRequest request) {
        int limit = request.query("limit").isPresent() ? request.limit() : CSV_MAX_ROWS;
        ResultsPage page = listPage(request, limit);
        ResultsCsv csv = new ResultsCsv();
        page.page().items().forEach(csv::add);
        ApiResponse response = ApiResponse.csv("results-" + page.year() + "-r" + page.revision() + ".csv",
                csv.toString());
        if (page.page().nextToken() != null) {
            response.header("X-Next-Token", page.page().nextToken());
        }
        return response;
    }

    private record ResultsPage(int year, int revision, boolean published, Page<GroupResult> page) {
    }

    private ResultsPage listPage(ApiRequest request, int limit) {
        Caller caller = request.caller();
        int year = request.year();
        List<FieldError> problems = new ArrayList<>();
        String district = request.query("district").orElse(null);
        if (district != null && !DISTRICT.matcher(district).matches()) {
            problems.add(new FieldError("/query/district", "district must be a 6-digit code, e.g. 610902"));
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
        switch (caller.role()) {
            case CITY -> { }
            case DISTRICT -> {
                if (district != null && !caller.isDistrict(district)) {
                    throw DomainException.forbidden("A district reviewer sees the results of its own district only.");
                }
                district = caller.district();
            }
            default -> throw DomainException.forbidden("Only the city and district reviewers list results; a school "
                    + "reads its own group's result.");
        }
        int revision = revisionFor(caller, year, request);
        PageTokens.Paging paging = pageTokens.paging(request, revision);
        Page<GroupResult> page = results.results(year, revision, new ResultStore.ResultFilter(district, grade, awarded),
                limit, paging.start());
        return new ResultsPage(year, revision, results.publishedRevision(year).orElse(-1) == revision,
                paging.next(page));
    }

    ApiResponse one(ApiRequest request) {
        Caller caller = request.caller();
        int year = request.year();
        Group group = visibleGroup(caller, request.groupId());
        int revision = revisionFor(caller, year, request);
        GroupResult result = results.result(group.groupId(), year, revision).orElseThrow(() -> DomainException.notFound(
                "Group " + group.groupId() + " has no result in revision " + revision + " of " + year + "."));
        return ApiResponse.ok(resultView(result, revision));
    }

    ApiResponse history(ApiRequest request) {
        Caller caller = request.caller();
        Group group = visibleGroup(caller, request.groupId());
        Map<Integer, Map<Integer, GroupResult>> byYear = new TreeMap<>();
        for (ResultStore.StoredResult stored : results.history(group.groupId())) {
            byYear.computeIfAbsent(stored.result().year(), y -> new TreeMap<>()).put(stored.revision(), stored.result());
        }
        List<ResultView> items = new ArrayList<>();
        byYear.forEach((year, revisions) -> {
            OptionalInt published = results.publishedRevision(year);
            OptionalInt shown = caller.is(Role.SCHOOL) ? published
                    : results.latestRevision(year).isPresent() ? results.latestRevision(year) : published;
            if (shown.isPresent() && revisions.containsKey(shown.getAsInt())) {
                items.add(new ResultView(revisions.get(shown.getAsInt()), shown.getAsInt(),
                        published.isPresent() && published.getAsInt() == shown.getAsInt()));
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("groupId", group.groupId());
        body.put("items", items);
        return ApiResponse.ok(body);
    }

    /**
     * A result as the API shows it: the result's members, its revision and, in a group's history, whether that
     * revision is published. A record rather than a JSON tree, so its scores keep their two decimals.
     */
    record ResultView(@JsonUnwrapped GroupResult result, int revision, Boolean published) {
    }

    static ResultView resultView(GroupResult result, int revision) {
        return new ResultView(result, revision, null);
    }

    // ---- access --------------------------------------------------------------------------------------------------

    /**
     * The revision a caller reads: CITY the latest (or any, with {@code ?revision=}), DISTRICT the latest, a school
     * only the published one (rules.md §8.8: results reach schools only when CITY publishes them).
     */
    private int revisionFor(Caller caller, int year, ApiRequest request) {
        Optional<String> asked = request.query("revision");
        if (asked.isPresent()) {
            if (!caller.is(Role.CITY)) {
                throw DomainException.forbidden("Only the city reads a specific revision.");
            }
            int revision = Identifiers.revision(asked.get(), "/query/revision");
            results.run(year, revision).filter(r -> r.status() == org.groupeval.domain.ranking.RunStatus.COMPLETE)
                    .orElseThrow(() -> DomainException.notFound("No complete revision " + revision + " of " + year + "."));
            return revision;
        }
        if (caller.is(Role.SCHOOL)) {
            return results.publishedRevision(year).orElseThrow(() -> DomainException.notFound(
                    "The results of " + year + " are not published yet."));
        }
        return results.latestRevision(year).orElseThrow(() -> noRanking(year));
    }

    /** As in registration: only CITY learns that a group does not exist; others get the same 403 either way. */
    private Group visibleGroup(Caller caller, String groupId) {
        Group group = groups.find(groupId).orElseThrow(() -> GroupRules.seesEveryGroup(caller)
                ? DomainException.notFound("No group " + groupId + ".") : hidden(groupId));
        if (!GroupRules.canRead(caller, group)) {
            throw hidden(groupId);
        }
        return group;
    }

    private static DomainException hidden(String groupId) {
        return DomainException.forbidden("You may not see the results of group " + groupId + ".");
    }

    private static Caller cityOnly(ApiRequest request, String message) {
        Caller caller = request.caller();
        if (!caller.is(Role.CITY)) {
            throw DomainException.forbidden(message);
        }
        return caller;
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
