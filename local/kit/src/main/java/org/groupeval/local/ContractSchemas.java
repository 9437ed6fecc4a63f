package org.groupeval.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schemas of an API description as {@link ApiContract} checks values against them: parameters and headers (text
 * on the wire, read as their schema's type) and bodies, each schema compiled once by networknt's json-schema-validator
 * (JSON Schema 2020-12 in the OpenAPI 3.1 dialect, format assertions on) and addressed by its JSON Pointer in the
 * description.
 */
final class ContractSchemas {

    /** Where the description is registered for the schema validator; its {@code $ref}s resolve against it. */
    private static final String BASE = "https://groupeval.invalid/openapi.yaml";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    ContractSchemas(JsonNode document) {
        this.document = document;
        String text = document.toString();
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(BASE, text))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    void checkParameters(Map<String, JsonNode> declared, Map<String, String> values, String in,
                                 List<String> violations) {
        declared.forEach((name, entry) -> {
            JsonNode parameter = entry.get("parameter");
            String value = values.get(in.equals("header") ? name.toLowerCase(Locale.ROOT) : name);
            if (value == null) {
                if (parameter.path("required").asBoolean(false)) {
                    violations.add(in + " parameter '" + name + "' is required");
                }
                return;
            }
            checkValue(entry.get("pointer").asText() + "/schema", parameter.path("schema"), value,
                    in + " parameter '" + name + "'", violations);
        });
    }

    /** A parameter or header value (text on the wire) against its schema, read as the schema's type. */
    void checkValue(String pointer, JsonNode schema, String text, String what, List<String> violations) {
        JsonNode resolved = follow(schema);
        String type = resolved.path("type").asText("string");
        JsonNode value;
        try {
            value = switch (type) {
                case "integer", "number" -> JsonNodeFactory.instance.numberNode(new BigDecimal(text));
                case "boolean" -> text.equals("true") || text.equals("false")
                        ? JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(text)) : null;
                default -> JsonNodeFactory.instance.textNode(text);
            };
        } catch (NumberFormatException e) {
            value = null;
        }
        if (value == null) {
            violations.add(what + " '" + text + "' is not a " + type);
            return;
        }
        if (value.isNumber() && type.equals("integer") && value.decimalValue().stripTrailingZeros().scale() <= 0) {
            value = JsonNodeFactory.instance.numberNode(value.decimalValue().toBigIntegerExact());
        }
        validate(pointer, value, what, violations);
    }

    void checkBody(String pointer, JsonNode bodyOwner, String mediaType, String body, String what,
                           List<String> violations) {
        String schemaPointer = pointer + "/content/" + escape(mediaType) + "/schema";
        JsonNode value;
        if (mediaType.endsWith("json")) {
            try {
                value = JSON.readTree(body);
            } catch (IOException e) {
                violations.add(what + " is not JSON: " + e.getMessage());
                return;
            }
        } else {
            value = JsonNodeFactory.instance.textNode(body);
        }
        validate(schemaPointer, value, what, violations);
    }

    private void validate(String pointer, JsonNode value, String what, List<String> violations) {
        Schema compiledSchema = compiled.computeIfAbsent(pointer,
                p -> registry.getSchema(SchemaLocation.of(BASE + p)));
        for (Error error : compiledSchema.validate(value)) {
            String at = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
            violations.add(what + (at.isEmpty() || at.equals("$") || at.equals("/") ? "" : " at " + at) + ": "
                    + error.getMessage());
        }
    }

    // ---- JSON plumbing -------------------------------------------------------------------------------------------

    /** A node, or the node its local {@code $ref} names (one step). */
    private JsonNode resolve(JsonNode node) {
        if (node != null && node.has("$ref") && node.get("$ref").asText().startsWith("#/")) {
            return document.at(node.get("$ref").asText().substring(1));
        }
        return node == null ? JsonNodeFactory.instance.missingNode() : node;
    }

    /** Follows {@code $ref}s to the node they end at. */
    JsonNode follow(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            current = resolve(current);
        }
        return current;
    }

    static String declaredName(Map<String, JsonNode> declared, String name) {
        return declared.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(name);
    }

    static String mediaType(String contentType) {
        return contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    static String declaredMediaType(JsonNode content, String mediaType) {
        for (Iterator<String> names = content.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equalsIgnoreCase(mediaType)) {
                return name;
            }
        }
        return null;
    }

    static String names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    /** A JSON Pointer token: {@code ~} → {@code ~0}, {@code /} → {@code ~1}. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
