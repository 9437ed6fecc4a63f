package org.groupeval.domain.framework;

import java.math.BigDecimal;

/** A part of a composite indicator: its own rule and its own cap ({@code maxPoints}). */
public record Part(String id, LocalizedText name, BigDecimal maxPoints, IndicatorRule rule) {
}
