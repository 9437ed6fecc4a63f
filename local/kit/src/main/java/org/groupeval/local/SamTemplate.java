package org.groupeval.local;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * template.yaml as the local stack and the tests read it: the single source of truth for tables, functions,
 * handlers, routes, schedules and bucket notifications. CloudFormation short-form tags become their long form
 * ({@code !Ref X} → {@code {Ref: X}}).
 */
public final class SamTemplate {

    public record Table(String logicalId, Map<String, Object> properties) {
    }

    public record HttpRoute(String eventName, String method, String path) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    public record Schedule(String eventName, String expression, String timezone, String input) {
    }

    public record S3Trigger(String eventName, String bucketLogicalId, List<String> events, String prefix) {
    }

    public record Function(String logicalId, String handler, Map<String, String> environment,
                           List<HttpRoute> routes, List<Schedule> schedules, List<S3Trigger> s3Triggers,
                           Map<String, Object> properties) {
        public String handlerClass() {
            int sep = handler.indexOf("::");
            return sep < 0 ? handler : handler.substring(0, sep);
        }
    }

    /** A whole-value dynamic reference to the SecretString of a secret of this template. */
    private static final Pattern SECRET_REFERENCE =
            Pattern.compile("\\{\\{resolve:secretsmanager:\\$\\{([A-Za-z0-9]+)}(?::SecretString)?}}");

    private final Path file;
    private final Map<String, Object> root;

