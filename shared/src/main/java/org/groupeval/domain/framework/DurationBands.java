package org.groupeval.domain.framework;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * People counted by how long they served, in half-open duration bands with points per person per band, capped at the
 * node's maximum (rules.md §5.2, §10.1: "1–3 个月(不含)" = 1 ≤ m < 3; less
 * than the first band scores nothing). {@code durationKind} says whether a person's duration is one continuous stint
 * or the cumulative total of irregular stints; it is part of the definition, not of the arithmetic.
 *
 * <p>Input: either every person's duration, {@code {"durations": [4, 7.5, 2]}} (in {@code unit}, each &gt; 0), or the
 * number of people per band, {@code {"counts": {"<bandId>": 2, ...}}}.
 */
public record DurationBands(Unit unit, DurationKind durationKind, List<Band> bands) implements IndicatorRule {

    public static final String TYPE = "DURATION_BANDS";

    public enum Unit {
        MONTHS("个月", "months"), YEARS("年", "years");

        private final String zh;
        private final String en;

        Unit(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }
    }

    public enum DurationKind { CONTINUOUS, CUMULATIVE }

    /** People whose duration d satisfies min ≤ d &lt; below (no {@code below}: open-ended) score pointsPerPerson. */
    public record Band(String id, BigDecimal min, BigDecimal below, BigDecimal pointsPerPerson) {

        boolean contains(BigDecimal duration) {
            return duration.compareTo(min) >= 0 && (below == null || duration.compareTo(below) < 0);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RuleOutcome score(Object input, String pointer, BigDecimal max, SheetInput sheet) {
        Map<String, Object> object = sheet.object(input, pointer);
        if (object == null || !sheet.onlyKnownMembers(object, pointer, List.of("durations", "counts"))) {
            return null;
        }
        boolean hasDurations = object.get("durations") != null;
        boolean hasCounts = object.get("counts") != null;
        if (hasDurations == hasCounts) {
            sheet.error(pointer, hasDurations ? "give either durations or counts, not both"
                    : "needs durations (one per person, in " + unit.en + ") or counts (people per band)");
            return null;
        }
        long[] perBand = new long[bands.size()];
        long below = 0;
        if (hasDurations) {
            String at = SheetInput.at(pointer, "durations");
            List<Object> durations = sheet.list(object.get("durations"), at);
            if (durations == null) {
                return null;
            }
            boolean valid = true;
            for (int i = 0; i < durations.size(); i++) {
                String durationPointer = SheetInput.at(at, i);
                BigDecimal duration = sheet.number(durations.get(i), durationPointer);
                if (duration == null) {
                    valid = false;
                } else if (duration.signum() <= 0) {
                    sheet.error(durationPointer, "a duration must be positive (got " + Points.given(duration) + ")");
                    valid = false;
                } else {
                    int band = bandOf(duration);
                    if (band < 0) {
                        below++;
                    } else {
                        perBand[band]++;
                    }
                }
            }
            if (!valid) {
                return null;
            }
        } else {
            String at = SheetInput.at(pointer, "counts");
            Map<String, Object> counts = sheet.object(object.get("counts"), at);
            if (counts == null || !sheet.onlyKnownMembers(counts, at, bands.stream().map(Band::id).toList())) {
                return null;
            }
            boolean valid = true;
            for (int b = 0; b < bands.size(); b++) {
                Object count = counts.get(bands.get(b).id());
                if (count != null) {
                    Long n = sheet.count(count, SheetInput.at(at, bands.get(b).id()));
                    if (n == null) {
                        valid = false;
                    } else {
                        perBand[b] = n;
                    }
                }
            }
            if (!valid) {
                return null;
            }
        }
        BigDecimal sum = BigDecimal.ZERO;
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (int b = 0; b < bands.size(); b++) {
            if (perBand[b] == 0) {
                continue;
            }
            Band band = bands.get(b);
            BigDecimal points = band.pointsPerPerson().multiply(BigDecimal.valueOf(perBand[b]));
            sum = sum.add(points);
            zh.add(perBand[b] + " 人(" + labelZh(band) + ")× " + Points.show(band.pointsPerPerson()) + " = "
                    + Points.showPoints(points));
            en.add(perBand[b] + " × " + labelEn(band) + " × " + Points.show(band.pointsPerPerson()) + " = "
                    + Points.showPoints(points));
        }
        if (below > 0) {
            zh.add(below + " 人不足 " + Points.show(bands.get(0).min()) + unit.zh + ",不计分");
            en.add(below + " under " + unitEn(bands.get(0).min()) + ", not scored");
        }
        if (zh.isEmpty()) {
            zh.add("无人员");
            en.add("nobody");
        }
        return RuleOutcome.capped(sum, max,
                String.join(";", zh) + (zh.size() > 1 ? ";合计 " + Points.showPoints(sum) : ""),
                String.join("; ", en) + (en.size() > 1 ? "; total " + Points.showPoints(sum) : ""),
                true);
    }

    private int bandOf(BigDecimal duration) {
        for (int b = 0; b < bands.size(); b++) {
            if (bands.get(b).contains(duration)) {
                return b;
            }
        }
        return -1;
    }

    private String labelZh(Band band) {
        return band.below() == null ? Points.show(band.min()) + unit.zh + "及以上"
                : Points.show(band.min()) + "–" + Points.show(band.below()) + unit.zh + ",不含" + Points.show(band.below());
    }

    private String labelEn(Band band) {
        return band.below() == null ? "≥ " + unitEn(band.min())
                : Points.show(band.min()) + "–" + unitEn(band.below());
    }

    private String unitEn(BigDecimal amount) {
        String shown = Points.show(amount);
        return shown + " " + (shown.equals("1") ? unit.en.substring(0, unit.en.length() - 1) : unit.en);
    }

    @Override
    public Map<String, Object> parameters() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Band band : bands) {
            Map<String, Object> node = InputShape.map("id", band.id(), "min", band.min());
            if (band.below() != null) {
                node.put("below", band.below());
            }
            node.put("pointsPerPerson", band.pointsPerPerson());
            node.put("label", LocalizedText.of(labelZh(band), labelEn(band)));
            list.add(node);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("unit", unit.name());
        parameters.put("durationKind", durationKind.name());
        parameters.put("bands", list);
        return parameters;
    }

