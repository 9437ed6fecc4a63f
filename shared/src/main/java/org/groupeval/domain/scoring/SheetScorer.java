package org.groupeval.domain.scoring;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.Grade;
import org.groupeval.domain.framework.BonusPolicy;
import org.groupeval.domain.framework.Category;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.GradeBand;
import org.groupeval.domain.framework.Indicator;
import org.groupeval.domain.framework.Level;
import org.groupeval.domain.framework.LocalizedText;
import org.groupeval.domain.framework.Points;
import org.groupeval.domain.framework.Score;
import org.groupeval.domain.framework.RuleOutcome;
import org.groupeval.domain.framework.SheetInput;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a sheet against a framework, exactly, and explains every figure (rules.md §5; docs/frameworks.md).
 *
 * <p>Sheet: {@code {"indicators": {"<id>": <input for its rule>}, "bonus": ..., "veto": ..., "fraud": ...,
 * "recommend": ...}} as a plain Java tree. {@code recommend} (and any other top-level member) belongs to the workflow
 * and is ignored here. Invalid input is refused with one {@link DomainException#invalid} listing every problem with
 * its JSON Pointer into the sheet.
 *
 * <p>Order of work: each indicator is scored exactly and capped by its rule, then rounded half-up to two decimals
 * ({@link Points#round}, the only rounding); category subtotals, base total, bonus and total are exact sums of those;
 * the grade comes from the framework's bands, then veto makes it FAIL and fraud caps it (rules.md §6).
 */
public final class SheetScorer {

    /** Bonus claims one sheet may list (each is explained in the sheet's breakdown). */
    public static final int MAX_BONUS_CLAIMS = 20;

    private SheetScorer() {
    }

    public static ScoredSheet score(Framework framework, Map<String, Object> sheet, ScoringMode mode) {
        SheetInput input = new SheetInput(mode == ScoringMode.DRAFT);
        if (sheet == null) {
            throw DomainException.invalid("", "the sheet is required");
        }
        Map<String, Object> inputs = sheet.get("indicators") == null ? Map.of()
                : input.object(sheet.get("indicators"), "/indicators");
        if (inputs == null) {
            inputs = Map.of();
        }
        for (String key : inputs.keySet()) {
            if (framework.indicator(key).isEmpty()) {
                input.error(SheetInput.at("/indicators", key), "unknown indicator \"" + key + "\" (framework "
                        + framework.id() + "/" + framework.version() + " has " + String.join(", ", framework.indicatorIds())
                        + ")");
            }
        }
        Map<String, IndicatorScore> scores = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Category category : framework.categories()) {
            for (Indicator indicator : category.indicators()) {
                String pointer = SheetInput.at("/indicators", indicator.id());
                Object indicatorInput = inputs.get(indicator.id());
                if (indicatorInput == null) {
                    if (mode == ScoringMode.SUBMISSION) {
                        input.error(pointer, "is required in a submitted sheet (" + indicator.name().en() + ", "
                                + indicator.name().zh() + ")");
                    }
                    missing.add(indicator.id());
                    scores.put(indicator.id(), notGiven(indicator));
                    continue;
                }
                RuleOutcome outcome = indicator.rule().score(indicatorInput, pointer, indicator.maxPoints(), input);
                if (outcome != null) {
                    scores.put(indicator.id(), finish(indicator, outcome));
                }
            }
        }
        BonusAward levelBonus = levelBonus(framework, sheet.get("bonus"), input);
        Sanction veto = sanction(sheet.get("veto"), "/veto", framework.veto().enabled(), "veto", input);
        Sanction fraud = sanction(sheet.get("fraud"), "/fraud", framework.fraud().enabled(), "fraud", input);
        if (input.hasErrors()) {
            throw invalid(input.errors());
        }
        return assemble(framework, scores, missing, levelBonus, veto, fraud);
    }

    /**
     * Builds a scored sheet from given per-indicator points (e.g. the city panel's mean of the experts' sheets), so that
     * subtotals, bonus and grade follow exactly the same rules as {@link #score}. Points are rounded half-up to two
     * decimals; an indicator absent from {@code points} counts 0 and makes the sheet incomplete. {@code bonusInput},
     * {@code vetoInput} and {@code fraudInput} have the shapes of the sheet's {@code bonus}, {@code veto} and
     * {@code fraud}.
     */
    public static ScoredSheet fromIndicatorPoints(Framework framework, Map<String, BigDecimal> points,
                                                  Map<String, Explanation> explanations, Object bonusInput,
                                                  Object vetoInput, Object fraudInput) {
        SheetInput input = new SheetInput(true);
        for (String key : points.keySet()) {
            if (framework.indicator(key).isEmpty()) {
                input.error(SheetInput.at("/indicators", key), "unknown indicator \"" + key + "\"");
            }
        }
        Map<String, IndicatorScore> scores = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Category category : framework.categories()) {
            for (Indicator indicator : category.indicators()) {
                BigDecimal given = points.get(indicator.id());
                if (given == null) {
                    missing.add(indicator.id());
                    scores.put(indicator.id(), notGiven(indicator));
                    continue;
                }
                if (given.signum() < 0 || given.compareTo(indicator.maxPoints()) > 0) {
                    input.error(SheetInput.at("/indicators", indicator.id()), "must be between 0 and "
                            + Points.show(indicator.maxPoints()) + " (got " + Points.given(given) + ")");
                    continue;
                }
                BigDecimal rounded = Points.round(given);
                Explanation explanation = explanations == null ? null : explanations.get(indicator.id());
                if (explanation == null) {
                    explanation = new Explanation("得 " + Score.of(rounded) + " 分(满分 "
                            + Score.of(indicator.maxPoints()) + ")", Score.of(rounded) + " of "
                            + Score.of(indicator.maxPoints()));
                }
                scores.put(indicator.id(), new IndicatorScore(Score.of(rounded), Score.of(indicator.maxPoints()),
                        explanation, true));
            }
        }
        BonusAward levelBonus = levelBonus(framework, bonusInput, input);
        Sanction veto = sanction(vetoInput, "/veto", framework.veto().enabled(), "veto", input);
        Sanction fraud = sanction(fraudInput, "/fraud", framework.fraud().enabled(), "fraud", input);
        if (input.hasErrors()) {
            throw invalid(input.errors());
        }
        return assemble(framework, scores, missing, levelBonus, veto, fraud);
    }

    private static DomainException invalid(List<FieldError> errors) {
        return DomainException.invalid("the sheet has " + errors.size() + " invalid field"
                + (errors.size() == 1 ? "" : "s"), errors);
    }

    private static IndicatorScore notGiven(Indicator indicator) {
        Score max = Score.of(indicator.maxPoints());
        return new IndicatorScore(Score.of(Points.ZERO), max, new Explanation("未填写,计 0 分(满分 " + max + ")",
                "not given, scores 0 of " + max), false);
    }

    private static IndicatorScore finish(Indicator indicator, RuleOutcome outcome) {
        Score points = Score.of(outcome.points());
        Score max = Score.of(indicator.maxPoints());
        LocalizedText working = outcome.explanation();
        return new IndicatorScore(points, max, new Explanation(working.zh() + ";得 " + points + " 分(满分 " + max + ")",
                working.en() + "; scores " + points + " of " + max), outcome.complete());
    }

    // -- bonus, veto, fraud ----------------------------------------------------------------------------------------

    /**
     * The level bonus (rules.md §6.2). Input: null (none), {@code {"level": "NATIONAL"|...|null,
     * "reason": "..."}}, or several claims {@code {"items": [{"level": ..., "reason": ...}]}}. HIGHEST_ONCE counts the
     * highest level once; CUMULATIVE adds them up; both are capped.
     */
    private static BonusAward levelBonus(Framework framework, Object node, SheetInput input) {
        BonusPolicy policy = framework.bonus();
        List<Level> levels = new ArrayList<>();
        if (node != null) {
            Map<String, Object> bonus = input.object(node, "/bonus");
            if (bonus != null && input.onlyKnownMembers(bonus, "/bonus", List.of("level", "reason", "items"))) {
                if (bonus.containsKey("items") && bonus.containsKey("level")) {
                    input.error("/bonus", "give either level or items, not both");
                } else if (bonus.get("items") != null) {
                    List<Object> items = input.list(bonus.get("items"), "/bonus/items", MAX_BONUS_CLAIMS,
                            "bonus claims on one sheet");
                    if (items != null) {
                        for (int i = 0; i < items.size(); i++) {
                            String at = SheetInput.at("/bonus/items", i);
                            Map<String, Object> item = input.object(items.get(i), at);
                            if (item != null && input.onlyKnownMembers(item, at, List.of("level", "reason"))) {
                                claim(policy, item, at, levels, input);
                            }
                        }
                    }
                } else {
                    claim(policy, bonus, "/bonus", levels, input);
                }
            }
        }
        if (levels.isEmpty()) {
            Score none = Score.of(Points.ZERO);
            return new BonusAward(none, none, none, List.of(), new Explanation("无等级加分", "no level bonus"));
        }
        BigDecimal raw = BigDecimal.ZERO;
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (Level level : levels) {
            BigDecimal points = policy.pointsByLevel().get(level);
            raw = policy.accumulation() == BonusPolicy.Accumulation.HIGHEST_ONCE ? Points.max(raw, points) : raw.add(points);
            zh.add(level.zh() + " +" + Score.of(points));
            en.add(level.en() + " +" + Score.of(points));
        }
        Score points = Score.of(Points.min(raw, policy.cap()));
        String ruleZh = policy.accumulation() == BonusPolicy.Accumulation.HIGHEST_ONCE ? "取最高一级,只计一次" : "累计";
        String ruleEn = policy.accumulation() == BonusPolicy.Accumulation.HIGHEST_ONCE ? "the highest level counts once"
                : "cumulative";
        String capZh = raw.compareTo(policy.cap()) > 0 ? ",封顶 " + Score.of(policy.cap()) : "";
        String capEn = raw.compareTo(policy.cap()) > 0 ? ", capped at " + Score.of(policy.cap()) : "";
        return new BonusAward(points, points, Score.of(Points.ZERO), levels.stream().map(Level::name).toList(),
                new Explanation("等级加分:" + String.join("、", zh) + "(" + ruleZh + ")" + capZh + " = " + points,
                        "level bonus: " + String.join(", ", en) + " (" + ruleEn + ")" + capEn + " = " + points));
    }

    private static void claim(BonusPolicy policy, Map<String, Object> claim, String pointer, List<Level> levels,
                              SheetInput input) {
        Object levelNode = claim.get("level");
        if (levelNode == null) {
            return;
        }
        String at = SheetInput.at(pointer, "level");
        if (!policy.enabled()) {
            input.error(at, "this framework has no level bonus (its bonus items, if any, are indicators)");
            return;
        }
        String text = input.text(levelNode, at);
        if (text == null) {
            return;
        }
        Level level = Level.parse(text);
        if (level == null || !policy.pointsByLevel().containsKey(level)) {
            input.error(at, "must be one of " + policy.pointsByLevel().keySet() + " or null (got \"" + text + "\")");
            return;
        }
        if (claim.get("reason") != null) {
            input.text(claim.get("reason"), SheetInput.at(pointer, "reason"));
        }
        levels.add(level);
    }

    /** Veto or fraud: null (not applied) or {@code {"applied": true|false, "reason": "..."}}; a reason when applied. */
    private static Sanction sanction(Object node, String pointer, boolean enabled, String what, SheetInput input) {
        if (node == null) {
            return Sanction.NONE;
        }
        Map<String, Object> object = input.object(node, pointer);
        if (object == null || !input.onlyKnownMembers(object, pointer, List.of("applied", "reason"))) {
            return Sanction.NONE;
        }
        Boolean applied = input.flag(object.get("applied"), SheetInput.at(pointer, "applied"));
        if (applied == null || !applied) {
            return Sanction.NONE;
        }
        if (!enabled) {
            input.error(SheetInput.at(pointer, "applied"), "this framework has no " + what + " rule");
            return Sanction.NONE;
        }
        String reason = input.text(object.get("reason"), SheetInput.at(pointer, "reason"));
        return new Sanction(true, reason);
    }

    // -- totals and grade ------------------------------------------------------------------------------------------

    private static ScoredSheet assemble(Framework framework, Map<String, IndicatorScore> scores, List<String> missing,
                                        BonusAward levelBonus, Sanction veto, Sanction fraud) {
        List<CategoryScore> categories = new ArrayList<>();
        BigDecimal base = Points.ZERO;
        BigDecimal bonusCategories = Points.ZERO;
        boolean complete = missing.isEmpty();
        for (Category category : framework.categories()) {
            BigDecimal subtotal = Points.ZERO;
            for (Indicator indicator : category.indicators()) {
                IndicatorScore score = scores.get(indicator.id());
                subtotal = subtotal.add(score.points().value());
                complete &= score.complete();
            }
            categories.add(new CategoryScore(category.id(), category.name(), Score.of(subtotal),
                    Score.of(category.maxPoints()), category.bonus()));
            if (category.bonus()) {
                bonusCategories = bonusCategories.add(subtotal);
            } else {
                base = base.add(subtotal);
            }
        }
        BigDecimal bonus = levelBonus.levelBonus().value().add(bonusCategories);
        BonusAward bonusDetail = levelBonus;
        if (bonusCategories.signum() > 0 || framework.categories().stream().anyMatch(Category::bonus)) {
            bonusDetail = new BonusAward(Score.of(bonus), levelBonus.levelBonus(), Score.of(bonusCategories),
                    levelBonus.levels(), new Explanation(levelBonus.explanation().zh() + ";加分项目 "
                    + Score.of(bonusCategories) + ";加分合计 " + Score.of(bonus),
                    levelBonus.explanation().en() + "; bonus items " + Score.of(bonusCategories) + "; bonus "
                            + Score.of(bonus)));
        }
        BigDecimal total = base.add(bonus);
        GradeBand band = framework.gradeBand(total);
        Grade grade = band.grade();
        String bandZh = Score.of(total) + " 分在" + band.grade().zh() + "区间 " + range(band);
        String bandEn = Score.of(total) + " is in the " + band.grade().name() + " band " + range(band);
        StringBuilder zh = new StringBuilder(bandZh);
        StringBuilder en = new StringBuilder(bandEn);
        if (veto.applied()) {
            grade = Grade.FAIL;
            zh.append(";一票否决(").append(veto.reason()).append("):不合格");
            en.append("; veto (").append(veto.reason()).append("): FAIL whatever the score");
        }
        if (fraud.applied()) {
            Grade capped = grade.atMost(framework.fraud().maxGrade());
            zh.append(";弄虚作假(").append(fraud.reason()).append("):最高").append(framework.fraud().maxGrade().zh());
            en.append("; fraud (").append(fraud.reason()).append("): at most ").append(framework.fraud().maxGrade().name());
            grade = capped;
        }
        zh.append(" → ").append(grade.zh());
        en.append(" → ").append(grade.name());
        return new ScoredSheet(framework.id(), framework.version(), Score.of(total), Score.of(base), Score.of(bonus),
                Score.of(framework.maxScore()), grade, LocalizedText.of(grade.zh(), grade.en()), band.grade(),
                new Explanation(zh.toString(), en.toString()), complete, List.copyOf(missing), veto, fraud,
                bonusDetail, List.copyOf(categories), java.util.Collections.unmodifiableMap(scores));
    }

    private static String range(GradeBand band) {
        return "[" + Score.of(band.min()) + ", " + (band.below() == null ? "∞" : Score.of(band.below())) + ")";
    }
}
