package org.groupeval.domain.framework;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checklist of items, each worth fixed points (e.g. rules.md §10, B01: has charter 1.5, in force
 * 1.5, six content items × 0.5). Input {@code {"checked": ["<itemId>", ...]}}; an item not listed is not met.
 */
public record Checklist(List<Item> items) implements IndicatorRule {

    public static final String TYPE = "CHECKLIST";

    public record Item(String id, LocalizedText name, BigDecimal points) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RuleOutcome score(Object input, String pointer, BigDecimal max, SheetInput sheet) {
        Map<String, Object> object = sheet.object(input, pointer);
        if (object == null || !sheet.onlyKnownMembers(object, pointer, List.of("checked"))) {
            return null;
        }
        String at = SheetInput.at(pointer, "checked");
        List<Object> checked = sheet.list(object.get("checked"), at);
        if (checked == null) {
            return null;
        }
        Set<String> met = new HashSet<>();
        boolean valid = true;
        for (int i = 0; i < checked.size(); i++) {
            String itemPointer = SheetInput.at(at, i);
            String id = sheet.text(checked.get(i), itemPointer);
            if (id == null) {
                valid = false;
            } else if (items.stream().noneMatch(item -> item.id().equals(id))) {
                sheet.error(itemPointer, "is not an item of this checklist (items: " + String.join(", ", itemIds()) + ")");
                valid = false;
            } else if (!met.add(id)) {
                sheet.error(itemPointer, "lists \"" + id + "\" twice");
                valid = false;
            }
        }
        if (!valid) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        List<String> metZh = new ArrayList<>();
        List<String> metEn = new ArrayList<>();
        List<String> missingZh = new ArrayList<>();
        List<String> missingEn = new ArrayList<>();
        for (Item item : items) {
            if (met.contains(item.id())) {
                sum = sum.add(item.points());
                metZh.add(item.name().zh() + " " + Points.show(item.points()));
                metEn.add(item.name().en() + " " + Points.show(item.points()));
            } else {
                missingZh.add(item.name().zh());
                missingEn.add(item.name().en());
            }
        }
        String zh = (metZh.isEmpty() ? "无达成项" : "达成:" + String.join(" + ", metZh)) + " = " + Points.showPoints(sum)
                + (missingZh.isEmpty() ? "" : ";未达成:" + String.join("、", missingZh));
        String en = (metEn.isEmpty() ? "no item met" : "met: " + String.join(" + ", metEn)) + " = " + Points.showPoints(sum)
                + (missingEn.isEmpty() ? "" : "; not met: " + String.join(", ", missingEn));
        return RuleOutcome.capped(sum, max, zh, en, true);
    }

    private List<String> itemIds() {
        return items.stream().map(Item::id).toList();
    }

    @Override
    public Map<String, Object> parameters() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Item item : items) {
            list.add(InputShape.map("id", item.id(), "name", item.name(), "points", Score.of(item.points())));
        }
        return Map.of("items", list);
    }

    @Override
    public Map<String, Object> inputShape() {
        Map<String, Object> checked = InputShape.array("the ids of the items that are met; an item not listed is not met",
                InputShape.enumeration("an item id", itemIds()));
        checked.put("uniqueItems", true);
        return InputShape.object("checklist: list the items that are met", Map.of("checked", checked),
                List.of("checked"), Map.of("checked", itemIds().subList(0, Math.min(2, items.size()))));
    }

    @Override
    public BigDecimal reachable(BigDecimal max) {
        return items.stream().map(Item::points).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static Checklist read(Map<String, Object> rule, String pointer, DefinitionProblems problems) {
        List<Object> list = problems.nonEmptyList(rule, "items", pointer);
        if (list == null) {
            return null;
        }
        List<Item> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String itemsPointer = SheetInput.at(pointer, "items");
        for (int i = 0; i < list.size(); i++) {
            String at = SheetInput.at(itemsPointer, i);
            Map<String, Object> node = problems.object(list.get(i), at);
            if (node == null) {
                continue;
            }
            String id = problems.id(node, "id", at);
            LocalizedText name = problems.name(node, at);
            BigDecimal points = problems.positive(node, "points", at);
            if (id != null && !ids.add(id)) {
                problems.add(SheetInput.at(at, "id"), "duplicate item id \"" + id + "\"");
            }
            items.add(new Item(id, name, points));
        }
        return new Checklist(List.copyOf(items));
    }
}
