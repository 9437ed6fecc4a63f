package org.groupeval.registration;

import io.micronaut.context.ApplicationContextBuilder;
import jakarta.inject.Inject;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.GroupAccess;
import org.groupeval.domain.district.DistrictNames;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.access.Role;
import org.groupeval.domain.group.GroupLifecycle;
import org.groupeval.domain.group.GroupRequest;
import org.groupeval.domain.group.LifecycleRequest;
import org.groupeval.domain.group.GroupRules;
import org.groupeval.domain.group.GroupType;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.domain.scoring.ScoringMode;
import org.groupeval.domain.spreadsheet.XlsxReader;
import org.groupeval.domain.scoring.SheetScorer;
import org.groupeval.store.GroupStore;
import org.groupeval.store.IdempotencyKey;
import org.groupeval.store.Page;
import org.groupeval.web.ApiHandler;
import org.groupeval.web.ApiRequest;
import org.groupeval.web.ApiResponse;
import org.groupeval.web.PageTokens;
import org.groupeval.web.Route;

import java.time.Clock;
import java.util.List;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda entry point of the registration function: groups and their schools, and the built-in scoring frameworks
 * with a stateless what-if preview of a sheet (docs/api.md, Groups and Frameworks).
 */
public class RegistrationHandler extends ApiHandler {

    @Inject
    GroupStore groups;
    @Inject
    GroupRegistrations registrations;
    @Inject
    GroupImports imports;
    @Inject
    Clock clock;
    @Inject
    PageTokens pageTokens;
    @Inject
    DistrictNames districtNames;

    private final Map<String, Route> routes = routeTable(
            "POST /groups", (Route) this::register,
            "GET /groups/import/template.xlsx", (Route) this::importTemplate,
            "POST /groups/import", (Route) this::importGroups,
            "GET /groups/{groupId}", (Route) this::read,
            "PUT /groups/{groupId}", (Route) this::update,
            "POST /groups/{groupId}/dissolve", (Route) this::dissolve,
            "POST /groups/{groupId}/merge", (Route) this::merge,
            "GET /groups/{groupId}/participations", (Route) this::participations,
            "GET /groups", (Route) this::list,
            "GET /frameworks", (Route) this::listFrameworks,
            "GET /frameworks/{frameworkId}", (Route) this::readFramework,
            "POST /frameworks/{frameworkId}/score", (Route) this::previewScore);

    /** The constructor Lambda calls. */
    public RegistrationHandler() {
        super(Group.class);
    }

    /** Tests and the benchmark start the handler with their own settings or beans. */
    public RegistrationHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    @Override
    protected Map<String, Route> routes() {
        return routes;
    }

