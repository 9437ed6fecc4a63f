package org.groupeval.domain.framework;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Reads the {@code rule} of an indicator or a part from a framework definition; one place knows every rule type. */
final class RuleReader {

    static final List<String> TYPES = List.of(CompletionRatio.TYPE, SurveyPercentage.TYPE, JudgedPoints.TYPE,
            Checklist.TYPE, GradeMapped.TYPE, ThresholdDeduction.TYPE, DurationBands.TYPE, LevelCounts.TYPE,
            Composite.TYPE);

    private RuleReader() {
    }

    static IndicatorRule read(Map<String, Object> owner, String ownerPointer, DefinitionProblems problems) {
        Map<String, Object> rule = problems.object(owner, "rule", ownerPointer);
        if (rule == null) {
            return null;
        }
        String pointer = SheetInput.at(ownerPointer, "rule");
        String type = problems.text(rule, "type", pointer);
        if (type == null) {
            return null;
        }
        return switch (type) {
            case CompletionRatio.TYPE -> new CompletionRatio();
            case SurveyPercentage.TYPE -> new SurveyPercentage();
            case JudgedPoints.TYPE -> readJudged(rule, pointer, problems);
            case Checklist.TYPE -> Checklist.read(rule, pointer, problems);
            case GradeMapped.TYPE -> GradeMapped.read(rule, pointer, problems);
            case ThresholdDeduction.TYPE -> ThresholdDeduction.read(rule, pointer, problems);
            case DurationBands.TYPE -> DurationBands.read(rule, pointer, problems);
            case LevelCounts.TYPE -> LevelCounts.read(rule, pointer, problems);
            case Composite.TYPE -> readComposite(rule, pointer, problems);
            default -> {
                problems.add(SheetInput.at(pointer, "type"), "unknown rule type \"" + type + "\" (known: "
                        + String.join(", ", TYPES) + ")");
                yield null;
            }
        };
    }

    private static JudgedPoints readJudged(Map<String, Object> rule, String pointer, DefinitionProblems problems) {
        BigDecimal step = rule.get("step") == null ? null : problems.positive(rule, "step", pointer);
        return new JudgedPoints(step);
    }

    private static Composite readComposite(Map<String, Object> rule, String pointer, DefinitionProblems problems) {
        List<Part> parts = problems.uniqueEntries(rule, "parts", pointer, DefinitionProblems.Unique.ids("part", Part::id),
                (node, at, last) -> new Part(problems.id(node, "id", at), problems.name(node, at),
                        problems.positive(node, "maxPoints", at), read(node, at, problems)));
        return parts == null ? null : new Composite(List.copyOf(parts));
    }

    /**
     * Checks that a node (indicator or part) can reach its maximum and that its rule's tables are consistent; runs
     * once every value has been read successfully.
     */
    static void check(IndicatorRule rule, BigDecimal max, String pointer, DefinitionProblems problems) {
        String rulePointer = SheetInput.at(pointer, "rule");
        BigDecimal reachable = rule.reachable(max);
        if (reachable != null && reachable.compareTo(max) < 0) {
            String what = rule instanceof Composite ? "the parts' maxima add up to "
                    : rule instanceof Checklist ? "the checklist items add up to " : "the rule can yield at most ";
            problems.add(SheetInput.at(pointer, "maxPoints"), what + Points.show(reachable)
                    + ", below the maximum " + Points.show(max) + ", which can never be reached");
        }
        if (rule instanceof JudgedPoints judged && judged.step() != null
                && max.remainder(judged.step()).signum() != 0) {
            problems.add(SheetInput.at(rulePointer, "step"), "the maximum " + Points.show(max)
                    + " is not a multiple of the step " + Points.show(judged.step()));
        }
        if (rule instanceof DurationBands bands) {
            bands.checkContiguous(rulePointer, problems);
        }
        if (rule instanceof Composite composite) {
            String partsPointer = SheetInput.at(rulePointer, "parts");
            for (int i = 0; i < composite.parts().size(); i++) {
                Part part = composite.parts().get(i);
                check(part.rule(), part.maxPoints(), SheetInput.at(partsPointer, i), problems);
            }
        }
    }
}
