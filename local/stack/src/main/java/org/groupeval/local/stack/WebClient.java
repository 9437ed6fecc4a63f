package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.groupeval.local.LocalHttpServer;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The web client as the local stack serves it, on the API's port: {@code /config.json} made from the stack's own URL
 * and issuer, the built client's files ({@code web/dist}), and {@code index.html} for a browser's navigation to any
 * other path no API route matches (the single-page application's fallback: the client routes it). Anything else
 * stays the gateway's problem+json 404.
 */
final class WebClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final Path dist;
    private final byte[] config;

    WebClient(Path repoRoot, String baseUrl, LocalIssuer issuer) {
        this.dist = repoRoot.toAbsolutePath().normalize().resolve("web").resolve("dist");
        Map<String, Object> oidc = new LinkedHashMap<>();
        oidc.put("authority", issuer.issuer());
        oidc.put("clientId", LocalIssuer.CLIENT_ID);
        oidc.put("scope", "openid profile offline_access");
        oidc.put("bearer", "access_token");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiBaseUrl", baseUrl);
        body.put("oidc", oidc);
        try {
            this.config = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client's configuration as served at {@code /config.json}. */
    byte[] config() {
        return config.clone();
    }

    /** Whether the client has been built ({@code web/dist/index.html}). */
    boolean built() {
        return Files.isRegularFile(dist.resolve("index.html"));
    }

    /**
     * The answer to a request no API route matched: {@code /config.json}, a file of {@code web/dist}, or its
     * {@code index.html} when a browser navigates ({@code Accept} names {@code text/html}); empty otherwise.
     */
    Optional<LocalHttpServer.Response> answer(LocalHttpServer.Request request, String method, String rawPath)
            throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Optional.empty();
        }
        if (rawPath.equals("/config.json")) {
            return Optional.of(respond(method, config, TYPES.get("json"), "no-store"));
        }
        String name = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        Path file = dist.resolve(name.substring(1)).normalize();
        if (!name.endsWith("/") && file.startsWith(dist) && !file.equals(dist) && Files.isRegularFile(file)) {
            String file1 = file.getFileName().toString();
            String type = TYPES.getOrDefault(file1.substring(file1.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT),
                    "application/octet-stream");
            // Vite names the assets by their content: they never change under one name
            String cache = rawPath.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
            return Optional.of(respond(method, Files.readAllBytes(file), type, cache));
        }
        String accept = request.header("Accept");
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html")) {
            Path index = dist.resolve("index.html");
            if (Files.isRegularFile(index)) {
                return Optional.of(respond(method, Files.readAllBytes(index), TYPES.get("html"), "no-cache"));
            }
            return Optional.of(new LocalHttpServer.Response(503, ("The web client is not built: ./local/run builds "
                    + "it when npm is installed (or run 'npm ci && npm run build' in web/).\n")
                    .getBytes(StandardCharsets.UTF_8)).header("Content-Type", "text/plain; charset=utf-8"));
        }
        return Optional.empty();
    }

    private static LocalHttpServer.Response respond(String method, byte[] body, String type, String cache) {
        LocalHttpServer.Response response = new LocalHttpServer.Response(200, method.equals("HEAD") ? null : body)
                .header("Content-Type", type)
                .header("Cache-Control", cache)
                .header("X-Content-Type-Options", "nosniff");
        if (method.equals("HEAD")) {
            response.header("Content-Length", String.valueOf(body.length));
        }
        return response;
    }
}
