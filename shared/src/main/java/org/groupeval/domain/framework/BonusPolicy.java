package org.groupeval.domain.framework;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The framework's bonus for distinctive work by level (rules.md §6.2: national +3, provincial +2, city +1).
 * {@code HIGHEST_ONCE}: only the highest level achieved counts, once (the Interpretation); {@code CUMULATIVE}: every
 * level claimed adds up, to {@code cap}. {@code NONE}: no level bonus (a framework may instead have a bonus category,
 * as chengdu-2023 does).
 */
public record BonusPolicy(Type type, Accumulation accumulation, BigDecimal cap, Map<Level, BigDecimal> pointsByLevel) {

    public enum Type { NONE, LEVELS }

    public enum Accumulation { HIGHEST_ONCE, CUMULATIVE }

    public static BonusPolicy none() {
        return new BonusPolicy(Type.NONE, null, BigDecimal.ZERO, Map.of());
    }

    public boolean enabled() {
        return type == Type.LEVELS;
    }

    /** The most the policy can add. */
    public BigDecimal maxBonus() {
        if (!enabled()) {
            return BigDecimal.ZERO;
        }
        BigDecimal best = pointsByLevel.values().stream().reduce(BigDecimal.ZERO, Points::max);
        BigDecimal all = pointsByLevel.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return Points.min(cap, accumulation == Accumulation.HIGHEST_ONCE ? best : all);
    }
}
