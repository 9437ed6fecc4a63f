package org.groupeval.local.stack;

import org.groupeval.local.LocalHttpServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

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

    /**
     * The answer to a request for one of the two places ({@code rawPath} as sent, percent-encoded), or empty when the
     * path is not one of them: every other path stays the stack's.
     */
    Optional<LocalHttpServer.Response> answer(String method, String rawPath) throws IOException {
        if (rawPath.equals(SPEC_PATH)) {
            return Optional.of(file(method, spec));
        }
        if (rawPath.startsWith(SPEC_PATH + "/")) {
            return Optional.of(text(404, "Not found\n"));
        }
        if (rawPath.equals("/api-docs")) {
            return Optional.of(text(301, DOCS_PATH).header("Location", DOCS_PATH));
        }
        if (rawPath.startsWith(DOCS_PATH)) {
            String name = rawPath.substring(DOCS_PATH.length());
            return Optional.of(file(method, docs.resolve(name.isEmpty() ? "index.html" : name)));
        }
        return Optional.empty();
    }

    /** Whether the rendered reference has been built. */
    boolean built() {
        return Files.isRegularFile(docs.resolve("index.html"));
    }

    private LocalHttpServer.Response file(String method, Path file) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return text(405, "Method not allowed\n").header("Allow", "GET, HEAD");
        }
        Path normalized = file.normalize();
        boolean inside = normalized.equals(spec) || normalized.getParent() != null && normalized.getParent().equals(docs);
        if (!inside || !Files.isRegularFile(normalized)) {
            return text(404, normalized.startsWith(docs) && !built()
                    ? "The API reference is not built: run 'npm ci && npm run build:reference' in web/ (./local/run "
                    + "does it when npm is installed).\n" : "Not found\n");
        }
        String name = normalized.getFileName().toString();
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        byte[] body = Files.readAllBytes(normalized);
        LocalHttpServer.Response response = new LocalHttpServer.Response(200, method.equals("HEAD") ? null : body)
                .header("Content-Type", type)
                .header("Cache-Control", "no-cache");
        if (method.equals("HEAD")) {
            response.header("Content-Length", String.valueOf(body.length));
        }
        return response;
    }

    private static LocalHttpServer.Response text(int status, String text) {
        return new LocalHttpServer.Response(status, text.getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "text/plain; charset=utf-8");
    }
}
