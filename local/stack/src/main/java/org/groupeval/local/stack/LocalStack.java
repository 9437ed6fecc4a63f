package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.groupeval.local.DynamoDbLocal;
import org.groupeval.local.HttpEvents;
import org.groupeval.local.LocalFunctions;
import org.groupeval.local.LocalHttpServers;
import org.groupeval.local.LocalS3;
import org.groupeval.local.LocalTables;
import org.groupeval.local.LocalTokens;
import org.groupeval.local.SamTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The whole system on one machine: DynamoDB Local with the template's tables, every function of template.yaml
 * invoked through its real Lambda entry point, API Gateway's routing and JWT authorizer emulated with locally issued
 * tokens, and the template's schedules fired on demand.
 */
public final class LocalStack implements AutoCloseable {

    /** How the stack was asked to start. */
    public record Options(int port, Path dataDir, boolean demo) {

        public Options(int port, Path dataDir) {
            this(port, dataDir, false);
        }

        public static Options parse(String[] args) {
            int port = Integer.parseInt(Optional.ofNullable(System.getenv("PORT")).filter(s -> !s.isBlank())
                    .orElse("3000"));
            Path data = null;
            boolean demo = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--data" -> data = Path.of(requireValue(args, ++i, "--data DIR"));
                    case "--port" -> port = Integer.parseInt(requireValue(args, ++i, "--port N"));
                    case "--demo" -> demo = true;
                    case "--help", "-h" -> {
                        System.out.println("usage: local/run [--data DIR] [--port N] [--demo]\n"
                                + "  --data DIR  keep DynamoDB data in DIR across restarts (default: in memory)\n"
                                + "  --port N    listen on N (default: $PORT or 3000)\n"
                                + "  --demo      seed a demo city (cycle 2026) through the API, rank, publish, print the table");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
                }
            }
            return new Options(port, data, demo);
        }

