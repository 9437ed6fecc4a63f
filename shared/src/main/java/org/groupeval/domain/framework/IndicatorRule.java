package org.groupeval.domain.framework;

import java.math.BigDecimal;
import java.util.Map;

/**
 * How an indicator (or a part of a composite indicator) turns a reviewer's input into points. A rule is data: its
 * type and parameters come from the framework file, so a new framework needs a file, not code. Each rule documents
 * the input it expects ({@link #inputShape()}, a JSON-Schema-like description a client can render as a form).
 */
public sealed interface IndicatorRule
        permits CompletionRatio, SurveyPercentage, JudgedPoints, Checklist, GradeMapped, ThresholdDeduction,
        DurationBands, LevelCounts, Composite {

    /** The type name used in framework files, e.g. {@code COMPLETION_RATIO}. */
    String type();

    /**
     * Scores {@code input} (the tree found at {@code pointer}) against a maximum of {@code max}. The points are exact
     * (not rounded) and never above {@code max}. Returns null if the input is invalid; the problems are recorded in
     * {@code sheet}.
     */
    RuleOutcome score(Object input, String pointer, BigDecimal max, SheetInput sheet);

    /** The rule's parameters as published in the framework view (without {@code type} and {@code input}). */
    Map<String, Object> parameters();

    /** A description of the expected input: JSON-Schema-like, with a {@code description} and an {@code example}. */
    Map<String, Object> inputShape();

    /**
     * The most this rule can yield before the node's cap, or null if unbounded (counts). Loading refuses a node whose
     * maximum can never be reached.
     */
    BigDecimal reachable(BigDecimal max);
}
