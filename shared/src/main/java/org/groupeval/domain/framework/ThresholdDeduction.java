package org.groupeval.domain.framework;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Threshold with deduction per percentage point (rules.md §5.2, §9.1): each measured
 * ratio is compared with its target; the shortfall is counted in percentage points, fractions included, and every
 * point short costs {@code deductionPerPoint}; the deductions add up; the indicator never goes below zero.
 * Input {@code {"<measureId>": <ratio 0..1>, ...}}, e.g. {@code {"exchangeRatio": 0.085, "backboneRatio": 0.25}}.
 */
public record ThresholdDeduction(List<Measure> measures, BigDecimal deductionPerPoint) implements IndicatorRule {

    public static final String TYPE = "THRESHOLD_DEDUCTION";

    /** A measured ratio and its target (both ratios from 0 to 1). */
    public record Measure(String id, LocalizedText name, BigDecimal target) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RuleOutcome score(Object input, String pointer, BigDecimal max, SheetInput sheet) {
        Map<String, Object> object = sheet.object(input, pointer);
        if (object == null || !sheet.onlyKnownMembers(object, pointer, measureIds())) {
            return null;
        }
        List<BigDecimal> values = new ArrayList<>();
        for (Measure measure : measures) {
            values.add(sheet.between(object.get(measure.id()), SheetInput.at(pointer, measure.id()),
                    BigDecimal.ZERO, BigDecimal.ONE));
        }
        if (values.contains(null)) {
            return null;
        }
        BigDecimal deduction = BigDecimal.ZERO;
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (int i = 0; i < measures.size(); i++) {
            Measure measure = measures.get(i);
            BigDecimal value = values.get(i);
            BigDecimal shortfall = Points.max(BigDecimal.ZERO, measure.target().subtract(value)).multiply(Points.HUNDRED);
            String stated = Points.showPercent(value) + "(目标 " + Points.showPercent(measure.target()) + ")";
            String statedEn = Points.showPercent(value) + " (target " + Points.showPercent(measure.target()) + ")";
            if (shortfall.signum() > 0) {
                BigDecimal off = shortfall.multiply(deductionPerPoint);
                deduction = deduction.add(off);
                zh.add(measure.name().zh() + " " + stated + ",差 " + Points.show(shortfall) + " 个百分点,扣 "
                        + Points.show(off));
                en.add(measure.name().en() + " " + statedEn + ": " + Points.show(shortfall)
                        + " percentage points short, " + Points.show(off) + " off");
            } else {
                zh.add(measure.name().zh() + " " + stated + ",达标");
                en.add(measure.name().en() + " " + statedEn + ": met");
            }
        }
        BigDecimal points = Points.max(BigDecimal.ZERO, max.subtract(deduction));
        String floorZh = max.subtract(deduction).signum() < 0 ? "(不低于 0)" : "";
        String floorEn = max.subtract(deduction).signum() < 0 ? " (not below 0)" : "";
        return new RuleOutcome(points, new LocalizedText(
                String.join(";", zh) + ";" + Points.show(max) + " − " + Points.show(deduction) + " = "
                        + Points.showPoints(points) + floorZh,
                String.join("; ", en) + "; " + Points.show(max) + " − " + Points.show(deduction) + " = "
                        + Points.showPoints(points) + floorEn), true);
    }

    private List<String> measureIds() {
        return measures.stream().map(Measure::id).toList();
    }

    @Override
    public Map<String, Object> parameters() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Measure measure : measures) {
            list.add(InputShape.map("id", measure.id(), "name", measure.name(), "target", measure.target()));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("measures", list);
        parameters.put("deductionPerPoint", deductionPerPoint);
        return parameters;
    }

    @Override
    public Map<String, Object> inputShape() {
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> example = new LinkedHashMap<>();
        for (Measure measure : measures) {
            properties.put(measure.id(), InputShape.number(measure.name().en() + " (" + measure.name().zh()
                    + "), a ratio from 0 to 1; target " + Points.show(measure.target()), BigDecimal.ZERO, BigDecimal.ONE));
            example.put(measure.id(), measure.target());
        }
        return InputShape.object("the measured ratios; each percentage point below its target costs "
                + Points.show(deductionPerPoint), properties, measureIds(), example);
    }

    @Override
    public BigDecimal reachable(BigDecimal max) {
        return max;
    }

    static ThresholdDeduction read(Map<String, Object> rule, String pointer, DefinitionProblems problems) {
        List<Object> list = problems.nonEmptyList(rule, "measures", pointer);
        BigDecimal deduction = problems.positive(rule, "deductionPerPoint", pointer);
        if (list == null) {
            return null;
        }
        List<Measure> measures = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String measuresPointer = SheetInput.at(pointer, "measures");
        for (int i = 0; i < list.size(); i++) {
            String at = SheetInput.at(measuresPointer, i);
            Map<String, Object> node = problems.object(list.get(i), at);
            if (node == null) {
                continue;
            }
            String id = problems.id(node, "id", at);
            LocalizedText name = problems.name(node, at);
            BigDecimal target = problems.nonNegative(node, "target", at);
            if (target != null && target.compareTo(BigDecimal.ONE) > 0) {
                problems.add(SheetInput.at(at, "target"), "is a ratio and must not exceed 1 (got "
                        + Points.show(target) + ")");
            }
            if (id != null && !ids.add(id)) {
                problems.add(SheetInput.at(at, "id"), "duplicate measure id \"" + id + "\"");
            }
            measures.add(new Measure(id, name, target));
        }
        return new ThresholdDeduction(List.copyOf(measures), deduction);
    }
}
