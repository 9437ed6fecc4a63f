package org.groupeval.domain.review;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.framework.Category;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.domain.framework.SheetInput;
import org.groupeval.domain.ranking.AwardScope;
import org.groupeval.domain.ranking.AwardSettings;
import org.groupeval.domain.ranking.QuotaRounding;
import org.groupeval.domain.ranking.TiePolicy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creating and changing a cycle (rules.md §4, §8.4, §8.5; docs/api.md, Cycles): validation of
 * every field at once, the defaults of the rule book, and the one lasting rule: once the first sheet of the cycle is
 * saved ({@link Cycle#frameworkLocked()}), the framework cannot change.
 */
public final class CycleRules {

    /** Every date of the rule book is Asia/Shanghai time. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    static final int DEFAULT_MINIMUM_PANEL = 3;
    static final int DEFAULT_TRIM_FROM = 5;

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

    public static Cycle.PanelSettings defaultPanel() {
        return new Cycle.PanelSettings(true, DEFAULT_MINIMUM_PANEL, AggregationMethod.TRIMMED_MEAN, DEFAULT_TRIM_FROM,
                PeerVisibility.AFTER_PANEL_COMPLETE);
    }

    private static String at(int year, int month, int day, int hour, int minute, int second) {
        return FORMAT.format(LocalDateTime.of(year, month, day, hour, minute, second).atZone(ZONE).toOffsetDateTime());
    }

    /** An instant as this service shows times: ISO-8601 in Asia/Shanghai with its offset. */
    public static String show(Instant instant) {
        return FORMAT.format(instant.atZone(ZONE).toOffsetDateTime());
    }

    /** A new cycle from a {@code POST /cycles} body; every invalid field is reported at once (400). */
    public static Cycle create(CycleRequest body, FrameworkCatalog catalog, Instant now, String subject) {
        SheetInput in = new SheetInput(false);
        Integer year = year(body.year(), in);
        Framework framework = null;
        String frameworkId = body.frameworkId() == null ? null : in.text(body.frameworkId(), "/frameworkId");
        if (body.frameworkId() == null) {
            in.error("/frameworkId", "is required (e.g. ankang-2022 or chengdu-2023)");
        }
        if (frameworkId != null) {
            framework = framework(catalog, frameworkId, body.frameworkVersion(), in);
        }
        Cycle.Deadlines deadlines = null;
        String rankingAt = null;
        if (year != null) {
            deadlines = deadlines(body.deadlines(), defaultDeadlines(year), in);
            rankingAt = body.rankingAt() != null ? time(body.rankingAt(), "/rankingAt", in) : defaultRankingAt(year);
        }
        AwardSettings award = award(body.award(), AwardSettings.defaults(), framework, in);
        Cycle.PanelSettings panel = panel(body.panel(), defaultPanel(), in);
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
    public static Cycle patch(Cycle current, CycleRequest body, FrameworkCatalog catalog, Instant now,
                              String subject) {
        SheetInput in = new SheetInput(false);
        if (body.year() != null && body.year().compareTo(BigDecimal.valueOf(current.year())) != 0) {
            in.error("/year", "the year of a cycle cannot change (it is the cycle's id)");
        }
        Framework framework = catalog.find(current.frameworkId(), current.frameworkVersion()).orElseThrow(() ->
                new IllegalStateException("cycle " + current.year() + " pins an unknown framework "
                        + current.frameworkId() + "/" + current.frameworkVersion()));
        if (body.frameworkId() != null || body.frameworkVersion() != null) {
            String id = body.frameworkId() != null ? in.text(body.frameworkId(), "/frameworkId")
                    : current.frameworkId();
            String version = body.frameworkVersion() != null ? body.frameworkVersion()
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
        Cycle.Deadlines deadlines = deadlines(body.deadlines(), current.deadlines(), in);
        String rankingAt = body.rankingAt() != null ? time(body.rankingAt(), "/rankingAt", in) : current.rankingAt();
        // the award is checked again even when it does not change: a new framework may lack its tie-break categories
        AwardSettings award = award(body.award(), current.award(), framework, in);
        Cycle.PanelSettings panel = panel(body.panel(), current.panel(), in);
        if (deadlines != null && rankingAt != null) {
            order(deadlines, rankingAt, in);
        }
        if (in.hasErrors()) {
            throw invalid(in);
        }
        return new Cycle(current.year(), framework.id(), framework.version(), deadlines, award, rankingAt, panel,
                current.frameworkLocked(), current.createdAt(), now, subject, current.version());
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

    private static Framework framework(FrameworkCatalog catalog, String id, String version, SheetInput in) {
        Optional<Framework> found;
        if (version == null) {
            found = catalog.latest(id);
        } else {
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

    /** The deadlines given replace the base's one by one. */
    private static Cycle.Deadlines deadlines(Cycle.Deadlines given, Cycle.Deadlines base, SheetInput in) {
        if (given == null) {
            return base;
        }
        String self = given.self() != null ? time(given.self(), "/deadlines/self", in) : base.self();
        String district = given.district() != null ? time(given.district(), "/deadlines/district", in)
                : base.district();
        String city = given.city() != null ? time(given.city(), "/deadlines/city", in) : base.city();
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

    /**
     * The award settings given replace the base's member by member; the tie-break categories are checked against the
     * framework. The base when any of them is invalid (the cycle is refused then anyway).
     */
    private static AwardSettings award(CycleRequest.Award given, AwardSettings base, Framework framework,
                                       SheetInput in) {
        int before = in.errors().size();
        CycleRequest.Award award = given == null ? new CycleRequest.Award(null, null, null, null, null) : given;
        BigDecimal ratio = base.ratio();
        if (award.ratio() != null) {
            ratio = award.ratio();
            if (ratio.signum() <= 0 || ratio.compareTo(BigDecimal.ONE) > 0) {
                in.error("/award/ratio", "must be more than 0 and at most 1 (e.g. 0.30)");
            }
        }
        AwardScope scope = award.scope() != null ? oneOf(award.scope(), "/award/scope", AwardScope.values(), in)
                : base.scope();
        QuotaRounding rounding = award.rounding() != null
                ? oneOf(award.rounding(), "/award/rounding", QuotaRounding.values(), in) : base.rounding();
        TiePolicy tiePolicy = award.tiePolicy() != null
                ? oneOf(award.tiePolicy(), "/award/tiePolicy", TiePolicy.values(), in) : base.tiePolicy();
        List<String> categories = base.tieBreakCategories();
        if (award.tieBreakCategories() != null) {
            categories = new ArrayList<>();
            for (int i = 0; i < award.tieBreakCategories().size(); i++) {
                String id = in.text(award.tieBreakCategories().get(i), SheetInput.at("/award/tieBreakCategories", i));
                if (id != null) {
                    categories.add(id);
                }
            }
        }
        if (tiePolicy == TiePolicy.BREAK_BY_CATEGORIES && categories.isEmpty()) {
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
        if (in.errors().size() > before || scope == null || rounding == null || tiePolicy == null) {
            return base;
        }
        return new AwardSettings(ratio, scope, tiePolicy, categories, rounding);
    }

    /** The panel settings given replace the base's member by member; the base when any of them is invalid. */
    private static Cycle.PanelSettings panel(CycleRequest.PanelSettings given, Cycle.PanelSettings base,
                                             SheetInput in) {
        if (given == null) {
            return base;
        }
        Boolean required = given.required() != null ? given.required() : Boolean.valueOf(base.required());
        Long minimum = given.minimumSize() != null ? in.count(given.minimumSize(), "/panel/minimumSize")
                : Long.valueOf(base.minimumSize());
        if (minimum != null && (minimum < 1 || minimum > 25)) {
            in.error("/panel/minimumSize", "must be from 1 to 25");
        }
        AggregationMethod aggregation = given.aggregation() != null
                ? oneOf(given.aggregation(), "/panel/aggregation", AggregationMethod.values(), in) : base.aggregation();
        Long trimFrom = given.trimFrom() != null ? in.count(given.trimFrom(), "/panel/trimFrom")
                : Long.valueOf(base.trimFrom());
        if (trimFrom != null && (trimFrom < 3 || trimFrom > 25)) {
            in.error("/panel/trimFrom", "must be from 3 to 25 (dropping the highest and the lowest needs at least 3)");
        }
        PeerVisibility visibility = given.peerVisibility() != null
                ? oneOf(given.peerVisibility(), "/panel/peerVisibility", PeerVisibility.values(), in)
                : base.peerVisibility();
        if (minimum == null || trimFrom == null) {
            return base;
        }
        return new Cycle.PanelSettings(required, minimum.intValue(), aggregation, trimFrom.intValue(), visibility);
    }

    /** The value of {@code allowed} the text names; null (reported) when it names none. */
    private static <E extends Enum<E>> E oneOf(String text, String pointer, E[] allowed, SheetInput in) {
        String name = in.text(text, pointer);
        if (name == null) {
            return null;
        }
        for (E value : allowed) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        in.error(pointer, "must be one of " + Arrays.toString(allowed) + " (got \"" + name + "\")");
        return null;
    }

    private static DomainException invalid(SheetInput in) {
        return DomainException.invalidFields("the cycle", in.errors());
    }
}
