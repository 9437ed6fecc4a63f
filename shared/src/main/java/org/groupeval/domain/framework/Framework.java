package org.groupeval.domain.framework;

import org.groupeval.domain.Grade;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scoring framework, one immutable version of it (docs/architecture.md, Principles): categories of indicators
 * with their rules and caps, the bonus policy, veto and fraud, and the grade bands. Built only by
 * {@link FrameworkLoader}, which validates it; serve it with {@link #toView()}.
 *
 * <p>{@code maxScore} is the sum of all categories, bonus categories included (100 for ankang-2022, 120 for
 * chengdu-2023); {@link #maxTotal()} adds the most the level bonus can add (103 for ankang-2022).
 */
public record Framework(String id, String version, LocalizedText name, BigDecimal maxScore, List<Category> categories,
                        BonusPolicy bonus, VetoPolicy veto, FraudPolicy fraud, List<GradeBand> gradeBands) {

    public Optional<Indicator> indicator(String indicatorId) {
        for (Category category : categories) {
            for (Indicator indicator : category.indicators()) {
                if (indicator.id().equals(indicatorId)) {
                    return Optional.of(indicator);
                }
            }
        }
        return Optional.empty();
    }

    /** Every indicator id, in framework order. */
    public List<String> indicatorIds() {
        List<String> ids = new ArrayList<>();
        for (Category category : categories) {
            for (Indicator indicator : category.indicators()) {
                ids.add(indicator.id());
            }
        }
        return ids;
    }

    public Optional<Category> category(String categoryId) {
        return categories.stream().filter(c -> c.id().equals(categoryId)).findFirst();
    }

    /** The most a group can score: every category in full plus the most the level bonus can add. */
    public BigDecimal maxTotal() {
        return maxScore.add(bonus.maxBonus());
    }

    /** The grade of a score by the bands alone (veto and fraud are applied by the scorer). */
    public Grade gradeFor(BigDecimal score) {
        return gradeBand(score).grade();
    }

    public GradeBand gradeBand(BigDecimal score) {
        for (GradeBand band : gradeBands) {
            if (band.contains(score)) {
                return band;
            }
        }
        // The loader guarantees the bands cover [0, ∞); a negative score cannot come out of the rules.
        throw new IllegalArgumentException("no grade band of " + id + "/" + version + " contains " + score);
    }

    public FrameworkView toView() {
        return FrameworkView.of(this);
    }

    public FrameworkView.Summary toSummary() {
        return FrameworkView.Summary.of(this);
    }
}
