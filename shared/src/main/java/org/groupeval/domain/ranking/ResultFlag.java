package org.groupeval.domain.ranking;

/** Facts about a result that a reader must notice; each one is explained in the result's explanation. */
public enum ResultFlag {
    /** 一票否决: graded FAIL whatever the score. */
    VETO("一票否决"),
    /** 弄虚作假: grade capped at GOOD and no award. */
    FRAUD("弄虚作假"),
    /** No district or city sheet was submitted. */
    NOT_SUBMITTED("未提交评分"),
    /** The district did not recommend the group to the city: its district result stands. */
    NOT_RECOMMENDED("区级未推荐"),
    /** Recommended, but the city sheet was not submitted: the district result stands, and no award is possible. */
    CITY_REVIEW_MISSING("缺市级终评"),
    /** In a tied block at the last award place that the tie policy left for the city to resolve. */
    TIED_AT_CUTOFF("奖励末位并列待定"),
    /** In a tied block at the last award place that the tie policy resolved (all included, or broken by categories). */
    TIE_RESOLVED("奖励末位并列已定"),
    /** FAIL this year and in the previous year's published ranking: flagged for restructuring (优化组合). */
    RESTRUCTURING("优化组合"),
    /** An INTEGRATED group graded EXCELLENT that already received the senior-post bonus in an earlier year. */
    SENIOR_POST_BONUS_ALREADY_RECEIVED("已获高级岗位奖励");

    private final String zh;

    ResultFlag(String zh) {
        this.zh = zh;
    }

    /** The Chinese label the exports show. */
    public String zh() {
        return zh;
    }
}
