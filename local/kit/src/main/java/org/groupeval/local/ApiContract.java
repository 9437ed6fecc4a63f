package org.groupeval.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API contract, {@code openapi.yaml} at the repository root (OpenAPI 3.1), as the tests hold the service to it:
 * its operations (to compare with template.yaml's routes), each request checked against its operation (path, query
 * and header parameters, body), and each response (status, headers, body) against the responses its operation
 * declares. A status, a response header or a body member the operation does not declare is a violation (the schemas
 * say {@code additionalProperties: false}). Schemas are JSON Schema 2020-12 in the OpenAPI 3.1 dialect, checked by
 * networknt's json-schema-validator with format assertions on.
 *
 * <p>{@link #repository()} is the one instance the tests share. Every handler test's response reaches it through
 * {@link LambdaEvents#httpCall}, every end-to-end test's through the stack's test client; a violation fails the test
 * with every message.
 */
public final class ApiContract {

    private static final ObjectMapper JSON = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    // an event may carry a file far over the limits (a test of the 413 sends 50 MB, base64-encoded)
                    .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                            .maxStringLength(128 * 1024 * 1024).build()).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{([^}/]+)}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");
    /** Headers of the HTTP exchange itself, set by the server that carries the response, not by the API. */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("content-type", "content-length", "date",
            "transfer-encoding", "connection", "keep-alive");
    private static volatile ApiContract repository;
    private static volatile Set<String> templateRoutes;

    private final JsonNode document;
    private final ContractSchemas schemas;

    private ApiContract(JsonNode document) {
        this.document = document;
        this.schemas = new ContractSchemas(document);
        if (!"3.1".equals(document.path("openapi").asText("").replaceAll("^(\\d+\\.\\d+).*", "$1"))) {
            throw new IllegalArgumentException("not an OpenAPI 3.1 description: openapi is "
                    + document.path("openapi"));
        }
        if (!document.path("paths").isObject()) {
            throw new IllegalArgumentException("the API description has no paths");
        }
    }

    /** The repository's {@code openapi.yaml}, read once. */
    public static ApiContract repository() {
        if (repository == null) {
            synchronized (ApiContract.class) {
                if (repository == null) {
                    repository = load(SamTemplate.repoRoot().resolve("openapi.yaml"));
                }
            }
        }
        return repository;
    }

    public static ApiContract load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API description " + file, e);
        }
    }

    /** An API description given as YAML (or JSON) text. */
    public static ApiContract parse(String description) {
        try {
            // YAML numbers become exact decimals, as JSON bodies are read
            return new ApiContract(JSON.readTree(JSON.writeValueAsString(YAML.readValue(description, Object.class))));
        } catch (IOException e) {
            throw new IllegalArgumentException("the API description does not parse: " + e.getMessage(), e);
        }
    }

    /** The description as a JSON tree. */
    public JsonNode document() {
        return document;
    }

    /** Every operation as a route key, {@code "POST /groups"}, the form template.yaml's routes take. */
    public Set<String> routeKeys() {
        Set<String> keys = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(m -> {
            if (METHODS.contains(m)) {
                keys.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return keys;
    }

    /**
     * How the description and the routes of a template differ, both ways: a route with no operation (undocumented)
     * and an operation with no route (a path the template lacks). Empty when they match.
     */
    public List<String> routeDrift(Set<String> templateRouteKeys) {
        List<String> drift = new ArrayList<>();
        Set<String> operations = routeKeys();
        new TreeSet<>(templateRouteKeys).stream().filter(route -> !operations.contains(route))
                .forEach(route -> drift.add(route + " is a route of template.yaml but not an operation of openapi.yaml"));
        operations.stream().filter(operation -> !templateRouteKeys.contains(operation))
                .forEach(operation -> drift.add(operation + " is an operation of openapi.yaml but no route of "
                        + "template.yaml"));
        return drift;
    }

    /** The problem type URNs the description's responses name, from their {@code type} schemas. */
    public Set<String> problemTypes() {
        Set<String> types = new TreeSet<>();
        collectProblemTypes(document.path("components"), types);
        return types;
    }

    private static void collectProblemTypes(JsonNode node, Set<String> types) {
        if (node.isTextual() && node.asText().startsWith("urn:groupeval:problem:")) {
            types.add(node.asText());
        }
        node.elements().forEachRemaining(child -> collectProblemTypes(child, types));
    }

    // ---- the exchange ----------------------------------------------------------------------------------------------

    /** One request as an API client sends it: method, path (no query), query, headers (any case) and body. */
    public record HttpRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                              String body) {
    }

    /** One response as the client receives it: status, headers (any case) and body (null or empty for none). */
    public record HttpResponse(int status, Map<String, String> headers, String body) {
    }

    /** An operation of the description matched to a request path: its route key, node and path parameters. */
    private record Match(String routeKey, String pathPointer, String pointer, JsonNode operation, JsonNode pathItem,
                         Map<String, String> pathParameters) {
    }

    /**
     * The operation a request reaches. As in API Gateway, a path whose segments are literal wins over one with
     * parameters in their place ({@code /cycles/{year}/results.csv} over a parameter there).
     */
    private Optional<Match> match(String method, String path) {
        String m = method.toLowerCase(Locale.ROOT);
        List<Map.Entry<String, JsonNode>> candidates = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(candidates::add);
        candidates.sort(Comparator.comparingLong(e -> e.getKey().chars().filter(c -> c == '{').count()));
        for (Map.Entry<String, JsonNode> candidate : candidates) {
            JsonNode operation = candidate.getValue().get(m);
            Map<String, String> parameters = operation == null ? null : HttpEvents.match(candidate.getKey(), path);
            if (parameters != null) {
                String pathPointer = "#/paths/" + ContractSchemas.escape(candidate.getKey());
                return Optional.of(new Match(method.toUpperCase(Locale.ROOT) + " " + candidate.getKey(), pathPointer,
                        pathPointer + "/" + m, operation, candidate.getValue(), parameters));
            }
        }
        return Optional.empty();
    }

    /** What is wrong with the request for its operation; empty when it conforms. */
    public List<String> requestViolations(HttpRequest request) {
        Optional<Match> found = match(request.method(), request.path());
        if (found.isEmpty()) {
            return List.of("no operation " + request.method() + " " + request.path() + " in the API description");
        }
        Match match = found.get();
        List<String> violations = new ArrayList<>();
        Map<String, String> headers = lowerCase(request.headers());
        Map<String, Map<String, JsonNode>> declared = parameters(match);
        schemas.checkParameters(declared.get("path"), match.pathParameters(), "path", violations);
        schemas.checkParameters(declared.get("query"), request.query(), "query", violations);
        for (String name : request.query().keySet()) {
            if (!declared.get("query").containsKey(name)) {
                violations.add("query parameter '" + name + "' is not declared");
            }
        }
        schemas.checkParameters(declared.get("header"), headers, "header", violations);
        JsonNode rawBody = match.operation().path("requestBody");
        String bodyPointer = rawBody.has("$ref") ? rawBody.get("$ref").asText() : match.pointer() + "/requestBody";
        JsonNode requestBody = schemas.follow(rawBody);
        boolean hasBody = request.body() != null && !request.body().isEmpty();
        if (!hasBody) {
            if (requestBody.path("required").asBoolean(false)) {
                violations.add("the request body is required");
            }
        } else if (requestBody.isMissingNode()) {
            violations.add("the operation takes no request body");
        } else {
            String mediaType = ContractSchemas.mediaType(headers.get("content-type"));
            String declaredType = mediaType == null ? null : ContractSchemas.declaredMediaType(requestBody.path("content"), mediaType);
            if (declaredType == null) {
                violations.add("request Content-Type " + headers.get("content-type") + " is not one of "
                        + ContractSchemas.names(requestBody.path("content")));
            } else {
                schemas.checkBody(bodyPointer, requestBody, declaredType, request.body(), "request body", violations);
            }
        }
        return violations;
    }

    /** What is wrong with the response for the request's operation; empty when it conforms. */
    public List<String> responseViolations(HttpRequest request, HttpResponse response) {
        Optional<Match> found = match(request.method(), request.path());
        if (found.isEmpty()) {
            return List.of("no operation " + request.method() + " " + request.path() + " in the API description");
        }
        Match match = found.get();
        String status = String.valueOf(response.status());
        JsonNode responses = match.operation().path("responses");
        String key = responses.has(status) ? status : responses.has(status.charAt(0) + "XX")
                ? status.charAt(0) + "XX" : responses.has("default") ? "default" : null;
        if (key == null) {
            return List.of("status " + status + " is not declared for " + match.routeKey() + " (declared: "
                    + ContractSchemas.names(responses) + ")");
        }
        List<String> violations = new ArrayList<>();
        JsonNode raw = responses.get(key);
        String pointer = raw.has("$ref") ? raw.get("$ref").asText() : match.pointer() + "/responses/" + key;
        JsonNode declared = schemas.follow(raw);
        Map<String, String> headers = lowerCase(response.headers());
        Map<String, JsonNode> declaredHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        declared.path("headers").fields().forEachRemaining(h -> declaredHeaders.put(h.getKey(), h.getValue()));
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            JsonNode spec = declaredHeaders.get(name);
            if (spec == null) {
                if (!TRANSPORT_HEADERS.contains(name) && !name.startsWith("access-control-")) {
                    violations.add("response header '" + name + "' is not declared for status " + status);
                }
                continue;
            }
            JsonNode headerSpec = schemas.follow(spec);
            String headerPointer = spec.has("$ref") ? spec.get("$ref").asText()
                    : pointer + "/headers/" + ContractSchemas.escape(ContractSchemas.declaredName(declaredHeaders, name));
            schemas.checkValue(headerPointer + "/schema", headerSpec.path("schema"), header.getValue(),
                    "response header '" + name + "'", violations);
        }
        declaredHeaders.forEach((name, spec) -> {
            if (schemas.follow(spec).path("required").asBoolean(false) && !headers.containsKey(
                    name.toLowerCase(Locale.ROOT))) {
                violations.add("required response header '" + name + "' is missing");
            }
        });
        JsonNode content = declared.path("content");
        boolean hasBody = response.body() != null && !response.body().isEmpty();
        if (!hasBody) {
            if (content.isObject() && content.size() > 0) {
                violations.add("the response has no body; status " + status + " declares " + ContractSchemas.names(content));
            }
        } else if (!content.isObject() || content.size() == 0) {
            violations.add("the response has a body; status " + status + " declares none");
        } else {
            String mediaType = ContractSchemas.mediaType(headers.get("content-type"));
            String declaredType = mediaType == null ? null : ContractSchemas.declaredMediaType(content, mediaType);
            if (declaredType == null) {
                violations.add("response Content-Type " + headers.get("content-type") + " is not one of "
                        + ContractSchemas.names(content));
            } else {
                schemas.checkBody(pointer, declared, declaredType, response.body(), "response body", violations);
            }
        }
        return violations;
    }

    /** Fails with every violation when the response does not conform to what its operation declares. */
    public void assertConforms(HttpRequest request, HttpResponse response) {
        List<String> violations = responseViolations(request, response);
        if (!violations.isEmpty()) {
            throw new AssertionError("the response to " + request.method() + " " + request.path() + " ("
                    + response.status() + ") breaks openapi.yaml:\n  - " + String.join("\n  - ", violations)
                    + "\n  body: " + abbreviate(response.body()));
        }
    }

    /**
     * Checks a handler's answer to an API Gateway payload-2.0 event. The operation is the event's route key with its
     * path parameters filled in: what API Gateway dispatched. An event whose route is no route of template.yaml is
     * one API Gateway never delivers (a test of the dispatch itself) and has no operation to hold it to.
     */
    public void assertConformsToEvent(String eventJson, String responseJson) {
        JsonNode event = read(eventJson);
        String routeKey = event.path("routeKey").asText("");
        int space = routeKey.indexOf(' ');
        if (space < 0 || !templateRoutes().contains(routeKey)) {
            return;
        }
        HttpRequest request = new HttpRequest(routeKey.substring(0, space),
                fill(routeKey.substring(space + 1), event.path("pathParameters")),
                strings(event.path("queryStringParameters")), strings(event.path("headers")), eventBody(event));
        JsonNode response = read(responseJson);
        assertConforms(request, new HttpResponse(response.path("statusCode").asInt(),
                strings(response.path("headers")), eventBody(response)));
    }

    /**
     * Checks a response the local stack gave over HTTP. A path that is no route of template.yaml (the stack's own
     * {@code /_local/} endpoints, a path API Gateway would not route) is not the API's and is not checked; a route
     * of template.yaml that the description lacks is a violation.
     */
    public void assertConformsOverHttp(HttpRequest request, HttpResponse response) {
        boolean routed = templateRoutes().stream().anyMatch(key -> key.startsWith(request.method() + " ")
                && HttpEvents.match(key.substring(key.indexOf(' ') + 1), request.path()) != null);
        if (routed) {
            assertConforms(request, response);
        }
    }

    /** The request an API Gateway payload-2.0 event carries, as its client sent it. */
    public static HttpRequest requestOf(String eventJson) {
        JsonNode event = read(eventJson);
        return new HttpRequest(event.path("requestContext").path("http").path("method").asText(),
                event.path("rawPath").asText(), strings(event.path("queryStringParameters")),
                strings(event.path("headers")), eventBody(event));
    }

    // ---- parameters and bodies -----------------------------------------------------------------------------------

    /** The operation's parameters (path item's, overridden by the operation's) by location and name. */
    private Map<String, Map<String, JsonNode>> parameters(Match match) {
        Map<String, Map<String, JsonNode>> byLocation = new LinkedHashMap<>();
        for (String in : List.of("path", "query", "header", "cookie")) {
            byLocation.put(in, new TreeMap<>(in.equals("header") ? String.CASE_INSENSITIVE_ORDER : null));
        }
        for (String owner : List.of(match.pathPointer(), match.pointer())) {
            JsonNode list = (owner.equals(match.pointer()) ? match.operation() : match.pathItem()).path("parameters");
            for (int i = 0; i < list.size(); i++) {
                JsonNode parameter = list.get(i);
                JsonNode p = schemas.follow(parameter);
                String pointer = parameter.has("$ref") ? parameter.get("$ref").asText()
                        : owner + "/parameters/" + i;
                byLocation.get(p.path("in").asText()).put(p.path("name").asText(),
                        JSON.createObjectNode().put("pointer", pointer).set("parameter", p));
            }
        }
        return byLocation;
    }

    // ---- JSON plumbing -------------------------------------------------------------------------------------------

    private static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        return lower;
    }

    /** A route path with the event's path parameters in place, as the client's request path had them. */
    private static String fill(String template, JsonNode parameters) {
        Matcher m = TEMPLATE_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String value = parameters.path(m.group(1)).asText("");
            m.appendReplacement(path, Matcher.quoteReplacement(value.isEmpty() ? "-"
                    : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        m.appendTail(path);
        return path.toString();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        }
        return values;
    }

    private static String eventBody(JsonNode message) {
        JsonNode body = message.get("body");
        if (body == null || body.isNull()) {
            return null;
        }
        return message.path("isBase64Encoded").asBoolean(false)
                ? new String(Base64.getDecoder().decode(body.asText()), StandardCharsets.UTF_8) : body.asText();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> templateRoutes() {
        if (templateRoutes == null) {
            templateRoutes = Set.copyOf(SamTemplate.load().routeTable().keySet());
        }
        return templateRoutes;
    }

    private static String abbreviate(String text) {
        return text == null ? "(none)" : text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }

}
