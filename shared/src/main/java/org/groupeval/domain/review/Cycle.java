package org.groupeval.domain.review;

import org.groupeval.domain.ranking.AwardSettings;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The yearly cycle (rules.md §4; docs/api.md, Cycles): the pinned framework version, the stage
 * deadlines, the award settings the ranking applies ({@link AwardSettings}, rules.md §8.4, §8.5), when the ranking
 * runs, and how the city's expert panel works. The review workflow and the ranking read this one model.
 * Times are ISO-8601 strings with their offset, expressed in Asia/Shanghai ({@link CycleRules#ZONE}).
 * {@code frameworkLocked} becomes true with the first sheet saved in the cycle; from then on the framework is fixed.
 * {@code version} is the optimistic-locking version (the ETag).
 */
public record Cycle(int year, String frameworkId, String frameworkVersion, Deadlines deadlines, AwardSettings award,
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
     * The city stage's expert panel (rules.md §7.3, §7.4, §7.6). {@code required}: the city
     * score is the panel's aggregate, confirmed by CITY (true, the default); false: CITY scores the city sheet
     * directly and the panel routes are not used. {@code minimumSize}: fewer seated experts cannot be confirmed.
     * {@code aggregation}: {@code TRIMMED_MEAN} (per indicator the mean of the experts' points, dropping the single
     * highest and lowest once {@code trimFrom} or more experts scored; the default) or {@code MEAN} (never trimmed).
     * {@code peerVisibility}: when an expert may read the other experts' sheets: {@code AFTER_PANEL_COMPLETE}
     * (once every seated expert submitted; the default), {@code ALWAYS} or {@code NEVER}.
     */
    public record PanelSettings(boolean required, int minimumSize, AggregationMethod aggregation, int trimFrom,
                                PeerVisibility peerVisibility) {

        public boolean trims(int experts) {
            return aggregation == AggregationMethod.TRIMMED_MEAN && experts >= trimFrom;
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
