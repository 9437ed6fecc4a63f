package org.groupeval.domain.framework;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for the JSON-Schema-like input descriptions the rules publish. */
final class InputShape {

    private InputShape() {
    }

    static Map<String, Object> object(String description, Map<String, Object> properties, List<String> required,
                                      Object example) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("type", "object");
        shape.put("description", description);
        shape.put("properties", properties);
        if (required != null && !required.isEmpty()) {
            shape.put("required", required);
        }
        shape.put("additionalProperties", false);
        shape.put("example", example);
        return shape;
    }

    static Map<String, Object> number(String description, BigDecimal minimum, BigDecimal maximum) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("type", "number");
        shape.put("description", description);
        if (minimum != null) {
            shape.put("minimum", minimum);
        }
        if (maximum != null) {
            shape.put("maximum", maximum);
        }
        return shape;
    }

    static Map<String, Object> count(String description) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("type", "integer");
        shape.put("description", description);
        shape.put("minimum", 0);
        return shape;
    }

    static Map<String, Object> array(String description, Map<String, Object> items) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("type", "array");
        shape.put("description", description);
        shape.put("items", items);
        return shape;
    }

    static Map<String, Object> enumeration(String description, List<String> values) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("type", "string");
        shape.put("description", description);
        shape.put("enum", values);
        return shape;
    }

    static Map<String, Object> ratioOrPercent(String what, Object example) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ratio", number(what + " as a ratio from 0 to 1", BigDecimal.ZERO, BigDecimal.ONE));
        properties.put("percent", number(what + " as a percentage from 0 to 100", BigDecimal.ZERO, Points.HUNDRED));
        Map<String, Object> shape = object(what + ": give exactly one of ratio or percent", properties, null, example);
        shape.put("oneOf", List.of(Map.of("required", List.of("ratio")), Map.of("required", List.of("percent"))));
        return shape;
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
