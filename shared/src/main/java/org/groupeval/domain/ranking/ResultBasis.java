package org.groupeval.domain.ranking;

/** Which submitted sheet a group's result rests on (rules.md §8.1). */
public enum ResultBasis {
    /** The city's final review. */
    CITY("市级终评"),
    /** The district's preliminary review: the district did not recommend the group, or the city has not reviewed it. */
    DISTRICT("区级初评"),
    /** Neither a district nor a city sheet was submitted: listed, graded FAIL, ranked last. */
    NOT_SUBMITTED("未提交");

    private final String zh;

    ResultBasis(String zh) {
        this.zh = zh;
    }

    /** The Chinese label the exports show. */
    public String zh() {
        return zh;
    }
}
