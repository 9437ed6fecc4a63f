package org.groupeval.domain.framework;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A score: a number of points a sheet awards or can award — a total, a subtotal, an indicator's or a category's
 * points and maximum, a cap, the points of a checklist item or of a bonus level, a grade band's bound, an award
 * cutoff. Always two decimals ({@link Points#round}, half-up), so every score the service shows reads the same
 * way: {@code 98.00}, {@code 90.50}, in JSON (the project's mapper writes a Score as a number with its two
 * decimals), in CSV exports and in explanations ({@link #toString()}). Rates (points per person, per percentage
 * point, per counted achievement), ratios, percentages, counts and the values a reviewer enters are not scores and
 * keep their own digits.
 */
public record Score(BigDecimal value) implements Comparable<Score> {

    public Score {
        value = Points.round(Objects.requireNonNull(value, "value"));
    }

    /** The score of {@code points}, or null for null (a result without a score). */
    public static Score of(BigDecimal points) {
        return points == null ? null : new Score(points);
    }

    public static Score of(String points) {
        return new Score(new BigDecimal(points));
    }

    @Override
    public int compareTo(Score other) {
        return value.compareTo(other.value);
    }

    /** The score as it is shown: {@code "98.00"}. */
    @Override
    public String toString() {
        return value.toPlainString();
    }
}
