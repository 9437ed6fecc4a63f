package org.groupeval.domain.ranking;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * One group as the ranking sees it: who it is, the sheet its result rests on, and what earlier years say about it.
 * Small on purpose (a national cycle holds 100,000 of these in memory at once).
 *
 * @param failedPreviousYear       the group was graded FAIL in the previous year's published ranking
 * @param seniorPostBonusYear      the year in which the group was first granted the senior-post bonus (published), or null
 */
public record RankingEntry(String groupId, String name, String district, String groupType, ResultBasis basis,
                           BigDecimal score, boolean veto, boolean fraud, boolean recommended,
                           boolean cityReviewMissing, Map<String, BigDecimal> categoryPoints,
                           boolean failedPreviousYear, Integer seniorPostBonusYear) {

    public RankingEntry {
        score = score == null ? null : score.setScale(2, RoundingMode.HALF_UP);
        categoryPoints = categoryPoints == null ? Map.of() : categoryPoints;
    }

    public RankingEntry withSeniorPostBonusYear(Integer year) {
        return new RankingEntry(groupId, name, district, groupType, basis, score, veto, fraud, recommended,
                cityReviewMissing, categoryPoints, failedPreviousYear, year);
    }

    /**
     * Picks the sheet a group's result rests on (rules.md §8.1): the submitted city sheet; else the submitted district
     * sheet (the district did not recommend the group, or recommended it and the city sheet is missing); else
     * nothing: NOT_SUBMITTED. Veto, fraud and category subtotals come from the same sheet as the score.
     */
    public static RankingEntry of(String groupId, String name, String district, String groupType,
                                  SheetSummary districtSheet, SheetSummary citySheet,
                                  boolean failedPreviousYear, Integer seniorPostBonusYear) {
        boolean districtSubmitted = districtSheet != null && districtSheet.submitted();
        boolean recommended = districtSubmitted && districtSheet.recommend();
        if (citySheet != null && citySheet.submitted()) {
            return new RankingEntry(groupId, name, district, groupType, ResultBasis.CITY, citySheet.total(),
                    citySheet.veto(), citySheet.fraud(), recommended, false, citySheet.categoryPoints(),
                    failedPreviousYear, seniorPostBonusYear);
        }
        if (districtSubmitted) {
            return new RankingEntry(groupId, name, district, groupType, ResultBasis.DISTRICT, districtSheet.total(),
                    districtSheet.veto(), districtSheet.fraud(), recommended, recommended,
                    districtSheet.categoryPoints(), failedPreviousYear, seniorPostBonusYear);
        }
        return new RankingEntry(groupId, name, district, groupType, ResultBasis.NOT_SUBMITTED, null, false, false,
                false, false, Map.of(), failedPreviousYear, seniorPostBonusYear);
    }
}
