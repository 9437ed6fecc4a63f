package org.groupeval.domain.ranking;

import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.scoring.CategoryScore;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * What the ranking reads of one stage sheet (docs/data-model.md, ReviewTable, stage-sheet {@code data}): its total,
 * the veto and fraud flags, the district's recommendation, and the category subtotals a tie-break may compare
 * ({@code categories: [{id, points, maxPoints}]} in the sheet). Only SUBMITTED sheets count; drafts are ignored.
 */
public record SheetSummary(String stage, boolean submitted, BigDecimal total, boolean veto, boolean fraud,
                           boolean recommend, Map<String, BigDecimal> categoryPoints) {

    public SheetSummary {
        categoryPoints = categoryPoints == null ? Map.of() : Map.copyOf(categoryPoints);
    }

    /** What the ranking reads of a stage sheet: a sheet counts as submitted only with a total. */
    public static SheetSummary of(ReviewSheet sheet) {
        BigDecimal total = sheet.total() == null ? null : sheet.total().value();
        Map<String, BigDecimal> categories = new HashMap<>();
        if (sheet.score() != null && sheet.score().categories() != null) {
            for (CategoryScore c : sheet.score().categories()) {
                if (c.id() != null && c.points() != null) {
                    categories.put(c.id(), c.points().value());
                }
            }
        }
        return new SheetSummary(sheet.stage().code(), sheet.submitted() && total != null, total,
                sheet.score() != null && sheet.score().veto().applied(),
                sheet.score() != null && sheet.score().fraud().applied(), Boolean.TRUE.equals(sheet.recommend()),
                categories);
    }
}
