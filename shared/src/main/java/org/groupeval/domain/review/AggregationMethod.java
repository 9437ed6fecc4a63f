package org.groupeval.domain.review;

/**
 * How the city panel's score of an indicator is computed from the experts' points (rules.md §7.4): the mean, or
 * the mean without the single highest and the single lowest once enough experts scored
 * ({@link Cycle.PanelSettings#trimFrom()}).
 */
public enum AggregationMethod {
    TRIMMED_MEAN,
    MEAN
}
