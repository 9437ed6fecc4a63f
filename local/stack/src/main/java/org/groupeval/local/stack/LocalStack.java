package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupeval.local.DynamoDbLocal;
import org.groupeval.local.HttpEvents;
import org.groupeval.local.LocalFunctions;
import org.groupeval.local.LocalHttpServer;
import org.groupeval.local.LocalS3;
import org.groupeval.local.LocalSecrets;
import org.groupeval.local.LocalSchedules;
import org.groupeval.local.LocalTables;
import org.groupeval.local.LocalTokens;
import org.groupeval.local.SamTemplate;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.UUID;

/**
 * The whole system on one machine: DynamoDB Local with the template's tables, every function of template.yaml
 * invoked through its real Lambda entry point, API Gateway's routing and JWT authorizer emulated with locally issued
 * tokens, and the template's schedules fired on demand and, for rate() schedules, on their own timer.
 */
public final class LocalStack implements AutoCloseable {

    /** How the stack was asked to start. */
    public record Options(int port, Path dataDir, boolean demo, boolean verbose, Path log) {

        public Options(int port, Path dataDir) {
            this(port, dataDir, false, false, null);
        }

        public static final String USAGE = """
                usage: local/run [--data DIR] [--port N] [--demo] [--verbose] [--log FILE]
                  --data DIR   keep the data (DynamoDB, S3 objects) in DIR across restarts (default: in memory)
                  --port N     listen on N (default: $PORT or 3000)
                  --demo       seed a demo city (cycle 2026) through the API, rank, publish, print the table;
                               the API answers once the demo is seeded
                  --verbose    print every request's JSON log line here (default: only errors; all in the log file)
                  --log FILE   where the request log goes (default: local/stack/target/requests.log)""";

