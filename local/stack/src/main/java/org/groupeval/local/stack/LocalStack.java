package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.groupeval.local.DynamoDbLocal;
import org.groupeval.local.LocalFunctions;
import org.groupeval.local.LocalHttpServer;
import org.groupeval.local.LocalS3;
import org.groupeval.local.LocalSecrets;
import org.groupeval.local.LocalSchedules;
import org.groupeval.local.LocalTables;
import org.groupeval.local.SamTemplate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;

import static org.groupeval.local.stack.LocalApiGateway.problem;

/**
 * The whole system on one machine: DynamoDB Local with the template's tables, every function of template.yaml
 * invoked through its real Lambda entry point, API Gateway's routing and JWT authorizer emulated against a local OIDC
 * issuer ({@link LocalIssuer}, under {@code /oidc/}), the web client served from {@code web/dist} ({@link WebClient}), and the template's schedules fired on demand and, for rate() schedules, on their own timer. This class
 * starts and stops it all and hands each request on: to {@link LocalApiGateway} (the routes) or {@link LocalEndpoints}
 * (the stack's own {@code /_local/} endpoints).
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
    /** The local OIDC issuer: its sign-in page, and the tokens the gateway accepts. */
    private final LocalIssuer issuer;
    /** The web client (web/dist) and its /config.json. */
    private final WebClient web;
    private SamTemplate template;
    private DynamoDbLocal dynamo;
    private LocalFunctions functions;
    /** S3Mock behind the local S3 gateway, when the template declares buckets (docs/evidence.md). */
    private LocalS3 s3;
    /** The template's schedules: on demand, and rate() ones on their own timer as in AWS. */
    private LocalSchedules schedules;
    private LocalApiGateway gateway;
    private LocalEndpoints endpoints;
    /** Why the API does not answer yet (starting, seeding the demo); null once it does. */
    private volatile String notReady = "The local stack is starting.";
    /** Serves the demo's seeding while {@link #server} still refuses (see {@link #seedDemo}). */
    private LocalHttpServer seeding;
    /** The API's description and rendered reference, served beside it. */
    private final ApiReference reference = new ApiReference(SamTemplate.repoRoot());

    /**
     * Claims the port first, so that a port in use fails at once and nothing else is started; until everything is
     * up the port answers 503.
     */
    private LocalStack(Options options) throws IOException {
        this.server = LocalHttpServer.start(new InetSocketAddress("localhost", options.port()), "local-stack", 16,
                MAX_BODY_BYTES, request -> notReady == null ? handle(request) : starting(), refusals());
        this.issuer = new LocalIssuer(baseUrl());
        this.web = new WebClient(SamTemplate.repoRoot(), baseUrl(), issuer);
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
            this.gateway = new LocalApiGateway(template, functions, issuer, web);
            this.schedules = new LocalSchedules(template, functions);
            schedules.startTimers(System.err);
            this.endpoints = new LocalEndpoints(issuer, schedules);
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

    /** The local OIDC issuer ({@code /oidc/default}), whose tokens the gateway accepts. */
    public LocalIssuer issuer() {
        return issuer;
    }

    public DynamoDbLocal dynamo() {
        return dynamo;
    }

    /** Whether the web client it serves has been built (web/dist/index.html). */
    boolean webBuilt() {
        return web.built();
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
            if (LocalIssuer.owns(path)) {
                return issuer.answer(request, baseUrl());
            }
            if (path.startsWith("/_local/")) {
                return endpoints.answer(method, path, request.rawQuery());
            }
            Optional<LocalHttpServer.Response> described = reference.answer(method, path);
            if (described.isPresent()) {
                return described.get();
            }
            if (method.equals("OPTIONS")) {
                return gateway.preflight(request);
            }
            return gateway.route(request, method, path);
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
}
