package org.groupeval.domain.framework;

import java.math.BigDecimal;

/** One indicator of a framework: a stable short id (e.g. {@code A04}), its names, its maximum and its rule. */
public record Indicator(String id, LocalizedText name, BigDecimal maxPoints, IndicatorRule rule) {
}
