package org.groupeval.domain.framework;

import org.groupeval.domain.Grade;

/**
 * 弄虚作假 (rules.md §6.4): when enabled, a group found to have falsified data gets at most
 * {@code maxGrade} (GOOD: it loses eligibility for EXCELLENT).
 */
public record FraudPolicy(boolean enabled, Grade maxGrade) {
}
