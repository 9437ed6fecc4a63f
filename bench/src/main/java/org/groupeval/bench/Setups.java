package org.groupeval.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a sample event needs beyond the creating events (docs/benchmarks.md, "Data the sample events need"): a
 * recipe {@code bench/setup/<module>/<sample>.json} lists the requests that bring the seeded tables to the state
 * the sample was written for (a saved sheet for the sheet routes, an assigned panel for the experts' routes, a
 * statement for the statement reads). Each step names a sample event of the same function and what to change in
 * it: {@code path} parameters (the raw path follows), {@code claims} or {@code claimsOf} (another sample's
 * caller), {@code headers} ({@code null} removes one), {@code body} or {@code bodyOf} (another sample's body), and
 * {@code creates}: the sample id the step's creation (its {@code Location}) stands for in the sample.
 * The sample is then measured against the tables as its recipe left them, like a creating event against the
 * tables before it.
 *
 * <p>The samples' calendar is fixed dates (cycle 2026 closes on 31 October 2026); so that the stage routes stay
 * open whatever the day of the run, {@link #shiftCalendar} moves a body's deadlines (and a cycle's
 * {@code rankingAt}) forward by whole years until the first deadline is at least 30 days away.</p>
 */
final class Setups {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    private Setups() {
    }

    /**
     * One step of a recipe: its event (JSON, placeholders not yet substituted) and, when the step creates what the
     * sample names by a sample id of its own ({@code "creates": "g-01kexamp1e…1"}, e.g. the group another is
     * merged into), that id: the sample is sent with the created id in its place.
     */
    record Step(String json, String creates) {
    }

    /** Sample name → the steps of its recipe, for one module. */
    static Map<String, List<Step>> recipes(Path root, String module) throws IOException {
        Path dir = root.resolve("bench/setup").resolve(module);
        Map<String, List<Step>> recipes = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return recipes;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                List<Step> steps = new ArrayList<>();
                for (JsonNode step : MAPPER.readTree(file.toFile())) {
                    steps.add(new Step(step(root, step), step.path("creates").asText(null)));
                }
                recipes.put(WarmRunner.name(file), steps);
            }
        }
        return recipes;
    }

    private static String step(Path root, JsonNode step) throws IOException {
        ObjectNode event = sample(root, step.path("event").asText());
        ObjectNode context = (ObjectNode) event.get("requestContext");
        context.put("requestId", UUID.randomUUID().toString());
        if (step.has("path")) {
            ObjectNode params = event.has("pathParameters") ? (ObjectNode) event.get("pathParameters")
                    : event.putObject("pathParameters");
            step.get("path").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
            String template = event.get("routeKey").asText().split(" ", 2)[1];
            Matcher m = VARIABLE.matcher(template);
            StringBuilder raw = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(raw, Matcher.quoteReplacement(params.path(m.group(1)).asText()));
            }
            m.appendTail(raw);
            event.put("rawPath", raw.toString());
            ((ObjectNode) context.get("http")).put("path", raw.toString());
        }
        JsonNode claims = step.has("claimsOf")
                ? sample(root, step.get("claimsOf").asText()).at("/requestContext/authorizer/jwt/claims")
                : step.get("claims");
        if (claims != null && !claims.isMissingNode()) {
            // a sample without a caller (an anonymous request) gets the authorizer the recipe's caller needs
            ObjectNode authorizer = context.get("authorizer") instanceof ObjectNode a ? a
                    : context.putObject("authorizer");
            ObjectNode jwt = authorizer.get("jwt") instanceof ObjectNode j ? j : authorizer.putObject("jwt");
            jwt.set("claims", claims.deepCopy());
        }
        if (step.has("headers")) {
            ObjectNode headers = (ObjectNode) event.get("headers");
            step.get("headers").fields().forEachRemaining(h -> {
                headers.remove(List.copyOf(namesLike(headers, h.getKey())));
                if (!h.getValue().isNull()) {
                    headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asText());
                }
            });
        }
        if (step.has("bodyOf")) {
            event.set("body", sample(root, step.get("bodyOf").asText()).get("body"));
        }
        if (step.has("body")) {
            event.put("body", MAPPER.writeValueAsString(step.get("body")));
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(event);
    }

    private static List<String> namesLike(ObjectNode headers, String name) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = headers.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (n.equalsIgnoreCase(name)) {
                names.add(n);
            }
        }
        return names;
    }

    private static ObjectNode sample(Path root, String relative) throws IOException {
        Path file = root.resolve("events").resolve(relative);
        if (!Files.exists(file)) {
            throw new IllegalStateException("a bench/setup recipe names " + relative + ", which events/ lacks");
        }
        return (ObjectNode) MAPPER.readTree(file.toFile());
    }

    /**
     * The event with the deadlines its body sets (a cycle's {@code deadlines}, an extension's {@code deadline})
     * and a cycle's {@code rankingAt} moved forward by whole years, if the first deadline is less than 30 days
     * after {@code now}; any other event unchanged.
     */
    static String shiftCalendar(String eventJson, OffsetDateTime now) {
        try {
            JsonNode event = MAPPER.readTree(eventJson);
            String text = event.path("body").asText("");
            if (!text.contains("\"deadlines\"") && !text.contains("\"deadline\"")) {
                return eventJson;
            }
            JsonNode body = MAPPER.readTree(text);
            if (!(body instanceof ObjectNode object)) {
                return eventJson;
            }
            // the deadlines a body sets: a cycle's calendar (deadlines.self, …) or an extension's deadline
            List<ObjectNode> owners = new ArrayList<>();
            List<String> names = new ArrayList<>();
            if (object.get("deadlines") instanceof ObjectNode deadlines) {
                deadlines.fieldNames().forEachRemaining(n -> {
                    owners.add(deadlines);
                    names.add(n);
                });
            }
            if (object.path("deadline").isTextual()) {
                owners.add(object);
                names.add("deadline");
            }
            OffsetDateTime first = null;
            for (int i = 0; i < owners.size(); i++) {
                OffsetDateTime t = OffsetDateTime.parse(owners.get(i).get(names.get(i)).asText());
                first = first == null || t.isBefore(first) ? t : first;
            }
            if (first == null) {
                return eventJson;
            }
            int years = 0;
            while (first.plusYears(years).isBefore(now.plusDays(30))) {
                years++;
            }
            if (years == 0) {
                return eventJson;
            }
            if (object.path("rankingAt").isTextual()) {
                owners.add(object);
                names.add("rankingAt");
            }
            for (int i = 0; i < owners.size(); i++) {
                owners.get(i).put(names.get(i), later(owners.get(i).get(names.get(i)).asText(), years));
            }
            ((ObjectNode) event).put("body", MAPPER.writeValueAsString(body));
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (DateTimeParseException e) {
            return eventJson; // not a calendar the harness understands: the sample goes as written
        }
    }

    private static String later(String time, int years) {
        return OffsetDateTime.parse(time).plusYears(years).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