        private static String requireValue(String[] args, int i, String usage) {
            if (i >= args.length) {
                throw new IllegalArgumentException("missing value: " + usage);
            }
            return args[i];
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SamTemplate template;
    private final DynamoDbLocal dynamo;
    private final LocalFunctions functions;
    /** S3Mock behind the local S3 gateway, when the template declares buckets (docs/evidence.md). */
    private final LocalS3 s3;
    private final LocalTokens tokens = new LocalTokens();
    private final HttpServer server;
    private final List<Route> routes = new ArrayList<>();
    private final String corsOrigin;
    /** The API's description and rendered reference, served beside it. */
    private final ApiReference reference = new ApiReference(SamTemplate.repoRoot());

    private record Route(String method, String path, String routeKey, SamTemplate.Function function) {
    }

    private LocalStack(Options options) throws IOException {
        this.template = SamTemplate.load();
        this.dynamo = DynamoDbLocal.start(0, options.dataDir());
        LocalTables.createAll(dynamo.client(), template);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DYNAMODB_ENDPOINT", dynamo.endpoint());
        this.functions = new LocalFunctions(template, env);
        this.s3 = LocalS3.declaresBuckets(template) ? LocalS3.startFor(template, functions,
                options.dataDir() == null ? null : options.dataDir().resolve("s3")) : null;
        template.routeTable().forEach((routeKey, function) -> {
            int space = routeKey.indexOf(' ');
            routes.add(new Route(routeKey.substring(0, space), routeKey.substring(space + 1), routeKey, function));
        });
        // literal segments win over parameters, as in API Gateway ("/groups/search" before "/groups/{groupId}")
        routes.sort((a, b) -> Long.compare(a.path().chars().filter(c -> c == '{').count(),
                b.path().chars().filter(c -> c == '{').count()));
        this.corsOrigin = template.resolveLocally(Map.of("Ref", "CorsAllowedOrigin"));
        this.server = LocalHttpServers.create(new InetSocketAddress("localhost", options.port()), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::handle);
        reference.serveOn(server);
        server.start();
    }

    public static LocalStack start(Options options) throws IOException {
        return new LocalStack(options);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        System.out.println("{\"message\":\"local stack ready\",\"url\":\"http://localhost:" + stack.port()
                + "\",\"dynamodb\":\"" + stack.dynamo.endpoint() + "\",\"data\":\""
                + (options.dataDir() == null ? "in-memory" : options.dataDir().toAbsolutePath()) + "\",\"s3\":\""
                + (stack.s3 == null ? "none" : stack.s3.endpoint()) + "\",\"routes\":"
                + stack.routes.size() + "}");
        System.out.println("Get a token:  curl -s 'http://localhost:" + stack.port() + "/_local/token?role=CITY'");
        System.out.println("API description: " + stack.baseUrl() + ApiReference.SPEC_PATH);
        System.out.println("API reference:   " + stack.baseUrl() + ApiReference.DOCS_PATH
                + (stack.reference.built() ? "" : "  (not built: npm ci && npm run build:reference in web/)"));
        if (options.demo()) {
            try {
                new DemoCity(stack.baseUrl(), System.out).run();
            } catch (RuntimeException | IOException e) {
                System.err.println("demo failed: " + e.getMessage());
                stack.close();
                System.exit(1);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public SamTemplate template() {
        return template;
    }

    public LocalFunctions functions() {
        return functions;
    }

    public LocalTokens tokens() {
        return tokens;
    }

    public DynamoDbLocal dynamo() {
        return dynamo;
    }

    /** The local S3 (null when the template declares no bucket). */
    public LocalS3 s3() {
        return s3;
    }

    @Override
    public void close() {
        server.stop(0);
        if (s3 != null) {
            s3.close();
        }
        dynamo.close();
    }

    // ---- request handling ----------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = uri.getRawPath();
            if (path.startsWith("/_local/")) {
                local(exchange, method, path, uri.getRawQuery());
                return;
            }
            if (method.equals("OPTIONS")) {
                preflight(exchange);
                return;
            }
            for (Route route : routes) {
                if (!route.method().equals(method)) {
                    continue;
                }
                Map<String, String> params = HttpEvents.match(route.path(), path);
                if (params != null) {
                    invoke(exchange, route, params, uri.getRawQuery());
                    return;
                }
            }
            problem(exchange, 404, "not-found", "Not found", "No route " + method + " " + path
                    + " in template.yaml.");
        } catch (RuntimeException e) {
            System.err.println("{\"level\":\"ERROR\",\"message\":\"local stack failure\",\"error\":\""
                    + e.toString().replace("\"", "'") + "\"}");
            problem(exchange, 500, "internal-error", "Internal error", "The local stack failed to handle the request.");
        }
    }

    private void invoke(HttpExchange exchange, Route route, Map<String, String> params, String rawQuery)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        // the HTTP API's JWT authorizer: no valid token, no invocation
        String auth = headers.getOrDefault("authorization", "");
        Optional<Map<String, String>> claims = auth.regionMatches(true, 0, "Bearer ", 0, 7)
                ? tokens.verify(auth.substring(7).trim()) : Optional.empty();
        if (claims.isEmpty()) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            problem(exchange, 401, "unauthenticated", "Authentication required",
                    "Send 'Authorization: Bearer <token>'; get a token from /_local/token?role=...");
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        String eventJson = HttpEvents.json(route.routeKey(), exchange.getRequestURI().getRawPath(), params,
                rawQuery, queryParameters(rawQuery), headers, body.length == 0 ? null
                        : new String(body, StandardCharsets.UTF_8), claims.get());
        String responseJson = functions.invoke(route.function(), eventJson);
        JsonNode response = JSON.readTree(responseJson);
        int status = response.path("statusCode").asInt(502);
        response.path("headers").fields().forEachRemaining(h ->
                exchange.getResponseHeaders().add(h.getKey(), h.getValue().asText()));
        cors(exchange);
        JsonNode rawBody = response.get("body");
        byte[] out = rawBody == null || rawBody.isNull() ? new byte[0]
                : response.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(rawBody.asText())
                : rawBody.asText().getBytes(StandardCharsets.UTF_8);
        send(exchange, status, out);
    }

    private void local(HttpExchange exchange, String method, String path, String rawQuery) throws IOException {
        if (path.equals("/_local/token") && method.equals("GET")) {
            Map<String, String> query = queryParameters(rawQuery);
            String role = query.getOrDefault("role", "").toUpperCase(Locale.ROOT);
            if (!List.of("SCHOOL", "DISTRICT", "CITY", "EXPERT").contains(role)) {
                problem(exchange, 400, "validation-failed", "The request is not valid",
                        "role must be SCHOOL, DISTRICT, CITY or EXPERT");
                return;
            }
            if (role.equals("SCHOOL") && !query.containsKey("school")
                    || role.equals("DISTRICT") && !query.containsKey("district")) {
                problem(exchange, 400, "validation-failed", "The request is not valid",
                        role.equals("SCHOOL") ? "a SCHOOL token needs school=<code>"
                                : "a DISTRICT token needs district=<6-digit code>");
                return;
            }
            Map<String, String> claims = new LinkedHashMap<>();
            String scope = query.getOrDefault("school", query.getOrDefault("district", ""));
            claims.put("sub", query.getOrDefault("sub",
                    "local-" + role.toLowerCase(Locale.ROOT) + (scope.isEmpty() ? "" : "-" + scope)));
            claims.put("role", role);
            for (String claim : List.of("school", "district")) {
                if (query.containsKey(claim)) {
                    claims.put(claim, query.get(claim));
                }
            }
            json(exchange, 200, Map.of("token", tokens.issue(claims), "claims", claims));
            return;
        }
        if (path.startsWith("/_local/schedules/") && method.equals("POST")) {
            String name = URLDecoder.decode(path.substring("/_local/schedules/".length()), StandardCharsets.UTF_8);
            for (SamTemplate.Function function : template.functions()) {
                for (SamTemplate.Schedule schedule : function.schedules()) {
                    if (schedule.eventName().equals(name)) {
                        String result = functions.invoke(function, scheduledEvent(function, schedule));
                        ObjectNode out = JSON.createObjectNode();
                        out.put("schedule", name);
                        out.put("function", function.logicalId());
                        out.set("result", JSON.readTree(result));
                        json(exchange, 200, out);
                        return;
                    }
                }
            }
            problem(exchange, 404, "not-found", "Not found", "No schedule named '" + name + "' in template.yaml.");
            return;
        }
        if (path.equals("/_local/health")) {
            json(exchange, 200, Map.of("status", "ok"));
            return;
        }
        problem(exchange, 404, "not-found", "Not found", "Unknown local endpoint " + path);
    }

    /**
     * The payload a schedule delivers: EventBridge Scheduler passes the target's {@code Input} as it is; without
     * one, the classic EventBridge "Scheduled Event" envelope.
     */
    static String scheduledEvent(SamTemplate.Function function, SamTemplate.Schedule schedule) throws IOException {
        if (schedule.input() != null && !schedule.input().isBlank()) {
            return schedule.input();
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.scheduler");
        event.put("account", "000000000000");
        event.put("time", Instant.now().toString());
        event.put("region", "local");
        event.putArray("resources").add("arn:aws:scheduler:local:000000000000:schedule/default/"
                + function.logicalId() + schedule.eventName());
        event.putObject("detail");
        return JSON.writeValueAsString(event);
    }

    private void preflight(HttpExchange exchange) throws IOException {
        cors(exchange);
        exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET,POST,PUT,PATCH,DELETE,OPTIONS");
        exchange.getResponseHeaders().add("Access-Control-Allow-Headers",
                "Authorization,Content-Type,If-Match,Idempotency-Key,Accept");
        exchange.getResponseHeaders().add("Access-Control-Max-Age", "600");
        send(exchange, 204, new byte[0]);
    }

    private void cors(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && (origin.equals(corsOrigin) || origin.startsWith("http://localhost"))) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
            exchange.getResponseHeaders().set("Access-Control-Expose-Headers",
                    "ETag,Location,Idempotent-Replayed,Content-Disposition");
        }
    }

    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return query;
    }

    private static void problem(HttpExchange exchange, int status, String type, String title, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:groupeval:problem:" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json; charset=utf-8");
        send(exchange, status, JSON.writeValueAsBytes(problem));
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        send(exchange, status, JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (status == 204 || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
