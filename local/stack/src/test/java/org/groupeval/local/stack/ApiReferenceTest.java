package org.groupeval.local.stack;

import org.groupeval.local.LocalHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The description and the rendered reference, served from a repository laid out as the real one. */
class ApiReferenceTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private LocalHttpServer server;

    private String serve(Path root) throws IOException {
        ApiReference reference = new ApiReference(root);
        server = LocalHttpServer.start(new InetSocketAddress("localhost", 0), "reference-test", 2, 1024,
                request -> reference.answer(request.method(), request.rawPath())
                        .orElseGet(() -> new LocalHttpServer.Response(418, null)),
                new LocalHttpServer.Refusals() {
                    @Override
                    public LocalHttpServer.Response refuse(int status, String detail) {
                        return new LocalHttpServer.Response(status, null);
                    }

                    @Override
                    public LocalHttpServer.Response failed(Exception failure) {
                        return new LocalHttpServer.Response(500, null);
                    }
                });
        return "http://localhost:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheDescriptionAndTheBuiltReferenceAndNothingElse(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("openapi.yaml"), "openapi: 3.1.0\n");
        Files.writeString(root.resolve("secret.txt"), "no");
        Path docs = Files.createDirectories(root.resolve("web/dist/api-docs"));
        Files.writeString(docs.resolve("index.html"), "<!doctype html><title>reference</title>");
        Files.writeString(docs.resolve("reference.js"), "Redoc.init();");
        String base = serve(root);

        HttpResponse<String> spec = get(base + "/openapi.yaml");
        assertEquals(200, spec.statusCode());
        assertEquals("openapi: 3.1.0\n", spec.body());
        assertTrue(spec.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
        HttpResponse<String> page = get(base + "/api-docs/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("reference"));
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals("text/javascript; charset=utf-8",
                get(base + "/api-docs/reference.js").headers().firstValue("Content-Type").orElse(""));
        assertEquals(301, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api-docs"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(404, get(base + "/api-docs/../../../secret.txt").statusCode());
        assertEquals(404, get(base + "/api-docs/%2e%2e/%2e%2e/%2e%2e/secret.txt").statusCode());
        assertEquals(404, get(base + "/openapi.yaml/x").statusCode());
        assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(base + "/openapi.yaml"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        assertEquals(418, get(base + "/groups").statusCode(), "every other path stays the stack's");
    }

    @Test
    void saysHowToBuildTheReferenceWhenItIsNotBuilt(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("openapi.yaml"), "openapi: 3.1.0\n");
        String base = serve(root);

        HttpResponse<String> page = get(base + "/api-docs/");

        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("npm run build:reference"), page.body());
        assertEquals(200, get(base + "/openapi.yaml").statusCode());
    }
}
