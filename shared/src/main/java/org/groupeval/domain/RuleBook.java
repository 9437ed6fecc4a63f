package org.groupeval.domain;

/**
 * Sections of the project's rule book, docs/rules.md (《考核规则》), that texts shown to users cite. A citation names
 * the section in Chinese and in English, as the sheets' explanations give both languages:
 * {@code （《考核规则》第6.3节 一票否决）/ (rules.md §6.3 Veto)}.
 */
public enum RuleBook {
    VETO("6.3", "一票否决", "Veto"),
    FRAUD("6.4", "弄虚作假", "Fraud"),
    DISTRICT_REVIEW("7.2", "区级初评", "District preliminary review"),
    RESTRUCTURING("8.7", "整改与优化组合", "Rectification and restructuring");

    private final String section;
    private final String zh;
    private final String en;

    RuleBook(String section, String zh, String en) {
        this.section = section;
        this.zh = zh;
        this.en = en;
    }

    /** The section number, e.g. {@code 6.3}. */
    public String section() {
        return section;
    }

    /** The section's Chinese title. */
    public String zh() {
        return zh;
    }

    /** The section's English title. */
    public String en() {
        return en;
    }

    /** {@code （《考核规则》第6.3节 一票否决）/ (rules.md §6.3 Veto)}. */
    public String citation() {
        return "（《考核规则》第" + section + "节 " + zh + "）/ (rules.md §" + section + " " + en + ")";
    }
}
