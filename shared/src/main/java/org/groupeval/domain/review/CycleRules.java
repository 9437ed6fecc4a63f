package org.groupeval.domain.review;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.framework.Category;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.domain.framework.SheetInput;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creating and changing a cycle (rules.md §4, §8.4, §8.5; docs/api.md, Cycles): validation of
 * every field at once, the defaults of the rule book, and the one lasting rule: once the first sheet of the cycle is
 * saved ({@link Cycle#frameworkLocked()}), the framework cannot change.
 */
public final class CycleRules {

    /** Every date of the rule book is Asia/Shanghai time. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    public static final String PER_GRADE = "PER_GRADE";
    public static final String UNION = "UNION";
    public static final String FLOOR = "FLOOR";
    public static final String NONE_AT_CUTOFF = "NONE_AT_CUTOFF";
    public static final String INCLUDE_ALL_TIED = "INCLUDE_ALL_TIED";
    public static final String BREAK_BY_CATEGORIES = "BREAK_BY_CATEGORIES";
    public static final String TRIMMED_MEAN = "TRIMMED_MEAN";
    public static final String MEAN = "MEAN";
    public static final String AFTER_PANEL_COMPLETE = "AFTER_PANEL_COMPLETE";
    public static final String ALWAYS = "ALWAYS";
    public static final String NEVER = "NEVER";

    static final BigDecimal DEFAULT_RATIO = new BigDecimal("0.30");
    static final int DEFAULT_MINIMUM_PANEL = 3;
    static final int DEFAULT_TRIM_FROM = 5;

    private static final Set<String> SCOPES = Set.of(PER_GRADE, UNION);
    private static final List<String> ROUNDINGS = List.of(FLOOR, "HALF_UP", "CEILING");
    private static final List<String> TIE_POLICIES = List.of(NONE_AT_CUTOFF, INCLUDE_ALL_TIED, BREAK_BY_CATEGORIES);
    private static final List<String> AGGREGATIONS = List.of(TRIMMED_MEAN, MEAN);
    private static final List<String> VISIBILITIES = List.of(AFTER_PANEL_COMPLETE, ALWAYS, NEVER);
    private static final List<String> TOP = List.of("year", "frameworkId", "frameworkVersion", "deadlines", "award",
            "rankingAt", "panel");
    private static final List<String> DEADLINE_MEMBERS = List.of("self", "district", "city");
    private static final List<String> AWARD_MEMBERS = List.of("ratio", "scope", "rounding", "tiePolicy",
            "tieBreakCategories");
    private static final List<String> PANEL_MEMBERS = List.of("required", "minimumSize", "aggregation", "trimFrom",
            "peerVisibility");

    private CycleRules() {
    }

    /** The rule book's calendar for a year: 31 Aug, 30 Sep, 31 Oct at 23:59:59; ranking 1 Nov 02:00. */
    public static Cycle.Deadlines defaultDeadlines(int year) {
        return new Cycle.Deadlines(at(year, 8, 31, 23, 59, 59), at(year, 9, 30, 23, 59, 59),
                at(year, 10, 31, 23, 59, 59));
    }

    public static String defaultRankingAt(int year) {
        return at(year, 11, 1, 2, 0, 0);
    }

    public static Cycle.Award defaultAward() {
        return new Cycle.Award(DEFAULT_RATIO, PER_GRADE, FLOOR, NONE_AT_CUTOFF, List.of());
    }

    public static Cycle.PanelSettings defaultPanel() {
        return new Cycle.PanelSettings(true, DEFAULT_MINIMUM_PANEL, TRIMMED_MEAN, DEFAULT_TRIM_FROM,
                AFTER_PANEL_COMPLETE);
    }

    private static String at(int year, int month, int day, int hour, int minute, int second) {
        return FORMAT.format(LocalDateTime.of(year, month, day, hour, minute, second).atZone(ZONE).toOffsetDateTime());
    }

    /** An instant as this service shows times: ISO-8601 in Asia/Shanghai with its offset. */
    public static String show(Instant instant) {
        return FORMAT.format(instant.atZone(ZONE).toOffsetDateTime());
    }

    /** A new cycle from a {@code POST /cycles} body; every invalid field is reported at once (400). */
    public static Cycle create(Map<String, Object> body, FrameworkCatalog catalog, Instant now, String subject) {
        SheetInput in = new SheetInput(false);
        in.onlyKnownMembers(body, "", TOP);
        Integer year = year(body.get("year"), in);
        Framework framework = null;
        String frameworkId = body.get("frameworkId") == null ? null : in.text(body.get("frameworkId"), "/frameworkId");
        if (body.get("frameworkId") == null) {
            in.error("/frameworkId", "is required (e.g. ankang-2022 or chengdu-2023)");
        }
        if (frameworkId != null) {
            framework = framework(catalog, frameworkId, body.get("frameworkVersion"), in);
        }
        Cycle.Deadlines deadlines = null;
        String rankingAt = null;
        if (year != null) {
            deadlines = deadlines(body.get("deadlines"), defaultDeadlines(year), in);
            rankingAt = body.containsKey("rankingAt") ? time(body.get("rankingAt"), "/rankingAt", in)
                    : defaultRankingAt(year);
        }
        Cycle.Award award = award(body.get("award"), defaultAward(), framework, in);
        Cycle.PanelSettings panel = panel(body.get("panel"), defaultPanel(), in);
        if (deadlines != null) {
            order(deadlines, rankingAt, in);
        }
        if (in.hasErrors()) {
            throw invalid(in);
        }
        return new Cycle(year, framework.id(), framework.version(), deadlines, award, rankingAt, panel, false, now,
                now, subject, 1);
    }

    /**
     * The cycle after a {@code PATCH}: members present replace the current ones (objects member by member); the
     * framework may change only while no sheet of the cycle exists (409 {@code framework-locked}).
     */
    public static Cycle patch(Cycle current, Map<String, Object> body, FrameworkCatalog catalog, Instant now,
                              String subject) {
        SheetInput in = new SheetInput(false);
        in.onlyKnownMembers(body, "", TOP);
        if (body.containsKey("year") && !String.valueOf(current.year()).equals(String.valueOf(body.get("year")))) {
            in.error("/year", "the year of a cycle cannot change (it is the cycle's id)");
        }
        Framework framework = catalog.find(current.frameworkId(), current.frameworkVersion()).orElseThrow(() ->
                new IllegalStateException("cycle " + current.year() + " pins an unknown framework "
                        + current.frameworkId() + "/" + current.frameworkVersion()));
        boolean frameworkChange = body.containsKey("frameworkId") || body.containsKey("frameworkVersion");
        if (frameworkChange) {
            String id = body.containsKey("frameworkId") ? in.text(body.get("frameworkId"), "/frameworkId")
                    : current.frameworkId();
            Object version = body.containsKey("frameworkVersion") ? body.get("frameworkVersion")
                    : (id != null && id.equals(current.frameworkId()) ? current.frameworkVersion() : null);
            Framework wanted = id == null ? null : framework(catalog, id, version, in);
            if (wanted != null) {
                boolean differs = !wanted.id().equals(current.frameworkId())
                        || !wanted.version().equals(current.frameworkVersion());
                if (differs && current.frameworkLocked()) {
                    throw DomainException.conflict("framework-locked", "The cycle's framework is fixed",
                            "Cycle " + current.year() + " already has score sheets, so its framework stays "
                                    + current.frameworkId() + " version " + current.frameworkVersion() + ".")
                            .with("frameworkId", current.frameworkId())
                            .with("frameworkVersion", current.frameworkVersion());
                }
                framework = wanted;
            }
        }
        Cycle.Deadlines deadlines = body.containsKey("deadlines")
                ? deadlines(body.get("deadlines"), current.deadlines(), in) : current.deadlines();
        String rankingAt = body.containsKey("rankingAt") ? time(body.get("rankingAt"), "/rankingAt", in)
                : current.rankingAt();
        Cycle.Award award = body.containsKey("award") ? award(body.get("award"), current.award(), framework, in)
                : award(Map.of(), current.award(), framework, in);
        Cycle.PanelSettings panel = body.containsKey("panel") ? panel(body.get("panel"), current.panel(), in)
                : current.panel();
        if (deadlines != null && rankingAt != null) {
            order(deadlines, rankingAt, in);
        }
        if (in.hasErrors()) {
            throw invalid(in);
        }
        return new Cycle(current.year(), framework.id(), framework.version(), deadlines, award, rankingAt, panel,
                current.frameworkLocked(), current.createdAt(), now, subject, current.version());
    }

    /** True when {@code next} pins another framework than {@code current}. */
    public static boolean frameworkChanged(Cycle current, Cycle next) {
        return !current.frameworkId().equals(next.frameworkId())
                || !current.frameworkVersion().equals(next.frameworkVersion());
    }

    /** A year from a path or body: four digits, 2000–2100. */
    public static int year(String raw) {
        return year(raw, "/path/year", "must be a four-digit year from 2000 to 2100, e.g. 2026");
    }

    /** A year read anywhere else (a query parameter): the same rule, refused with the caller's pointer and message. */
    public static int year(String raw, String pointer, String message) {
        SheetInput in = new SheetInput(false);
        Integer year = null;
        if (raw != null && raw.matches("\\d{4}")) {
            year = year(Integer.valueOf(raw), in);
        } else {
            in.error(pointer, message);
        }
        if (in.hasErrors() || year == null) {
            throw DomainException.invalid(pointer, message);
        }
        return year;
    }

    private static Integer year(Object node, SheetInput in) {
        Long value = node == null ? null : in.count(node, "/year");
        if (node == null) {
            in.error("/year", "is required (the school year, e.g. 2026)");
            return null;
        }
        if (value == null) {
            return null;
        }
        if (value < 2000 || value > 2100) {
            in.error("/year", "must be a year from 2000 to 2100 (got " + value + ")");
            return null;
        }
        return value.intValue();
    }

    private static Framework framework(FrameworkCatalog catalog, String id, Object versionNode, SheetInput in) {
        Optional<Framework> found;
        if (versionNode == null) {
            found = catalog.latest(id);
        } else {
            String version = versionNode instanceof String s ? s : String.valueOf(versionNode);
            found = catalog.find(id, version);
            if (found.isEmpty() && catalog.latest(id).isPresent()) {
                in.error("/frameworkVersion", "framework " + id + " has no version " + version + " (known: "
                        + catalog.all().stream().filter(f -> f.id().equals(id)).map(Framework::version).toList() + ")");
                return null;
            }
        }
        if (found.isEmpty()) {
            in.error("/frameworkId", "unknown framework \"" + id + "\" (known: "
                    + catalog.all().stream().map(Framework::id).distinct().toList() + ")");
            return null;
        }
        return found.get();
    }

    private static Cycle.Deadlines deadlines(Object node, Cycle.Deadlines base, SheetInput in) {
        if (node == null) {
            return base;
        }
        Map<String, Object> map = in.object(node, "/deadlines");
        if (map == null || !in.onlyKnownMembers(map, "/deadlines", DEADLINE_MEMBERS)) {
            return base;
        }
        String self = map.containsKey("self") ? time(map.get("self"), "/deadlines/self", in) : base.self();
        String district = map.containsKey("district") ? time(map.get("district"), "/deadlines/district", in)
                : base.district();
        String city = map.containsKey("city") ? time(map.get("city"), "/deadlines/city", in) : base.city();
        return new Cycle.Deadlines(self, district, city);
    }

    /** An ISO-8601 date-time with offset, re-expressed in Asia/Shanghai; null (reported) when invalid. */
    static String time(Object node, String pointer, SheetInput in) {
        String text = in.text(node, pointer);
        if (text == null) {
            return null;
        }
        try {
            return FORMAT.format(OffsetDateTime.parse(text).atZoneSameInstant(ZONE).toOffsetDateTime());
        } catch (DateTimeParseException e) {
            in.error(pointer, "must be an ISO-8601 date-time with offset, e.g. 2026-08-31T23:59:59+08:00 (got \""
                    + text + "\")");
            return null;
        }
    }

    private static void order(Cycle.Deadlines d, String rankingAt, SheetInput in) {
        if (d.self() == null || d.district() == null || d.city() == null) {
            return;
        }
        OffsetDateTime self = OffsetDateTime.parse(d.self());
        OffsetDateTime district = OffsetDateTime.parse(d.district());
        OffsetDateTime city = OffsetDateTime.parse(d.city());
        if (!self.isBefore(district)) {
            in.error("/deadlines/district", "must be after the self-assessment deadline " + d.self());
        }
        if (!district.isBefore(city)) {
            in.error("/deadlines/city", "must be after the district deadline " + d.district());
        }
        if (rankingAt != null && !city.isBefore(OffsetDateTime.parse(rankingAt))) {
            in.error("/rankingAt", "must be after the city deadline " + d.city());
        }
    }

    private static Cycle.Award award(Object node, Cycle.Award base, Framework framework, SheetInput in) {
        Map<String, Object> map = node == null ? Map.of() : in.object(node, "/award");
        if (map == null || !in.onlyKnownMembers(map, "/award", AWARD_MEMBERS)) {
            return base;
        }
        BigDecimal ratio = base.ratio();
        if (map.containsKey("ratio")) {
            ratio = in.number(map.get("ratio"), "/award/ratio");
            if (ratio != null && (ratio.signum() <= 0 || ratio.compareTo(BigDecimal.ONE) > 0)) {
                in.error("/award/ratio", "must be more than 0 and at most 1 (e.g. 0.30)");
            }
        }
        String scope = map.containsKey("scope") ? oneOf(map.get("scope"), "/award/scope", List.copyOf(SCOPES), in)
                : base.scope();
        String rounding = map.containsKey("rounding") ? oneOf(map.get("rounding"), "/award/rounding", ROUNDINGS, in)
                : base.rounding();
        String tiePolicy = map.containsKey("tiePolicy")
                ? oneOf(map.get("tiePolicy"), "/award/tiePolicy", TIE_POLICIES, in) : base.tiePolicy();
        List<String> categories = base.tieBreakCategories();
        if (map.containsKey("tieBreakCategories")) {
            categories = new ArrayList<>();
            List<Object> list = map.get("tieBreakCategories") == null ? List.of()
                    : in.list(map.get("tieBreakCategories"), "/award/tieBreakCategories");
            for (int i = 0; list != null && i < list.size(); i++) {
                String id = in.text(list.get(i), SheetInput.at("/award/tieBreakCategories", i));
                if (id != null) {
                    categories.add(id);
                }
            }
        }
        if (BREAK_BY_CATEGORIES.equals(tiePolicy) && categories.isEmpty()) {
            in.error("/award/tieBreakCategories", "name at least one category when tiePolicy is BREAK_BY_CATEGORIES");
        }
        if (framework != null) {
            List<String> known = framework.categories().stream().map(Category::id).toList();
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (int i = 0; i < categories.size(); i++) {
                String id = categories.get(i);
                if (!known.contains(id)) {
                    in.error(SheetInput.at("/award/tieBreakCategories", i), "unknown category \"" + id
                            + "\" of framework " + framework.id() + " (known: " + known + ")");
                } else if (seen.put(id, i) != null) {
                    in.error(SheetInput.at("/award/tieBreakCategories", i), "category \"" + id + "\" is listed twice");
                }
            }
        }
        return new Cycle.Award(ratio, scope, rounding, tiePolicy, categories);
    }

    private static Cycle.PanelSettings panel(Object node, Cycle.PanelSettings base, SheetInput in) {
        if (node == null) {
            return base;
        }
        Map<String, Object> map = in.object(node, "/panel");
        if (map == null || !in.onlyKnownMembers(map, "/panel", PANEL_MEMBERS)) {
            return base;
        }
        Boolean required = map.containsKey("required") ? in.flag(map.get("required"), "/panel/required")
                : Boolean.valueOf(base.required());
        Long minimum = map.containsKey("minimumSize") ? in.count(map.get("minimumSize"), "/panel/minimumSize")
                : Long.valueOf(base.minimumSize());
        if (minimum != null && (minimum < 1 || minimum > 25)) {
            in.error("/panel/minimumSize", "must be from 1 to 25");
        }
        String aggregation = map.containsKey("aggregation")
                ? oneOf(map.get("aggregation"), "/panel/aggregation", AGGREGATIONS, in) : base.aggregation();
        Long trimFrom = map.containsKey("trimFrom") ? in.count(map.get("trimFrom"), "/panel/trimFrom")
                : Long.valueOf(base.trimFrom());
        if (trimFrom != null && (trimFrom < 3 || trimFrom > 25)) {
            in.error("/panel/trimFrom", "must be from 3 to 25 (dropping the highest and the lowest needs at least 3)");
        }
        String visibility = map.containsKey("peerVisibility")
                ? oneOf(map.get("peerVisibility"), "/panel/peerVisibility", VISIBILITIES, in) : base.peerVisibility();
        if (required == null || minimum == null || trimFrom == null) {
            return base;
        }
        return new Cycle.PanelSettings(required, minimum.intValue(), aggregation, trimFrom.intValue(), visibility);
    }

    private static String oneOf(Object node, String pointer, List<String> allowed, SheetInput in) {
        String text = in.text(node, pointer);
        if (text != null && !allowed.contains(text)) {
            in.error(pointer, "must be one of " + allowed + " (got \"" + text + "\")");
            return null;
        }
        return text;
    }

    private static DomainException invalid(SheetInput in) {
        return DomainException.invalid("the cycle has " + in.errors().size() + " invalid field"
                + (in.errors().size() == 1 ? "" : "s"), in.errors());
    }
}
