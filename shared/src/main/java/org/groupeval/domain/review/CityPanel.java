package org.groupeval.domain.review;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.Score;
import org.groupeval.domain.scoring.FlagInput;
import org.groupeval.domain.scoring.ScoredSheet;
import org.groupeval.domain.scoring.SheetEntry;
import org.groupeval.domain.scoring.SheetScorer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The city stage of a panel cycle (rules.md §7.3, §7.4): the city sheet is the aggregate of the seated experts'
 * submitted sheets, with the city's own decisions on bonus, veto and fraud; the city confirms it once the panel is
 * big enough, every seated expert submitted, and every matter an expert raised has the city's decision.
 */
public final class CityPanel {

    /** The members of a sheet an expert may raise and the city decides on a panel cycle's city sheet. */
    private static final List<String> FLAGS = List.of("veto", "fraud");

    private CityPanel() {
    }

    /** The city sheet's scores and the panel behind them. */
    public record Aggregate(ScoredSheet score, PanelScore panel) {
    }

    /** 409 {@code no-panel}: the cycle's city stage has no expert panels. */
    public static DomainException noPanel(int year) {
        return DomainException.conflict("no-panel", "This cycle has no expert panels", "In cycle " + year
                + " the city scores the city sheet itself (panel.required is false); change the cycle's panel "
                + "settings to use expert panels.");
    }

    /** 422 {@code panel-scores-indicators}: on a panel cycle the city sheet holds only the city's decisions. */
    public static void checkDecisionsOnly(SheetRequest body, int year) {
        if (body.indicators() != null) {
            throw new DomainException(422, "panel-scores-indicators", "The panel scores the indicators",
                    "In cycle " + year + " the city score is the expert panel's aggregate: the city sheet holds "
                            + "only the city's decisions on bonus, veto and fraud.",
                    List.of(new FieldError("/indicators", "not accepted on the city sheet of a panel cycle")));
        }
    }

    /** Once the city confirmed the group's score, the experts' sheets are closed (409 {@code city-stage-confirmed}). */
    public static void checkExpertSheetsOpen(ReviewSheet city, String groupId) {
        if (city != null && city.submitted()) {
            throw confirmed(groupId, " on " + city.submittedAt() + "; expert sheets are closed.");
        }
    }

    /** Once the city confirmed the group's score, its panel no longer changes (409 {@code city-stage-confirmed}). */
    public static void checkPanelOpen(ReviewSheet city, String groupId) {
        if (city != null && city.submitted()) {
            throw confirmed(groupId, "; its panel no longer changes.");
        }
    }

    private static DomainException confirmed(String groupId, String closed) {
        return DomainException.conflict("city-stage-confirmed", "The city stage is confirmed", "The city confirmed "
                + "the final score of group " + groupId + closed);
    }

    /** Whether every seated expert has submitted (a panel without experts is not complete). */
    public static boolean complete(Panel panel, Map<String, ReviewSheet> expertSheets) {
        return !panel.experts().isEmpty() && panel.experts().stream().allMatch(e -> {
            ReviewSheet sheet = expertSheets.get(e.subject());
            return sheet != null && sheet.submitted();
        });
    }

    /**
     * Per indicator the mean (or trimmed mean) of the submitted sheets of the seated experts, with the city's
     * decisions; the panel shows each expert's progress, their total, grade and points once submitted, and the flags
     * and bonus claims they raised for the city to decide. A removed expert's sheet no longer counts.
     */
    public static Aggregate aggregate(Framework framework, Cycle.PanelSettings settings, Panel panel,
                                      Map<String, ReviewSheet> expertSheets, SheetEntry decisions) {
        List<PanelAggregation.ExpertPoints> points = new ArrayList<>();
        List<PanelScore.ExpertScore> experts = new ArrayList<>();
        List<PanelScore.RaisedMatter> raised = new ArrayList<>();
        for (Panel.Expert expert : panel.experts()) {
            ReviewSheet sheet = expertSheets.get(expert.subject());
            if (sheet == null || !sheet.submitted()) {
                experts.add(new PanelScore.ExpertScore(expert.subject(), expert.name(), expert.affiliation(),
                        SheetProgress.of(sheet), null, null, null));
                continue;
            }
            Map<String, BigDecimal> perIndicator = new LinkedHashMap<>();
            Map<String, Score> shown = new LinkedHashMap<>();
            for (String id : framework.indicatorIds()) {
                perIndicator.put(id, sheet.indicatorPoints(id));
                shown.put(id, Score.of(sheet.indicatorPoints(id)));
            }
            experts.add(new PanelScore.ExpertScore(expert.subject(), expert.name(), expert.affiliation(),
                    SheetProgress.SUBMITTED, sheet.total(), sheet.grade(), shown));
            points.add(new PanelAggregation.ExpertPoints(expert.subject(), expert.name(), perIndicator));
            SheetEntry input = sheet.input() == null ? SheetEntry.EMPTY : sheet.input();
            for (String flag : FLAGS) {
                FlagInput value = input.flag(flag);
                if (value != null && value.isApplied()) {
                    raised.add(new PanelScore.RaisedMatter(expert.subject(), flag, value.reason(), null));
                }
            }
            if (input.bonus() != null && input.bonus().claims()) {
                raised.add(new PanelScore.RaisedMatter(expert.subject(), "bonus", null, input.bonus()));
            }
        }
        PanelAggregation.Result result = PanelAggregation.aggregate(framework, points, settings);
        ScoredSheet scored = SheetScorer.fromIndicatorPoints(framework, result.points(), result.explanations(),
                decisions);
        return new Aggregate(scored, new PanelScore(result.aggregation(), result.trimmed(), settings.minimumSize(),
                panel.experts().size(), points.size(), experts, raised));
    }

