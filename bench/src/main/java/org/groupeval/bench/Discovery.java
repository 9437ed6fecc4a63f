package org.groupeval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.groupeval.local.SamTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the benchmark measures, found rather than listed (docs/benchmarks.md, "Discovery"): the functions of
 * template.yaml with their handler, jar and routes, and the sample events of {@code events/} that belong to each, so
 * that a function added to the template is measured without changing the harness.
 */
final class Discovery {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Discovery() {
    }

    /** One sample event: its file, the route it is for (null for schedules and other triggers), its JSON. */
    record Event(Path file, String name, String routeKey, String json) {
        boolean http() {
            return routeKey != null;
        }
    }

    record Fn(SamTemplate.Function function, String name, Path jar, List<Event> events) {
    }


    /** Every function of the template with its sample events (those of a route it serves, or of its trigger). */
    static List<Fn> functions(Path root, SamTemplate template) throws IOException {
        Map<String, SamTemplate.Function> byRoute = template.routeTable();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root.resolve("events"))) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<Fn> functions = new ArrayList<>();
        for (SamTemplate.Function f : template.functions()) {
            String codeUri = String.valueOf(f.properties().get("CodeUri"));
            Path jar = root.resolve(codeUri);
            String name = functionName(f, codeUri);
            List<Event> events = new ArrayList<>();
            for (SamTemplate.HttpRoute route : f.routes()) {
                for (Path file : files) {
                    JsonNode json = MAPPER.readTree(file.toFile());
                    if (route.routeKey().equals(json.path("routeKey").asText(null))) {
                        events.add(new Event(file, WarmRunner.name(file), route.routeKey(), Files.readString(file)));
                    }
                }
            }
            String module = moduleName(codeUri);
            for (Path file : files) {
                JsonNode json = MAPPER.readTree(file.toFile());
                if (json.has("routeKey") || !file.getParent().getFileName().toString().equals(module)) {
                    continue;
                }
                // an S3 notification belongs to the module's function with an S3 trigger, an EventBridge event to
                // its function with an EventBridge rule, any other event to its function with a schedule (several
                // functions of one jar: the HTTP one and the triggered ones)
                boolean s3Event = "aws:s3".equals(json.path("Records").path(0).path("eventSource").asText(null));
                boolean eventBridge = json.has("detail-type");
                if (s3Event ? !f.s3Triggers().isEmpty() : eventBridge ? hasEventRule(f) : !f.schedules().isEmpty()) {
                    events.add(new Event(file, WarmRunner.name(file), null, Files.readString(file)));
                }
            }
            events.removeIf(e -> e.http() && byRoute.get(e.routeKey()) != f
                    && !byRoute.get(e.routeKey()).logicalId().equals(f.logicalId()));
            functions.add(new Fn(f, name, jar, events));
        }
        return functions;
    }

    private static boolean hasEventRule(SamTemplate.Function f) {
        return SamTemplate.map(f.properties().get("Events")).values().stream()
                .anyMatch(e -> "EventBridgeRule".equals(SamTemplate.map(e).get("Type")));
    }

    /**
     * The name figures carry: the logical id without "Function", in snake case (RegistrationFunction →
     * registration, EvidenceUploadFunction → evidence_upload), unique even when two functions share a jar.
     */
    private static String functionName(SamTemplate.Function f, String codeUri) {
        return f.logicalId().replaceFirst("Function$", "").replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }

    /** functions/registration/target/function.jar → registration (the folder of its sample events). */
    static String moduleName(String codeUri) {
        Matcher m = Pattern.compile("functions/([^/]+)/").matcher(codeUri);
        return m.find() ? m.group(1) : "";
    }

    /** A GET of one resource if there is one (the typical first request), else any GET, else the first event. */
    static Event coldEvent(Fn fn) {
        return fn.events().stream().filter(e -> e.http() && e.routeKey().startsWith("GET ") && e.routeKey().contains("{"))
                .findFirst()
                .or(() -> fn.events().stream().filter(e -> e.http() && e.routeKey().startsWith("GET ")).findFirst())
                .orElse(fn.events().get(0));
    }

    /**
     * A creating event: a POST to a collection ({@code POST /groups}, {@code POST /groups/{groupId}/cycles/{year}/evidence},
     * {@code POST /cycles/{year}/rankings}), not an action on one resource (…/submit, …/publish, …/score, a group's …/dissolve and …/merge).
     */
    static boolean creates(Event e) {
        if (!e.http() || !e.routeKey().startsWith("POST ")) {
            return false;
        }
        String path = e.routeKey().substring(5);
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.startsWith("{") && !List.of("submit", "publish", "score", "dissolve", "merge").contains(last);
    }
}
