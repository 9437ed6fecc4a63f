package org.groupeval.domain;

/**
 * The four grades of the evaluation (rules.md §6.1), best first. The ranking code and the scoring engine share
 * this enum; the score bands that map a score to a grade live in each framework definition.
 */
public enum Grade {
    EXCELLENT("优秀", "excellent"),
    GOOD("良好", "good"),
    PASS("合格", "pass"),
    FAIL("不合格", "fail");

    private final String zh;
    private final String en;

    Grade(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    /** The Chinese label (优秀/良好/合格/不合格). */
    public String zh() {
        return zh;
    }

    /** The English label. */
    public String en() {
        return en;
    }

    /** True if this grade is better than {@code other}. */
    public boolean isBetterThan(Grade other) {
        return ordinal() < other.ordinal();
    }

    /** This grade, but no better than {@code ceiling} (fraud caps a grade at GOOD: rules.md §6.4). */
    public Grade atMost(Grade ceiling) {
        return isBetterThan(ceiling) ? ceiling : this;
    }
}
