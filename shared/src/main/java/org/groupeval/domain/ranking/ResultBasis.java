package org.groupeval.domain.ranking;

/** Which submitted sheet a group's result rests on (docs/ranking.md: the final score is the city sheet's). */
public enum ResultBasis {
    /** The city's final review. */
    CITY,
    /** The district's preliminary review: the district did not recommend the group, or the city has not reviewed it. */
    DISTRICT,
    /** Neither a district nor a city sheet was submitted: listed, graded FAIL, ranked last. */
    NOT_SUBMITTED
}
