package org.groupeval.domain.framework;

import org.groupeval.domain.Grade;
import org.groupeval.domain.group.GroupRules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grade-mapped (rules.md §9.1, A11): each school of the group (core and members) has
 * one grade; each grade maps to a percentage; the indicator scores max × the mean of the mapped percentages.
 * Input {@code {"grades": ["EXCELLENT", "GOOD", ...]}}, one per school.
 */
public record GradeMapped(Map<Grade, BigDecimal> percentByGrade) implements IndicatorRule {

    public static final String TYPE = "GRADE_MAPPED";
    /** A group's schools: the core school and its members. */
    static final int MAX_SCHOOLS = GroupRules.MAX_MEMBERS + 1;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RuleOutcome score(Object input, String pointer, BigDecimal max, SheetInput sheet) {
        Map<String, Object> object = sheet.object(input, pointer);
        if (object == null || !sheet.onlyKnownMembers(object, pointer, List.of("grades"))) {
            return null;
        }
        String at = SheetInput.at(pointer, "grades");
        List<Object> list = sheet.list(object.get("grades"), at, MAX_SCHOOLS,
                "one grade per school: the core school and at most " + GroupRules.MAX_MEMBERS + " members");
        if (list == null) {
            return null;
        }
        if (list.isEmpty()) {
            sheet.error(at, "needs one grade per school of the group (at least the core school)");
            return null;
        }
        List<Grade> grades = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String gradePointer = SheetInput.at(at, i);
            String text = sheet.text(list.get(i), gradePointer);
            if (text == null) {
                continue;
            }
            Grade grade = percentByGrade.keySet().stream().filter(g -> g.name().equals(text)).findFirst().orElse(null);
            if (grade == null) {
                sheet.error(gradePointer, "must be one of " + percentByGrade.keySet() + " (got \"" + text + "\")");
            } else {
                grades.add(grade);
            }
        }
        if (grades.size() != list.size()) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (Grade grade : grades) {
            BigDecimal percent = percentByGrade.get(grade);
            sum = sum.add(percent);
            zh.add(grade.zh() + " " + Points.show(percent) + "%");
            en.add(grade.en() + " " + Points.show(percent) + "%");
        }
        BigDecimal meanPercent = sum.divide(BigDecimal.valueOf(grades.size()), Points.DIVISION);
        BigDecimal points = max.multiply(meanPercent).divide(Points.HUNDRED, Points.DIVISION);
        return RuleOutcome.capped(points, max,
                grades.size() + " 所学校:" + String.join("、", zh) + ";平均 " + Points.show(meanPercent) + "% × "
                        + Points.show(max) + " = " + Points.showPoints(points),
                grades.size() + " school" + (grades.size() == 1 ? "" : "s") + ": " + String.join(", ", en) + "; mean "
                        + Points.show(meanPercent) + "% × " + Points.show(max) + " = " + Points.showPoints(points),
                true);
    }

    @Override
    public Map<String, Object> parameters() {
        List<Map<String, Object>> grades = new ArrayList<>();
        percentByGrade.forEach((grade, percent) -> grades.add(InputShape.map("grade", grade.name(), "percent", percent)));
        return Map.of("grades", grades);
    }

    @Override
    public Map<String, Object> inputShape() {
        List<String> names = percentByGrade.keySet().stream().map(Grade::name).toList();
        Map<String, Object> grades = InputShape.array("one grade per school of the group, core school first",
                InputShape.enumeration("a school's grade", names));
        grades.put("minItems", 1);
        return InputShape.object("the annual grade of each school of the group", Map.of("grades", grades),
                List.of("grades"), Map.of("grades", List.of("EXCELLENT", "GOOD", "PASS")));
    }

    @Override
    public BigDecimal reachable(BigDecimal max) {
        BigDecimal best = percentByGrade.values().stream().reduce(BigDecimal.ZERO, Points::max);
        return max.multiply(best).divide(Points.HUNDRED, Points.DIVISION);
    }

    static GradeMapped read(Map<String, Object> rule, String pointer, DefinitionProblems problems) {
        List<Object> list = problems.nonEmptyList(rule, "grades", pointer);
        if (list == null) {
            return null;
        }
        Map<Grade, BigDecimal> percentByGrade = new EnumMap<>(Grade.class);
        String gradesPointer = SheetInput.at(pointer, "grades");
        for (int i = 0; i < list.size(); i++) {
            String at = SheetInput.at(gradesPointer, i);
            Map<String, Object> node = problems.object(list.get(i), at);
            if (node == null) {
                continue;
            }
            Grade grade = problems.enumValue(node, "grade", at, Grade.class);
            BigDecimal percent = problems.nonNegative(node, "percent", at);
            if (percent != null && percent.compareTo(Points.HUNDRED) > 0) {
                problems.add(SheetInput.at(at, "percent"), "must not exceed 100 (got " + Points.show(percent) + ")");
            }
            if (grade != null && percentByGrade.put(grade, percent) != null) {
                problems.add(SheetInput.at(at, "grade"), "grade " + grade + " is mapped twice");
            }
        }
        return new GradeMapped(new LinkedHashMap<>(percentByGrade));
    }
}
