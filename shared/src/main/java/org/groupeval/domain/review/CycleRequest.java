package org.groupeval.domain.review;

import java.math.BigDecimal;
import java.util.List;

/**
 * The body of {@code POST /cycles} and {@code PATCH /cycles/{year}} as the caller sent it (not yet valid; docs/api.md,
 * Cycles). A PATCH sends only the members it changes, objects member by member; a member left out (or null) keeps
 * its value. Numbers stay as sent, and the settings' names as text, so that {@link CycleRules} can say what is wrong
 * with each of them at once.
 */
public record CycleRequest(BigDecimal year, String frameworkId, String frameworkVersion, Cycle.Deadlines deadlines,
                           Award award, String rankingAt, PanelSettings panel) {

    /** {@code award}: {@code {ratio, scope, rounding, tiePolicy, tieBreakCategories}}. */
    public record Award(BigDecimal ratio, String scope, String rounding, String tiePolicy,
                        List<String> tieBreakCategories) {
    }

    /** {@code panel}: {@code {required, minimumSize, aggregation, trimFrom, peerVisibility}}. */
    public record PanelSettings(Boolean required, BigDecimal minimumSize, String aggregation, BigDecimal trimFrom,
                                String peerVisibility) {
    }
}
