package org.groupeval.domain.framework;

import java.math.BigDecimal;
import java.util.List;

/**
 * A first-level indicator (一级指标) grouping indicators; its maximum is the sum of theirs. A bonus category (e.g.
 * chengdu-2023's 加分项目) counts towards the bonus, not the base total.
 */
public record Category(String id, LocalizedText name, BigDecimal maxPoints, boolean bonus, List<Indicator> indicators) {
}