    /**
     * Before the city confirms: at least the minimum panel, and every seated expert's sheet submitted (422
     * {@code panel-too-small}, {@code panel-incomplete}). Returns the submitted sheets the aggregate is made of.
     */
    public static List<ReviewSheet> checkSubmitted(Cycle cycle, Panel panel, Map<String, ReviewSheet> expertSheets) {
        int minimum = cycle.panel().minimumSize();
        if (panel.experts().size() < minimum) {
            throw DomainException.ruleViolation("panel-too-small", "The panel is too small", "Group "
                    + panel.groupId() + " has " + panel.experts().size() + " expert(s) on its panel; cycle "
                    + cycle.year() + " needs at least " + minimum + " before the city confirms the score.")
                    .with("assigned", panel.experts().size()).with("minimumSize", minimum);
        }
        List<String> missing = new ArrayList<>();
        List<ReviewSheet> submitted = new ArrayList<>();
        for (Panel.Expert expert : panel.experts()) {
            ReviewSheet sheet = expertSheets.get(expert.subject());
            if (sheet == null || !sheet.submitted()) {
                missing.add(expert.subject());
            } else {
                submitted.add(sheet);
            }
        }
        if (!missing.isEmpty()) {
            throw DomainException.ruleViolation("panel-incomplete", "Experts have not submitted", "The city confirms "
                    + "the score of group " + panel.groupId() + " once every expert of its panel has submitted; "
                    + "still missing: " + String.join(", ", missing) + ".").with("missingExperts", missing);
        }
        return submitted;
    }

    /**
     * Every veto, fraud or bonus claim an expert raised needs the city's decision on the city sheet before it confirms
     * (422 {@code panel-flags-undecided}): none is applied silently.
     */
    public static void checkDecided(List<ReviewSheet> submitted, SheetEntry decisions) {
        List<FieldError> undecided = new ArrayList<>();
        for (String flag : FLAGS) {
            boolean raised = submitted.stream().anyMatch(s -> s.input() != null && s.input().flag(flag) != null
                    && s.input().flag(flag).isApplied());
            if (raised && decisions.flag(flag) == null) {
                undecided.add(undecided(flag));
            }
        }
        boolean claimed = submitted.stream().map(s -> s.input() == null ? null : s.input().bonus())
                .anyMatch(b -> b != null && b.claims());
        if (claimed && decisions.bonus() == null) {
            undecided.add(undecided("bonus"));
        }
        if (!undecided.isEmpty()) {
            throw new DomainException(422, "panel-flags-undecided", "Raised flags need the city's decision",
                    "Experts of the panel raised " + undecided.size() + " matter(s) the city must decide before "
                            + "confirming; they are never applied silently.", undecided);
        }
    }

    private static FieldError undecided(String member) {
        return new FieldError("/" + member, "an expert raised " + member + "; the city decides it on the city sheet "
                + "(PUT …/sheets/city with \"" + member + "\") before confirming");
    }

    /** The city's decisions from a city-sheet body: bonus, veto and fraud as given. */
    public static SheetEntry decisions(SheetRequest body) {
        return new SheetEntry(null, body.bonus(), body.veto(), body.fraud());
    }
}
