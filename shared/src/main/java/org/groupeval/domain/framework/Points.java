package org.groupeval.domain.framework;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The arithmetic of points, stated once (rules.md §5.1).
 *
 * <p>Every rule computes with exact {@link BigDecimal}s: sums and products are exact; the only division (a mean of
 * percentages) is carried to 34 significant digits. No intermediate value is rounded. An indicator's points are
 * rounded once, half-up to two decimals, when the indicator is finished ({@link #round}); subtotals, the base total,
 * the bonus and the final score are exact sums of those rounded figures, so every published number adds up.
 */
public final class Points {

    /** Two decimals, half-up: the only rounding of scores in the engine. */
    public static final int SCALE = 2;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    /** Precision of the one division (a mean); far beyond the two decimals kept. */
    public static final MathContext DIVISION = MathContext.DECIMAL128;

    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Points() {
    }

    public static BigDecimal round(BigDecimal exact) {
        return exact.setScale(SCALE, ROUNDING);
    }

    public static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** A number as a reader expects it: no trailing zeros, never exponent notation ("7", "0.8", "5.13"). */
    public static String show(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() < 0) {
            stripped = stripped.setScale(0);
        }
        if (stripped.scale() > 4) {
            stripped = stripped.setScale(4, ROUNDING).stripTrailingZeros();
        }
        return stripped.toPlainString();
    }

    /**
     * A value as the caller sent it, for "(got …)" in a refusal: every digit kept (shown rounded, -0.0000001 would
     * read "got 0" under "must not be negative"), no exponent unless the value is too long to write out plainly.
     */
    public static String given(BigDecimal value) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        long integerDigits = (long) stripped.precision() - stripped.scale();
        if (integerDigits > 40 || stripped.scale() > 40) {
            return stripped.toString();
        }
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }

    /** Points as a reader expects them: at least one decimal ("2.0", "4.8", "5.13"). */
    public static String showPoints(BigDecimal value) {
        String shown = show(value);
        return shown.contains(".") ? shown : shown + ".0";
    }

    /** A ratio in [0, 1] as a percentage ("85%", "8.5%"). */
    public static String showPercent(BigDecimal ratio) {
        return show(ratio.multiply(HUNDRED)) + "%";
    }
}
