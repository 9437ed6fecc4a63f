package org.groupeval.domain.review;

import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.Points;
import org.groupeval.domain.framework.Score;
import org.groupeval.domain.scoring.Explanation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The panel's score per indicator (rules.md §7.4): the mean of the
 * experts' points, or, with {@code trimFrom} (5) or more experts and the {@code TRIMMED_MEAN} setting, the mean
 * without the single highest and the single lowest (去掉一个最高分和一个最低分). Exact decimals; the mean is carried to
 * 34 digits and rounded once, half-up to two decimals, by the scoring engine like every indicator. Each indicator's
 * explanation lists every expert's points, which were dropped, and the working.
 */
public final class PanelAggregation {

    /** One expert's submitted sheet, reduced to what the aggregate needs: the points per indicator. */
    public record ExpertPoints(String subject, String name, Map<String, BigDecimal> points) {
    }

    /** Exact per-indicator means (unrounded), their explanations, and how they were computed. */
    public record Result(Map<String, BigDecimal> points, Map<String, Explanation> explanations, String method,
                         boolean trimmed, int experts) {
    }

    private PanelAggregation() {
    }

    public static Result aggregate(Framework framework, List<ExpertPoints> sheets, Cycle.PanelSettings settings) {
        Map<String, BigDecimal> points = new LinkedHashMap<>();
        Map<String, Explanation> explanations = new LinkedHashMap<>();
        boolean trimmed = settings.trims(sheets.size());
        if (sheets.isEmpty()) {
            return new Result(points, explanations, settings.aggregation(), false, 0);
        }
        for (String id : framework.indicatorIds()) {
            List<Scored> scored = new ArrayList<>();
            for (ExpertPoints sheet : sheets) {
                BigDecimal p = sheet.points().get(id);
                if (p != null) {
                    scored.add(new Scored(sheet.subject(), p));
                }
            }
            if (scored.size() != sheets.size()) {
                continue; // an expert without this indicator: only complete (submitted) sheets are aggregated
            }
            List<String> listedZh = new ArrayList<>();
            List<String> listedEn = new ArrayList<>();
            for (Scored s : scored) {
                listedZh.add(s.subject + " " + score(s.points));
                listedEn.add(s.subject + " " + score(s.points));
            }
            List<Scored> kept = new ArrayList<>(scored);
            String dropZh = "";
            String dropEn = "";
            if (trimmed) {
                Scored highest = kept.stream().max(Comparator.comparing(Scored::points)).orElseThrow();
                kept.remove(highest);
                Scored lowest = kept.stream().min(Comparator.comparing(Scored::points)).orElseThrow();
                kept.remove(lowest);
                dropZh = ";去掉一个最高分(" + highest.subject + " " + score(highest.points)
                        + ")和一个最低分(" + lowest.subject + " " + score(lowest.points) + ")";
                dropEn = "; dropping the highest (" + highest.subject + " " + score(highest.points)
                        + ") and the lowest (" + lowest.subject + " " + score(lowest.points) + ")";
            }
            BigDecimal sum = BigDecimal.ZERO;
            List<String> terms = new ArrayList<>();
            for (Scored s : kept) {
                sum = sum.add(s.points);
                terms.add(score(s.points));
            }
            BigDecimal mean = sum.divide(BigDecimal.valueOf(kept.size()), Points.DIVISION);
            BigDecimal rounded = Points.round(mean);
            String working = "(" + String.join(" + ", terms) + ") / " + kept.size() + " = " + Points.show(mean)
                    + (mean.compareTo(rounded) == 0 ? "" : " → " + score(rounded));
            String workingZh = "(" + String.join(" + ", terms) + ") ÷ " + kept.size() + " = " + Points.show(mean)
                    + (mean.compareTo(rounded) == 0 ? "" : " → " + score(rounded));
            points.put(id, mean);
            explanations.put(id, new Explanation(
                    "专家组 " + scored.size() + " 人评分:" + String.join("、", listedZh) + dropZh + ";"
                            + (trimmed ? "其余平均 " : "平均 ") + workingZh + ";得 " + score(rounded) + " 分",
                    "panel of " + scored.size() + ": " + String.join(", ", listedEn) + dropEn + "; "
                            + (trimmed ? "mean of the rest " : "mean ") + working + "; scores "
                            + score(rounded)));
        }
        return new Result(points, explanations, trimmed ? CycleRules.TRIMMED_MEAN : CycleRules.MEAN, trimmed,
                sheets.size());
    }

    private record Scored(String subject, BigDecimal points) {
    }

    /** An expert's points, or the aggregate, as every score is shown (two decimals). */
    private static String score(BigDecimal points) {
        return Score.of(points).toString();
    }
}
