package org.groupeval.domain.scoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The indicator inputs of a sheet as the reviewer entered them: indicator id → the input its rule reads. Each rule
 * type takes its own shape (a ratio, counts, a checklist, grades per school …; docs/frameworks.md), so the values
 * stay the plain JSON tree the framework's rule readers take (maps, lists, strings, numbers, booleans): the rule of
 * the indicator is what validates one. In JSON the object itself, {@code {"A01": {"ratio": 0.9}, …}}.
 */
public record IndicatorInputs(Map<String, Object> values) {

    public IndicatorInputs {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The input of one indicator as entered, or null. */
    public Object get(String indicatorId) {
        return values.get(indicatorId);
    }
}