    @Override
    public Map<String, Object> inputShape() {
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> duration = InputShape.number("one person's " + durationKind.name().toLowerCase()
                + " duration in " + unit.en + ", greater than 0", null, null);
        duration.put("exclusiveMinimum", 0);
        properties.put("durations", InputShape.array("every person's duration", duration));
        Map<String, Object> countProperties = new LinkedHashMap<>();
        for (Band band : bands) {
            countProperties.put(band.id(), InputShape.count("people in " + labelEn(band)));
        }
        Map<String, Object> counts = InputShape.map("type", "object", "description", "number of people per band",
                "properties", countProperties, "additionalProperties", false);
        properties.put("counts", counts);
        Map<String, Object> shape = InputShape.object("people by " + durationKind.name().toLowerCase()
                + " duration: give exactly one of durations or counts", properties, null,
                Map.of("durations", List.of(bands.get(0).min().add(BigDecimal.ONE))));
        shape.put("oneOf", List.of(Map.of("required", List.of("durations")), Map.of("required", List.of("counts"))));
        return shape;
    }

    @Override
    public BigDecimal reachable(BigDecimal max) {
        return null;
    }

    static DurationBands read(Map<String, Object> rule, String pointer, DefinitionProblems problems) {
        Unit unit = problems.enumValue(rule, "unit", pointer, Unit.class);
        DurationKind kind = problems.enumValue(rule, "durationKind", pointer, DurationKind.class);
        List<Object> list = problems.nonEmptyList(rule, "bands", pointer);
        if (list == null) {
            return null;
        }
        List<Band> bands = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String bandsPointer = SheetInput.at(pointer, "bands");
        for (int i = 0; i < list.size(); i++) {
            String at = SheetInput.at(bandsPointer, i);
            Map<String, Object> node = problems.object(list.get(i), at);
            if (node == null) {
                continue;
            }
            String id = problems.id(node, "id", at);
            BigDecimal min = problems.nonNegative(node, "min", at);
            BigDecimal below = problems.optionalNumber(node, "below", at);
            BigDecimal points = problems.nonNegative(node, "pointsPerPerson", at);
            if (id != null && !ids.add(id)) {
                problems.add(SheetInput.at(at, "id"), "duplicate band id \"" + id + "\"");
            }
            if (min != null && below != null && below.compareTo(min) <= 0) {
                problems.add(SheetInput.at(at, "below"), "must be greater than min");
            }
            if (below == null && i < list.size() - 1) {
                problems.add(SheetInput.at(at, "below"), "only the last band may be open-ended");
            }
            bands.add(new Band(id, min, below, points));
        }
        return new DurationBands(unit, kind, List.copyOf(bands));
    }

    /** Bands must follow each other without gap or overlap (checked once every band has been read). */
    void checkContiguous(String pointer, DefinitionProblems problems) {
        for (int i = 1; i < bands.size(); i++) {
            BigDecimal previousEnd = bands.get(i - 1).below();
            BigDecimal start = bands.get(i).min();
            if (previousEnd == null || start == null) {
                continue;
            }
            int cmp = start.compareTo(previousEnd);
            if (cmp != 0) {
                problems.add(SheetInput.at(SheetInput.at(SheetInput.at(pointer, "bands"), i), "min"),
                        (cmp > 0 ? "gap" : "overlap") + " between duration bands: the previous band ends below "
                                + Points.show(previousEnd) + " but this one starts at " + Points.show(start));
            }
        }
    }
}