    private SamTemplate(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    /** The repository's template.yaml (see {@link #repoRoot()}). */
    public static SamTemplate load() {
        return load(repoRoot().resolve("template.yaml"));
    }

    @SuppressWarnings("unchecked")
    public static SamTemplate load(Path file) {
        LoaderOptions options = new LoaderOptions();
        Yaml yaml = new Yaml(new CfnConstructor(options));
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new SamTemplate(file, (Map<String, Object>) yaml.load(reader));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The repository root: the system property {@code groupeval.repo.root} (set by the build), or the nearest
     * directory upwards from the working directory that holds template.yaml.
     */
    public static Path repoRoot() {
        String configured = System.getProperty("groupeval.repo.root");
        if (configured != null && Files.exists(Path.of(configured, "template.yaml"))) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath()
                + "; run from the repository or set -Dgroupeval.repo.root");
    }

    public Path file() {
        return file;
    }

    public Map<String, Object> root() {
        return root;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> resources() {
        return (Map<String, Map<String, Object>>) (Map<String, ?>) map(root.get("Resources"));
    }

    public List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if ("AWS::DynamoDB::Table".equals(resource.get("Type"))) {
                tables.add(new Table(id, map(resource.get("Properties"))));
            }
        });
        return tables;
    }

    public List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if (type.equals(resource.get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    public List<Function> functions() {
        Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
        List<Function> functions = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> props = map(resource.get("Properties"));
            Map<String, String> env = new LinkedHashMap<>();
            env.putAll(variables(globals));
            env.putAll(variables(props));
            List<HttpRoute> routes = new ArrayList<>();
            List<Schedule> schedules = new ArrayList<>();
            List<S3Trigger> s3 = new ArrayList<>();
            map(props.get("Events")).forEach((eventName, rawEvent) -> {
                Map<String, Object> event = map(rawEvent);
                Map<String, Object> p = map(event.get("Properties"));
                switch (String.valueOf(event.get("Type"))) {
                    case "HttpApi" -> routes.add(new HttpRoute(eventName,
                            String.valueOf(p.get("Method")).toUpperCase(), String.valueOf(p.get("Path"))));
                    case "Schedule", "ScheduleV2" -> schedules.add(new Schedule(eventName,
                            String.valueOf(p.get("ScheduleExpression")),
                            p.get("ScheduleExpressionTimezone") == null ? "UTC"
                                    : String.valueOf(p.get("ScheduleExpressionTimezone")),
                            p.get("Input") == null ? null : String.valueOf(p.get("Input"))));
                    case "S3" -> s3.add(new S3Trigger(eventName, refTarget(p.get("Bucket")),
                            list(p.get("Events")).stream().map(String::valueOf).toList(), s3Prefix(p)));
                    default -> { }
                }
            });
            functions.add(new Function(id, String.valueOf(props.get("Handler")), env, routes, schedules, s3, props));
        });
        return functions;
    }

    public Optional<Function> function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    /** Every route of every function: route key → function. */
    public Map<String, Function> routeTable() {
        Map<String, Function> table = new LinkedHashMap<>();
        for (Function f : functions()) {
            for (HttpRoute r : f.routes()) {
                Function previous = table.put(r.routeKey(), f);
                if (previous != null) {
                    throw new IllegalStateException("route " + r.routeKey() + " declared by " + previous.logicalId()
                            + " and " + f.logicalId());
                }
            }
        }
        return table;
    }

    /** Environment variables of a function resolved for the local stack: a Ref to a resource is its logical id. */
    private Map<String, String> variables(Map<String, Object> props) {
        Map<String, String> env = new LinkedHashMap<>();
        map(map(props.get("Environment")).get("Variables")).forEach((name, value) -> {
            String resolved = resolveLocally(value);
            if (resolved != null) {
                env.put(name, resolved);
            }
        });
        return env;
    }

    /**
     * A value as the local stack sees it: strings as they are, {@code Ref} to a resource by name, to a parameter by
     * its local value ({@link #localParameter}), and a {@code !Sub "{{resolve:secretsmanager:${Secret}…}}"} reference
     * to a secret the template declares as that secret's local value ({@link LocalSecrets}).
     */
    public String resolveLocally(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof Map<?, ?> m && m.get("Fn::Sub") instanceof String sub) {
            Matcher secret = SECRET_REFERENCE.matcher(sub);
            Map<String, Object> resource = secret.matches() ? resources().get(secret.group(1)) : null;
            if (resource != null && "AWS::SecretsManager::Secret".equals(resource.get("Type"))) {
                return LocalSecrets.value(secret.group(1), map(resource.get("Properties")));
            }
            return null;
        }
        String ref = refTarget(value);
        if (ref == null) {
            return null;
        }
        if (map(root.get("Parameters")).containsKey(ref)) {
            return localParameter(ref);
        }
        return ref;
    }

    /**
     * A parameter's value in the local stack: the template's {@code Metadata: LocalParameters:} entry where the local
     * stack cannot have what the default asks for (no GuardDuty: {@code MalwareScanning: Disabled}), else its
     * {@code Default}.
     */
    public String localParameter(String name) {
        Object local = map(map(root.get("Metadata")).get("LocalParameters")).get(name);
        Object value = local != null ? local : map(map(root.get("Parameters")).get(name)).get("Default");
        return value == null ? null : String.valueOf(value);
    }

    private static String refTarget(Object value) {
        if (value instanceof Map<?, ?> m && m.get("Ref") instanceof String s) {
            return s;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static String s3Prefix(Map<String, Object> p) {
        for (Object rule : list(map(map(p.get("Filter")).get("S3Key")).get("Rules"))) {
            Map<String, Object> r = (Map<String, Object>) rule;
            if ("prefix".equalsIgnoreCase(String.valueOf(r.get("Name")))) {
                return String.valueOf(r.get("Value"));
            }
        }
        return "";
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** Reads CloudFormation's short-form tags ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, ...). */
    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor(LoaderOptions options) {
            super(options);
            for (String fn : List.of("Ref", "Condition", "GetAtt", "Sub", "Join", "Select", "Split", "If", "Equals",
                    "Not", "And", "Or", "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue", "Transform")) {
                String key = fn.equals("Ref") || fn.equals("Condition") ? fn : "Fn::" + fn;
                this.yamlConstructors.put(new Tag("!" + fn), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object value;
                        if (node instanceof ScalarNode scalar) {
                            value = constructScalar(scalar);
                            if (fn.equals("GetAtt")) {
                                value = List.of(((String) value).split("\\.", 2));
                            }
                        } else if (node instanceof SequenceNode seq) {
                            value = constructSequence(seq);
                        } else {
                            value = constructMapping((MappingNode) node);
                        }
                        return Map.of(key, value);
                    }
                });
            }
        }
    }
}
