package org.groupeval.domain.ranking;

/** Which submitted sheet a group's result rests on (rules.md §8.1). */
public enum ResultBasis {
    /** The city's final review. */
    CITY,
    /** The district's preliminary review: the district did not recommend the group, or the city has not reviewed it. */
    DISTRICT,
    /** Neither a district nor a city sheet was submitted: listed, graded FAIL, ranked last. */
    NOT_SUBMITTED
}
