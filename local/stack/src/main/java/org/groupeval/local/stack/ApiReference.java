package org.groupeval.local.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The API's description and its rendered reference, served beside the API: {@code /openapi.yaml} (the repository's
 * description as written) and {@code /api-docs/} (the static Redoc page {@code npm run build:reference} writes to
 * {@code web/dist/api-docs}; {@code ./local/run} builds it). Only the files of those two places are served.
 */
final class ApiReference {

    static final String SPEC_PATH = "/openapi.yaml";
    static final String DOCS_PATH = "/api-docs/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "yaml", "application/yaml; charset=utf-8");

    private final Path spec;
    private final Path docs;

    ApiReference(Path repoRoot) {
        Path root = repoRoot.toAbsolutePath().normalize();
        this.spec = root.resolve("openapi.yaml");
        this.docs = root.resolve("web").resolve("dist").resolve("api-docs");
    }

    /** Adds the two places to the server; its other contexts keep every other path. */
    void serveOn(HttpServer server) {
        server.createContext(SPEC_PATH, exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals(SPEC_PATH)) {
                    send(exchange, 404, "text/plain; charset=utf-8", "Not found\n".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                file(exchange, spec);
            }
        });
        server.createContext(DOCS_PATH, exchange -> {
            try (exchange) {
                String name = exchange.getRequestURI().getPath().substring(DOCS_PATH.length());
                file(exchange, docs.resolve(name.isEmpty() ? "index.html" : name));
            }
        });
        server.createContext("/api-docs", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Location", DOCS_PATH);
                send(exchange, 301, "text/plain; charset=utf-8", DOCS_PATH.getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /** Whether the rendered reference has been built. */
    boolean built() {
        return Files.isRegularFile(docs.resolve("index.html"));
    }

    private void file(HttpExchange exchange, Path file) throws IOException {
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "text/plain; charset=utf-8", "Method not allowed\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Path normalized = file.normalize();
        boolean inside = normalized.equals(spec) || normalized.getParent() != null && normalized.getParent().equals(docs);
        if (!inside || !Files.isRegularFile(normalized)) {
            String hint = normalized.startsWith(docs) && !built()
                    ? "The API reference is not built: run 'npm ci && npm run build:reference' in web/ (./local/run "
                    + "does it when npm is installed).\n" : "Not found\n";
            send(exchange, 404, "text/plain; charset=utf-8", hint.getBytes(StandardCharsets.UTF_8));
            return;
        }
        String name = normalized.getFileName().toString();
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        byte[] body = Files.readAllBytes(normalized);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        send(exchange, 200, type, exchange.getRequestMethod().equals("HEAD") ? null : body);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        if (body == null || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
