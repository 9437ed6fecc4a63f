package org.groupeval.domain.review;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The yearly cycle (rules.md §4; docs/api.md, Cycles): the pinned framework version, the stage
 * deadlines, the award settings the ranking applies, when the ranking runs, and how the city's expert panel works.
 * Times are ISO-8601 strings with their offset, expressed in Asia/Shanghai ({@link CycleRules#ZONE}).
 * {@code frameworkLocked} becomes true with the first sheet saved in the cycle; from then on the framework is fixed.
 * {@code version} is the optimistic-locking version (the ETag).
 */
public record Cycle(int year, String frameworkId, String frameworkVersion, Deadlines deadlines, Award award,
                    String rankingAt, PanelSettings panel, boolean frameworkLocked, Instant createdAt,
                    Instant updatedAt, String updatedBy, long version) {

    /** The end of each stage, inclusive: a write at exactly the deadline is accepted, one millisecond later not. */
    public record Deadlines(String self, String district, String city) {

        public String of(Stage stage) {
            return switch (stage) {
                case SELF -> self;
                case DISTRICT -> district;
                case CITY -> city;
            };
        }

        public OffsetDateTime at(Stage stage) {
            return OffsetDateTime.parse(of(stage));
        }
    }

    /**
     * Funding awards (rules.md §8.4, §8.5): {@code ratio} (0.30), {@code scope} {@code PER_GRADE} (the quota
     * within EXCELLENT and within GOOD, the default) or {@code UNION}, {@code rounding} of ratio × count
     * ({@code FLOOR}, "no more than"), and the tie policy at the cutoff: {@code NONE_AT_CUTOFF} (default),
     * {@code INCLUDE_ALL_TIED}, or {@code BREAK_BY_CATEGORIES} with the ordered category ids of
     * {@code tieBreakCategories}.
     */
    public record Award(BigDecimal ratio, String scope, String rounding, String tiePolicy,
                        List<String> tieBreakCategories) {
        public Award {
            tieBreakCategories = tieBreakCategories == null ? List.of() : List.copyOf(tieBreakCategories);
        }
    }

    /**
     * The city stage's expert panel (rules.md §7.3, §7.4, §7.6). {@code required}: the city
     * score is the panel's aggregate, confirmed by CITY (true, the default); false: CITY scores the city sheet
     * directly and the panel routes are not used. {@code minimumSize}: fewer seated experts cannot be confirmed.
     * {@code aggregation}: {@code TRIMMED_MEAN} (per indicator the mean of the experts' points, dropping the single
     * highest and lowest once {@code trimFrom} or more experts scored; the default) or {@code MEAN} (never trimmed).
     * {@code peerVisibility}: when an expert may read the other experts' sheets: {@code AFTER_PANEL_COMPLETE}
     * (once every seated expert submitted; the default), {@code ALWAYS} or {@code NEVER}.
     */
    public record PanelSettings(boolean required, int minimumSize, String aggregation, int trimFrom,
                                String peerVisibility) {

        public boolean trims(int experts) {
            return CycleRules.TRIMMED_MEAN.equals(aggregation) && experts >= trimFrom;
        }
    }

    public Cycle withVersion(long newVersion) {
        return new Cycle(year, frameworkId, frameworkVersion, deadlines, award, rankingAt, panel, frameworkLocked,
                createdAt, updatedAt, updatedBy, newVersion);
    }

    public Cycle withFrameworkLocked(boolean locked) {
        return new Cycle(year, frameworkId, frameworkVersion, deadlines, award, rankingAt, panel, locked,
                createdAt, updatedAt, updatedBy, version);
    }
}
