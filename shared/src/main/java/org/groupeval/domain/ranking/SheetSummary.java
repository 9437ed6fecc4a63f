package org.groupeval.domain.ranking;

import java.math.BigDecimal;
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
}
