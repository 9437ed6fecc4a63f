package org.groupeval.domain.framework;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Items counted by administrative level, each worth the level's points, capped at the node's maximum (rules.md
 * §10, B12 and B13: "provincial 1.5, city 1, district 0.5 each, max 3"). Input: the number of items
 * per level, {@code {"PROVINCIAL": 1, "CITY": 2}}; a level left out counts 0.
 */
public record LevelCounts(Map<Level, BigDecimal> pointsByLevel) implements IndicatorRule {

    public static final String TYPE = "LEVEL_COUNTS";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RuleOutcome score(Object input, String pointer, BigDecimal max, SheetInput sheet) {
        Map<String, Object> object = sheet.object(input, pointer);
        if (object == null || !sheet.onlyKnownMembers(object, pointer, levelNames())) {
            return null;
        }
        Map<Level, Long> counts = new EnumMap<>(Level.class);
        boolean valid = true;
        for (Level level : pointsByLevel.keySet()) {
            Object node = object.get(level.name());
            if (node != null) {
                Long count = sheet.count(node, SheetInput.at(pointer, level.name()));
                if (count == null) {
                    valid = false;
                } else if (count > 0) {
                    counts.put(level, count);
                }
            }
        }
        if (!valid) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (Map.Entry<Level, Long> entry : counts.entrySet()) {
            BigDecimal each = pointsByLevel.get(entry.getKey());
            BigDecimal points = each.multiply(BigDecimal.valueOf(entry.getValue()));
            sum = sum.add(points);
            zh.add(entry.getKey().zh() + " " + entry.getValue() + " 个 × " + Points.show(each) + " = " + Points.showPoints(points));
            en.add(entry.getValue() + " " + entry.getKey().en() + " × " + Points.show(each) + " = " + Points.showPoints(points));
        }
        if (zh.isEmpty()) {
            zh.add("无");
            en.add("none");
        }
        return RuleOutcome.capped(sum, max,
                String.join(";", zh) + (zh.size() > 1 ? ";合计 " + Points.showPoints(sum) : ""),
                String.join("; ", en) + (en.size() > 1 ? "; total " + Points.showPoints(sum) : ""), true);
    }

    private List<String> levelNames() {
        return pointsByLevel.keySet().stream().map(Level::name).toList();
    }

    @Override
    public Map<String, Object> parameters() {
        List<Map<String, Object>> levels = new ArrayList<>();
        pointsByLevel.forEach((level, points) -> levels.add(InputShape.map("level", level.name(), "points", points)));
        return Map.of("levels", levels);
    }

    @Override
    public Map<String, Object> inputShape() {
        Map<String, Object> properties = new LinkedHashMap<>();
        pointsByLevel.forEach((level, points) -> properties.put(level.name(),
                InputShape.count("number of " + level.en() + " items, " + Points.show(points) + " each")));
        return InputShape.object("number of items per level; a level left out counts 0", properties, null,
                Map.of(levelNames().get(0), 1));
    }

    @Override
    public BigDecimal reachable(BigDecimal max) {
        return null;
    }

    static LevelCounts read(Map<String, Object> rule, String pointer, DefinitionProblems problems) {
        List<Object> list = problems.nonEmptyList(rule, "levels", pointer);
        if (list == null) {
            return null;
        }
        Map<Level, BigDecimal> pointsByLevel = new EnumMap<>(Level.class);
        String levelsPointer = SheetInput.at(pointer, "levels");
        for (int i = 0; i < list.size(); i++) {
            String at = SheetInput.at(levelsPointer, i);
            Map<String, Object> node = problems.object(list.get(i), at);
            if (node == null) {
                continue;
            }
            Level level = problems.enumValue(node, "level", at, Level.class);
            BigDecimal points = problems.positive(node, "points", at);
            if (level != null && pointsByLevel.put(level, points) != null) {
                problems.add(SheetInput.at(at, "level"), "level " + level + " is listed twice");
            }
        }
        return new LevelCounts(new LinkedHashMap<>(pointsByLevel));
    }
}