    ApiResponse register(ApiRequest request) {
        Caller caller = request.caller();
        GroupAccess.checkCreate(caller);
        // the body's shape first, for a school may register only its own school as the core school; then the
        // caller against it, before its values are validated
        GroupRequest body = request.bodyAs(GroupRequest.class);
        GroupAccess.checkCreate(caller, body);
        GroupRequest valid = GroupRules.validate(body);
        IdempotencyKey key = request.header("Idempotency-Key")
                .map(k -> IdempotencyKey.of(caller.subject(), k, valid)).orElse(null);
        GroupStore.Created created = registrations.register(valid, key);
        ApiResponse response = ApiResponse.created(view(created.group()), "/groups/" + created.group().groupId())
                .etag(created.group().version());
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    ApiResponse importTemplate(ApiRequest request) {
        GroupAccess.checkImport(request.caller());
        return ApiResponse.file(ApiResponse.XLSX, "groups-import-template.xlsx", GroupImportTemplate.write());
    }

    /**
     * Registers the groups of a spreadsheet filled in from the template, all or none (GroupImports); 201 with the id
     * of the group of each row.
     */
    ApiResponse importGroups(ApiRequest request) {
        Caller caller = request.caller();
        GroupAccess.checkImport(caller);
        byte[] file = request.file(XlsxReader.MEDIA_TYPE, XlsxReader.MAX_BYTES);
        IdempotencyKey key = request.header("Idempotency-Key").map(k -> IdempotencyKey.of(caller.subject(), k,
                IdempotencyKey.digest(Base64.getEncoder().encodeToString(file)))).orElse(null);
        GroupImports.Outcome outcome = imports.importFile(file, key);
        ApiResponse response = ApiResponse.of(201, outcome.imported());
        return outcome.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    ApiResponse read(ApiRequest request) {
        Group group = GroupAccess.readable(request.caller(), request.groupId(), groups::find);
        return ApiResponse.ok(view(group)).etag(group.version());
    }

    ApiResponse update(ApiRequest request) {
        Caller caller = request.caller();
        GroupAccess.checkUpdate(caller);
        Group current = GroupAccess.updatable(caller, request.groupId(), groups::find);
        long expected = ifMatch(request);
        GroupRequest valid = GroupRules.validate(request.bodyAs(GroupRequest.class));
        Group next = GroupRules.update(current, valid, clock.instant());
        Group saved = groups.update(current, next, expected);
        return ApiResponse.ok(view(saved)).etag(saved.version());
    }

    private static long ifMatch(ApiRequest request) {
        return request.ifMatchVersion().orElseThrow(() -> new DomainException(428, "precondition-required",
                "If-Match required", "Send If-Match with the ETag of the group as you last read it.", null));
    }

    /** CITY dissolves a group: its schools are released, it takes part in no new cycle (docs/api.md). */
    ApiResponse dissolve(ApiRequest request) {
        Caller caller = request.caller();
        GroupAccess.checkEnd(caller);
        Group current = GroupAccess.readable(caller, request.groupId(), groups::find);
        LifecycleRequest body = request.bodyAs(LifecycleRequest.class);
        long expected = ifMatch(request);
        if (current.version() != expected) {
            throw GroupRules.changedSince(current);
        }
        Group dissolved = groups.dissolve(GroupLifecycle.dissolve(current, body, clock.instant(), caller.describe()),
                expected);
        return ApiResponse.ok(dissolved).etag(dissolved.version());
    }

    /** CITY merges a group into another of its district, which takes over its schools (docs/api.md). */
    ApiResponse merge(ApiRequest request) {
        Caller caller = request.caller();
        GroupAccess.checkEnd(caller);
        Group current = GroupAccess.readable(caller, request.groupId(), groups::find);
        LifecycleRequest body = request.bodyAs(LifecycleRequest.class);
        String into = GroupLifecycle.survivorId(body);
        long expected = ifMatch(request);
        if (current.version() != expected) {
            throw GroupRules.changedSince(current);
        }
        for (int attempt = 1; ; attempt++) {
            Group survivor = groups.find(into).orElseThrow(() -> DomainException.ruleViolation("unknown-group",
                    "No such group", "There is no group " + into + " to merge group " + current.groupId()
                            + " into.").with("into", into));
            GroupLifecycle.Merge merge = GroupLifecycle.merge(current, survivor, body, clock.instant(),
                    caller.describe());
            try {
                GroupStore.Merged merged = groups.merge(merge.merged(), expected, merge.survivor());
                return ApiResponse.ok(Map.of("merged", merged.merged(), "survivor", merged.survivor()))
                        .etag(merged.merged().version());
            } catch (GroupStore.SurvivorChanged changed) {
                if (attempt >= 3) {
                    throw DomainException.busy("Group " + into + " kept changing while group " + current.groupId()
                            + " was being merged into it; send the request again.");
                }
            }
        }
    }

    /** A group's participation in each cycle, with what the group was in it (its snapshot), oldest first. */
    ApiResponse participations(ApiRequest request) {
        Group group = GroupAccess.readable(request.caller(), request.groupId(), groups::find);
        return ApiResponse.ok(Map.of("items", groups.participations(group.groupId())));
    }

    ApiResponse list(ApiRequest request) {
        Caller caller = request.caller();
        String district = request.query("district").orElse(null);
        String type = request.query("type").orElse(null);
        Optional<String> school = request.query("school");
        if (school.isPresent()) {
            return ApiResponse.ok(Map.of("items", groupsOfSchool(caller, school.get(),
                    district != null || type != null)));
        }
        if (district != null && !Identifiers.isDistrict(district)) {
            throw DomainException.invalid("/query/district", Identifiers.DISTRICT_RULE);
        }
        if (type != null && GroupType.of(type).isEmpty()) {
            throw DomainException.invalid("/query/type", "unknown group type '" + type + "': use one of "
                    + GroupType.codes());
        }
        String effectiveDistrict = GroupAccess.checkList(caller, district);
        PageTokens.Paging paging = pageTokens.paging(request);
        Page<Group> page = groups.list(effectiveDistrict, type, request.limit(), paging.start());
        return ApiResponse.ok(paging.next(page).map(this::view));
    }

    private GroupView view(Group group) {
        return GroupView.of(group, districtNames);
    }

    /**
     * The groups that list the school, active first ({@code GET /groups?school=mine}): a school that lost its
     * group's id finds it here; a district reviewer sees those of its district.
     */
    private List<Group> groupsOfSchool(Caller caller, String requested, boolean otherFilters) {
        String code = GroupAccess.checkSchoolList(caller, requested, otherFilters);
        return groups.groupsOfSchool(code).stream()
                .filter(g -> caller.is(Role.SCHOOL) || GroupAccess.canRead(caller, g)).toList();
    }

    ApiResponse listFrameworks(ApiRequest request) {
        request.caller();
        return ApiResponse.ok(Map.of("items", FrameworkCatalog.builtIn().all().stream().map(Framework::toSummary)
                .toList()));
    }

    ApiResponse readFramework(ApiRequest request) {
        request.caller();
        return ApiResponse.ok(framework(request).toView());
    }

    /**
     * Scores a sheet without saving anything. {@code ?mode=submission} also checks that every indicator is there,
     * as a submission would; the default {@code draft} lets indicators be left out.
     */
    ApiResponse previewScore(ApiRequest request) {
        request.caller();
        Framework framework = framework(request);
        String mode = request.query("mode").orElse("draft");
        ScoringMode scoringMode = switch (mode) {
            case "draft" -> ScoringMode.DRAFT;
            case "submission" -> ScoringMode.SUBMISSION;
            default -> throw DomainException.invalid("/query/mode", "mode is 'draft' (default) or 'submission'");
        };
        return ApiResponse.ok(SheetScorer.score(framework, request.bodyTree(), scoringMode));
    }

    /** The framework named in the path, at {@code ?version=} or its latest published version. */
    private static Framework framework(ApiRequest request) {
        String id = request.frameworkId();
        FrameworkCatalog catalog = FrameworkCatalog.builtIn();
        return request.query("version").map(v -> catalog.find(id, v)).orElseGet(() -> catalog.latest(id))
                .orElseThrow(() -> DomainException.notFound("No framework " + id
                        + request.query("version").map(v -> " version " + v).orElse("") + "; published: "
                        + catalog.all().stream().map(f -> f.id() + "@" + f.version()).toList() + "."));
    }
}
