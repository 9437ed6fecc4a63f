package org.groupeval.domain.review;

import org.groupeval.domain.district.DistrictNames;
import org.groupeval.domain.group.Group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far a cycle's review has come (docs/review.md, Progress): per stage and district, how many groups submitted,
 * are drafting, have not started, or are late (the deadline, or the group's extension, passed without a
 * submission); the four add up to the stage's groups, which are every group for the self-assessment and the district
 * review, and the groups their district recommended for the city stage. Per recommended group: the experts seated
 * on its panel and how many of them submitted, and whether the city confirmed. Every district code comes with its
 * name ({@code districtName}, absent when the code has none).
 */
public record ReviewProgress(int year, String asOf, String district, String districtName, List<StageProgress> stages,
                             List<PanelProgress> panels) {

    /** A sheet as the progress counts it (read from the cycle's indexes, not from each group). */
    public record SheetState(String groupId, String district, SheetStatus status, boolean recommend,
                             String expertSub) {

        public boolean submitted() {
            return status == SheetStatus.SUBMITTED;
        }
    }

    /** The counts of one stage, over all districts ({@code district} null) or in one. */
    public record Counts(String district, String districtName, int groups, int submitted, int drafting,
                         int notStarted, int late) {
    }

    public record StageProgress(Stage stage, String deadline, Counts totals, List<Counts> districts) {
    }

    public record PanelProgress(String groupId, String district, String districtName, int expertsAssigned,
                                long expertsSubmitted, boolean confirmed) {
    }

    /** What the view is made of: the groups, each stage's sheets by group, the extensions, panels, experts' sheets. */
    public record Inputs(List<Group> groups, Map<Stage, Map<String, SheetState>> sheets, List<Extension> extensions,
                         List<Panel> panels, List<SheetState> expertSheets) {
    }

    /**
     * The progress of {@code cycle} at {@code now}, of one district or ({@code district} null) of all, the districts
     * named by {@code names}.
     */
    public static ReviewProgress of(Cycle cycle, String district, Inputs in, Instant now, DistrictNames names) {
        Map<String, Extension> extensions = new HashMap<>();
        in.extensions().forEach(e -> extensions.put(e.stage().code() + "#" + e.groupId(), e));
        List<StageProgress> stages = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            Map<String, Tally> perDistrict = new TreeMap<>();
            Tally totals = new Tally();
            for (Group group : in.groups()) {
                if (stage == Stage.CITY && !recommended(in, group)) {
                    continue;
                }
                SheetState sheet = in.sheets().get(stage).get(group.groupId());
                Tally.Column column;
                if (sheet != null && sheet.submitted()) {
                    column = Tally.Column.SUBMITTED;
                } else if (ReviewRules.passed(cycle, stage, extensions.get(stage.code() + "#" + group.groupId()),
                        now)) {
                    column = Tally.Column.LATE;
                } else {
                    column = sheet != null ? Tally.Column.DRAFTING : Tally.Column.NOT_STARTED;
                }
                perDistrict.computeIfAbsent(group.district(), d -> new Tally()).add(column);
                totals.add(column);
            }
            List<Counts> districts = new ArrayList<>();
            perDistrict.forEach((d, tally) -> districts.add(tally.counts(d, names)));
            stages.add(new StageProgress(stage, cycle.deadlines().of(stage), totals.counts(null, names), districts));
        }
        return new ReviewProgress(cycle.year(), CycleRules.show(now), district, names.nameOrNull(district), stages,
                panels(in, names));
    }

    /** Whether the group's district submitted and recommended it: only such groups have a city stage. */
    private static boolean recommended(Inputs in, Group group) {
        SheetState district = in.sheets().get(Stage.DISTRICT).get(group.groupId());
        return district != null && district.submitted() && district.recommend();
    }

    private static List<PanelProgress> panels(Inputs in, DistrictNames names) {
        Map<String, Panel> panels = new HashMap<>();
        in.panels().forEach(p -> panels.put(p.groupId(), p));
        Map<String, List<SheetState>> expertSheets = new HashMap<>();
        in.expertSheets().forEach(s -> expertSheets.computeIfAbsent(s.groupId(), g -> new ArrayList<>()).add(s));
        List<PanelProgress> rows = new ArrayList<>();
        for (Group group : in.groups()) {
            if (!recommended(in, group)) {
                continue;
            }
            Panel panel = panels.get(group.groupId());
            List<String> seated = panel == null ? List.of() : panel.subjects();
            long submitted = expertSheets.getOrDefault(group.groupId(), List.of()).stream()
                    .filter(s -> seated.contains(s.expertSub()) && s.submitted()).count();
            SheetState city = in.sheets().get(Stage.CITY).get(group.groupId());
            rows.add(new PanelProgress(group.groupId(), group.district(), names.nameOrNull(group.district()),
                    seated.size(), submitted,
                    city != null && city.submitted()));
        }
        return rows;
    }

    /** The four counts of one stage as they add up. */
    private static final class Tally {
        enum Column { SUBMITTED, DRAFTING, NOT_STARTED, LATE }

        private final int[] columns = new int[Column.values().length];
        private int groups;

        void add(Column column) {
            groups++;
            columns[column.ordinal()]++;
        }

        Counts counts(String district, DistrictNames names) {
            return new Counts(district, names.nameOrNull(district), groups, columns[Column.SUBMITTED.ordinal()],
                    columns[Column.DRAFTING.ordinal()], columns[Column.NOT_STARTED.ordinal()],
                    columns[Column.LATE.ordinal()]);
        }
    }
}
