package org.groupeval.domain.ranking;

import java.math.BigDecimal;
import java.util.List;

/**
 * The cycle's award settings (rules.md §8.4, §8.5): the ratio (default 0.30), per grade or over the union,
 * the tie policy at the cutoff and, for {@link TiePolicy#BREAK_BY_CATEGORIES}, the category ids to compare in turn.
 * The rounding of ratio × count is FLOOR by default ("no more than").
 */
public record AwardSettings(BigDecimal ratio, AwardScope scope, TiePolicy tiePolicy, List<String> tieBreakCategories,
                            QuotaRounding rounding) {

    public static final BigDecimal DEFAULT_RATIO = new BigDecimal("0.30");

    public AwardSettings {
        ratio = ratio == null ? DEFAULT_RATIO : ratio;
        scope = scope == null ? AwardScope.PER_GRADE : scope;
        tiePolicy = tiePolicy == null ? TiePolicy.NONE_AT_CUTOFF : tiePolicy;
        tieBreakCategories = tieBreakCategories == null ? List.of() : List.copyOf(tieBreakCategories);
        rounding = rounding == null ? QuotaRounding.FLOOR : rounding;
        if (ratio.signum() < 0 || ratio.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("award ratio must be between 0 and 1, was " + ratio);
        }
        if (tiePolicy == TiePolicy.BREAK_BY_CATEGORIES && tieBreakCategories.isEmpty()) {
            throw new IllegalArgumentException("tie policy BREAK_BY_CATEGORIES needs tieBreakCategories");
        }
    }

    /** Settings with the default rounding, FLOOR. */
    public AwardSettings(BigDecimal ratio, AwardScope scope, TiePolicy tiePolicy, List<String> tieBreakCategories) {
        this(ratio, scope, tiePolicy, tieBreakCategories, QuotaRounding.FLOOR);
    }

    public static AwardSettings defaults() {
        return new AwardSettings(DEFAULT_RATIO, AwardScope.PER_GRADE, TiePolicy.NONE_AT_CUTOFF, List.of(),
                QuotaRounding.FLOOR);
    }
}
