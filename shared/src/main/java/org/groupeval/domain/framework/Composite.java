package org.groupeval.domain.framework;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A composite indicator (rules.md §5.2: "every max is a cap on the sum of its part"): each
 * part is scored by its own rule and capped at its own maximum, the parts are summed, and the sum is capped at the
 * indicator's maximum. Parts may themselves be composite. Input {@code {"<partId>": <input for the part's rule>, ...}}.
 * In a draft a part may be left out (it scores 0 and the indicator is incomplete); in a submission every part is
 * required.
 */
public record Composite(List<Part> parts) implements IndicatorRule {

    public static final String TYPE = "COMPOSITE";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RuleOutcome score(Object input, String pointer, BigDecimal max, SheetInput sheet) {
        Map<String, Object> object = sheet.object(input, pointer);
        if (object == null || !sheet.onlyKnownMembers(object, pointer, parts.stream().map(Part::id).toList())) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        boolean complete = true;
        boolean valid = true;
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (Part part : parts) {
            String at = SheetInput.at(pointer, part.id());
            Object partInput = object.get(part.id());
            if (partInput == null) {
                if (!sheet.partialAllowed()) {
                    sheet.error(at, "is required in a submitted sheet (" + part.name().en() + ")");
                    valid = false;
                }
                complete = false;
                zh.add(part.name().zh() + ":未填写,计 0");
                en.add(part.name().en() + ": not given, 0");
                continue;
            }
            RuleOutcome outcome = part.rule().score(partInput, at, part.maxPoints(), sheet);
            if (outcome == null) {
                valid = false;
                continue;
            }
            sum = sum.add(outcome.points());
            complete &= outcome.complete();
            boolean nested = part.rule() instanceof Composite;
            zh.add(part.name().zh() + ":" + (nested ? "[" + outcome.explanation().zh() + "]" : outcome.explanation().zh()));
            en.add(part.name().en() + ": " + (nested ? "[" + outcome.explanation().en() + "]" : outcome.explanation().en()));
        }
        if (!valid) {
            return null;
        }
        return RuleOutcome.capped(sum, max,
                String.join(";", zh) + ";小计 " + Points.showPoints(sum),
                String.join("; ", en) + "; subtotal " + Points.showPoints(sum), complete);
    }

    @Override
    public Map<String, Object> parameters() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Part part : parts) {
            list.add(InputShape.map("id", part.id(), "name", part.name(), "maxPoints", Score.of(part.maxPoints()),
                    "rule", describe(part.rule())));
        }
        return Map.of("parts", list);
    }

    /** A rule as published: {@code {type, ...parameters, input}}. */
    public static Map<String, Object> describe(IndicatorRule rule) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", rule.type());
        view.putAll(rule.parameters());
        view.put("input", rule.inputShape());
        return view;
    }

    @Override
    public Map<String, Object> inputShape() {
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> example = new LinkedHashMap<>();
        for (Part part : parts) {
            Map<String, Object> partShape = new LinkedHashMap<>(part.rule().inputShape());
            partShape.put("description", part.name().en() + " (" + part.name().zh() + "), max "
                    + Points.show(part.maxPoints()) + ": " + partShape.get("description"));
            properties.put(part.id(), partShape);
            example.put(part.id(), partShape.get("example"));
        }
        return InputShape.object("one input per part; each part is capped at its max, then the sum at the indicator's max",
                properties, parts.stream().map(Part::id).toList(), example);
    }

    @Override
    public BigDecimal reachable(BigDecimal max) {
        return parts.stream().map(Part::maxPoints).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