        /** The options of a command line; {@link IllegalArgumentException} with a message naming what is wrong. */
        public static Options parse(String[] args, String portVariable) {
            int port = portVariable == null || portVariable.isBlank() ? 3000 : port(portVariable, "PORT");
            Path data = null;
            Path log = null;
            boolean demo = false;
            boolean verbose = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--data" -> data = Path.of(requireValue(args, ++i, "--data DIR"));
                    case "--port" -> port = port(requireValue(args, ++i, "--port N"), "--port");
                    case "--log" -> log = Path.of(requireValue(args, ++i, "--log FILE"));
                    case "--demo" -> demo = true;
                    case "--verbose" -> verbose = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
                }
            }
            return new Options(port, data, demo, verbose, log);
        }

        private static int port(String value, String what) {
            try {
                int port = Integer.parseInt(value.trim());
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException(what + " must be a port number (0-65535), not '" + value + "'");
        }

        private static String requireValue(String[] args, int i, String usage) {
            if (i >= args.length) {
                throw new IllegalArgumentException("missing value: " + usage);
            }
            return args[i];
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest request body the stack reads (API Gateway's limit is 10 MB; the handlers refuse less). */
    private static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final LocalHttpServer server;
    private final List<Route> routes = new ArrayList<>();
    private final LocalTokens tokens = new LocalTokens();
    private SamTemplate template;
    private DynamoDbLocal dynamo;
    private LocalFunctions functions;
    /** S3Mock behind the local S3 gateway, when the template declares buckets (docs/evidence.md). */
    private LocalS3 s3;
    /** The template's schedules: on demand, and rate() ones on their own timer as in AWS. */
    private LocalSchedules schedules;
    private String corsOrigin;
    /** Why the API does not answer yet (starting, seeding the demo); null once it does. */
    private volatile String notReady = "The local stack is starting.";
    /** Serves the demo's seeding while {@link #server} still refuses (see {@link #seedDemo}). */
    private LocalHttpServer seeding;
    /** The API's description and rendered reference, served beside it. */
    private final ApiReference reference = new ApiReference(SamTemplate.repoRoot());

    private record Route(String method, String path, String routeKey, SamTemplate.Function function) {
    }

    /**
     * Claims the port first, so that a port in use fails at once and nothing else is started; until everything is
     * up the port answers 503.
     */
    private LocalStack(Options options) throws IOException {
        this.server = LocalHttpServer.start(new InetSocketAddress("localhost", options.port()), "local-stack", 16,
                MAX_BODY_BYTES, request -> notReady == null ? handle(request) : starting(), refusals());
        try {
            this.template = SamTemplate.load();
            this.dynamo = DynamoDbLocal.start(0, options.dataDir());
            LocalTables.createAll(dynamo.client(), template);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("DYNAMODB_ENDPOINT", dynamo.endpoint());
            if (options.dataDir() != null) {
                LocalSecrets.keepIn(options.dataDir().resolve("secrets"));   // page tokens survive a restart
            }
            this.functions = new LocalFunctions(template, env);
            this.s3 = LocalS3.declaresBuckets(template) ? LocalS3.startFor(template, functions,
                    options.dataDir() == null ? null : options.dataDir().resolve("s3")) : null;
            template.routeTable().forEach((routeKey, function) -> {
                int space = routeKey.indexOf(' ');
                routes.add(new Route(routeKey.substring(0, space), routeKey.substring(space + 1), routeKey,
                        function));
            });
            // literal segments win over parameters, as in API Gateway ("/groups/search" before "/groups/{groupId}")
            routes.sort((a, b) -> Long.compare(a.path().chars().filter(c -> c == '{').count(),
                    b.path().chars().filter(c -> c == '{').count()));
            this.schedules = new LocalSchedules(template, functions);
            schedules.startTimers(System.err);
            this.corsOrigin = template.resolveLocally(Map.of("Ref", "CorsAllowedOrigin"));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        notReady = options.demo()
                ? "The local stack is seeding the demo city; it answers once the ranking table is printed." : null;
    }

    /** Starts the stack; with {@code demo}, the API answers only after {@link #seedDemo}. */
    public static LocalStack start(Options options) throws IOException {
        return new LocalStack(options);
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args, System.getenv("PORT"));
        } catch (IllegalArgumentException e) {
            System.err.println("local/run: " + e.getMessage());
            System.exit(2);
            return;
        }
        int status = RunCommand.run(options, System.out, System.err);
        if (status != 0) {
            System.exit(status);   // stops whatever started (shutdown hooks) and leaves no process behind
        }
    }

    public int port() {
        return server.port();
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

    /** The API's description and rendered reference this stack serves. */
    ApiReference reference() {
        return reference;
    }

    /** The local S3 (null when the template declares no bucket). */
    public LocalS3 s3() {
        return s3;
    }

    /**
     * Seeds the demo city (--demo) through the API on a port of its own, while the stack's port still answers 503;
     * the stack's port answers once the city is seeded, ranked and published.
     */
    public void seedDemo(java.io.PrintStream out) throws IOException, InterruptedException {
        seeding = LocalHttpServer.start(new InetSocketAddress("localhost", 0), "demo-seeding", 8, MAX_BODY_BYTES,
                this::handle, refusals());
        try {
            new DemoCity("http://localhost:" + seeding.port(), out).run();
        } finally {
            seeding.close();
            seeding = null;
        }
        notReady = null;
    }

    @Override
    public void close() {
        if (schedules != null) {
            schedules.close();
        }
        server.close();
        if (seeding != null) {
            seeding.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
    }

    // ---- request handling ----------------------------------------------------------------------------------------

    private LocalHttpServer.Response handle(LocalHttpServer.Request request) throws IOException {
        String method = request.method().toUpperCase(Locale.ROOT);
        String path = request.rawPath();
        try {
            if (path.startsWith("/_local/")) {
                return local(method, path, request.rawQuery());
            }
            Optional<LocalHttpServer.Response> described = reference.answer(method, path);
            if (described.isPresent()) {
                return described.get();
            }
            if (method.equals("OPTIONS")) {
                return preflight(request);
            }
            for (Route route : routes) {
                if (!route.method().equals(method)) {
                    continue;
                }
                Map<String, String> params = HttpEvents.match(route.path(), path);
                if (params != null) {
                    return invoke(request, route, params);
                }
            }
            return problem(404, "not-found", "Not found", "No route " + method + " " + path + " in template.yaml.");
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    /** The answer while the stack starts or seeds the demo: come back shortly. */
    private LocalHttpServer.Response starting() throws IOException {
        return problem(503, "unavailable", "Not ready yet", notReady).header("Retry-After", "1");
    }

    /** Answers for requests that never reach {@link #handle}: unreadable HTTP, a malformed URL, a body too large. */
    private LocalHttpServer.Refusals refusals() {
        return new LocalHttpServer.Refusals() {
            @Override
            public LocalHttpServer.Response refuse(int status, String detail) {
                try {
                    return switch (status) {
                        case 413 -> problem(413, "payload-too-large", "The request is too large", detail);
                        case 414 -> problem(414, "uri-too-long", "The request line is too long", detail);
                        case 431 -> problem(431, "headers-too-large", "The request's headers are too large", detail);
                        default -> problem(400, "malformed-request", "The request could not be read", detail);
                    };
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public LocalHttpServer.Response failed(Exception failure) {
                try {
                    return failure(failure);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private static LocalHttpServer.Response failure(Exception e) throws IOException {
        System.err.println("{\"level\":\"ERROR\",\"message\":\"local stack failure\",\"error\":"
                + JSON.writeValueAsString(e.toString()) + "}");
        return problem(500, "internal-error", "Internal error", "The local stack failed to handle the request.");
    }

    private LocalHttpServer.Response invoke(LocalHttpServer.Request request, Route route, Map<String, String> params)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().names().forEach(name -> headers.put(name.toLowerCase(Locale.ROOT), request.header(name)));
        // the HTTP API's JWT authorizer: no valid token, no invocation
        String auth = headers.getOrDefault("authorization", "");
        Optional<Map<String, String>> claims = auth.regionMatches(true, 0, "Bearer ", 0, 7)
                ? tokens.verify(auth.substring(7).trim()) : Optional.empty();
        if (claims.isEmpty()) {
            return cors(request, problem(401, "unauthenticated", "Authentication required",
                    "Send 'Authorization: Bearer <token>'; get a token from /_local/token?role=...")
                    .header("WWW-Authenticate", "Bearer"));
        }
        byte[] body = request.body();
        String eventJson = HttpEvents.json(route.routeKey(), request.rawPath(), params, request.rawQuery(),
                queryParameters(request.rawQuery()), headers, body.length == 0 ? null
                        : new String(body, StandardCharsets.UTF_8), claims.get());
        String responseJson = functions.invoke(route.function(), eventJson);
        JsonNode response = JSON.readTree(responseJson);
        int status = response.path("statusCode").asInt(502);
        JsonNode rawBody = response.get("body");
        byte[] out = rawBody == null || rawBody.isNull() ? new byte[0]
                : response.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(rawBody.asText())
                : rawBody.asText().getBytes(StandardCharsets.UTF_8);
        LocalHttpServer.Response answer = new LocalHttpServer.Response(status, out);
        response.path("headers").fields().forEachRemaining(h -> answer.header(h.getKey(), h.getValue().asText()));
        return cors(request, answer);
    }

    private LocalHttpServer.Response local(String method, String path, String rawQuery) throws IOException {
        if (path.equals("/_local/token") && method.equals("GET")) {
            Map<String, String> query = queryParameters(rawQuery);
            String role = query.getOrDefault("role", "").toUpperCase(Locale.ROOT);
            if (!List.of("SCHOOL", "DISTRICT", "CITY", "EXPERT").contains(role)) {
                return problem(400, "validation-failed", "The request is not valid",
                        "role must be SCHOOL, DISTRICT, CITY or EXPERT");
            }
            if (role.equals("SCHOOL") && !query.containsKey("school")
                    || role.equals("DISTRICT") && !query.containsKey("district")) {
                return problem(400, "validation-failed", "The request is not valid",
                        role.equals("SCHOOL") ? "a SCHOOL token needs school=<code>"
                                : "a DISTRICT token needs district=<6-digit code>");
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
            return json(200, Map.of("token", tokens.issue(claims), "claims", claims));
        }
        if (path.startsWith("/_local/schedules/") && method.equals("POST")) {
            return fireSchedule(URLDecoder.decode(path.substring("/_local/schedules/".length()),
                    StandardCharsets.UTF_8), queryParameters(rawQuery).get("scheduledTime"));
        }
        if (path.equals("/_local/health")) {
            return json(200, Map.of("status", "ok"));
        }
        return problem(404, "not-found", "Not found", "Unknown local endpoint " + path);
    }
    /**
     * Delivers a schedule's event to its function, as EventBridge Scheduler would at {@code scheduledTime} (an
     * ISO-8601 instant with offset; default now). A failed invocation is a 500 naming the error: in AWS, Lambda
     * retries it and then sends the event to the function's dead-letter queue.
     */
    private LocalHttpServer.Response fireSchedule(String name, String scheduledTime) throws IOException {
        Optional<LocalSchedules.Target> target = schedules.find(name);
        if (target.isEmpty()) {
            return problem(404, "not-found", "Not found", "No schedule named '" + name + "' in template.yaml.");
        }
        Instant at;
        try {
            at = scheduledTime == null ? Instant.now() : OffsetDateTime.parse(scheduledTime).toInstant();
        } catch (DateTimeParseException e) {
            return problem(400, "validation-failed", "The request is not valid", "scheduledTime must be an "
                    + "ISO-8601 time with offset, e.g. 2026-11-01T02:00:00+08:00 (got " + scheduledTime + ")");
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("schedule", name);
        out.put("function", target.get().function().logicalId());
        out.put("scheduledTime", at.toString());
        try {
            out.set("result", JSON.readTree(schedules.fire(target.get(), at)));
        } catch (RuntimeException failed) {
            return problem(500, "function-failed", "The scheduled invocation failed", name + " failed: "
                    + failed.getMessage() + " (in AWS, Lambda retries it, then dead-letters the event)");
        }
        return json(200, out);
    }

    private LocalHttpServer.Response preflight(LocalHttpServer.Request request) {
        return cors(request, new LocalHttpServer.Response(204, null)
                .header("Access-Control-Allow-Methods", "GET,POST,PUT,PATCH,DELETE,OPTIONS")
                .header("Access-Control-Allow-Headers", "Authorization,Content-Type,If-Match,Idempotency-Key,Accept")
                .header("Access-Control-Max-Age", "600"));
    }

    private LocalHttpServer.Response cors(LocalHttpServer.Request request, LocalHttpServer.Response response) {
        String origin = request.headers().get("Origin");
        if (origin != null && allowedOrigin(origin, corsOrigin)) {
            response.headers().set("Access-Control-Allow-Origin", origin);
            response.headers().set("Access-Control-Expose-Headers",
                    "ETag,Location,Idempotent-Replayed,Content-Disposition");
            response.headers().add("Vary", "Origin");
        }
        return response;
    }

    /**
     * The origins the local stack lets a browser read answers from: the template's {@code CorsAllowedOrigin}, and
     * a page served from this machine, {@code http://localhost:<port>} or {@code http://127.0.0.1:<port>} (a web
     * client's development server). An origin is compared as parsed, never by prefix:
     * {@code http://localhost.evil.example} is another host.
     */
    static boolean allowedOrigin(String origin, String configured) {
        if (origin.equals(configured)) {
            return true;
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        // exactly scheme, host and port: no user info, path, query or fragment, no other spelling
        return ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost())) && uri.getPort() > 0
                && origin.equals("http://" + uri.getHost() + ":" + uri.getPort());
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

    private static LocalHttpServer.Response problem(int status, String type, String title, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:groupeval:problem:" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return new LocalHttpServer.Response(status, JSON.writeValueAsBytes(problem))
                .header("Content-Type", "application/problem+json; charset=utf-8");
    }

    private static LocalHttpServer.Response json(int status, Object body) throws IOException {
        return new LocalHttpServer.Response(status, JSON.writeValueAsBytes(body))
                .header("Content-Type", "application/json; charset=utf-8");
    }
}
