package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.groupeval.local.LocalHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web client as the stack serves it: config.json, files of web/dist, index.html for a browser's navigation. */
class WebClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private WebClient web() throws Exception {
        Path dist = Files.createDirectories(root.resolve("web/dist/assets"));
        Files.writeString(dist.resolve("../index.html"), "<!doctype html><title>app</title>");
        Files.writeString(dist.resolve("app-1.js"), "console.log(1)");
        Files.writeString(root.resolve("secret.txt"), "outside");
        return new WebClient(root, "http://localhost:3121", new LocalIssuer("http://localhost:3121"));
    }

    private static Optional<LocalHttpServer.Response> get(WebClient web, String path, String accept) throws Exception {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        if (accept != null) {
            headers.set("Accept", accept);
        }
        return web.answer(new LocalHttpServer.Request("GET", path, null, headers, new byte[0]), "GET", path);
    }

    private static String body(LocalHttpServer.Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void servesItsConfigurationFromTheStacksUrlAndIssuer() throws Exception {
        LocalHttpServer.Response r = get(web(), "/config.json", "application/json").orElseThrow();
        JsonNode config = JSON.readTree(r.body());
        assertEquals("http://localhost:3121", config.get("apiBaseUrl").asText());
        assertEquals("http://localhost:3121/oidc/default", config.at("/oidc/authority").asText());
        assertEquals("groupeval-web", config.at("/oidc/clientId").asText());
        assertEquals("access_token", config.at("/oidc/bearer").asText());
    }

    @Test
    void servesFilesAndFallsBackToIndexOnlyForNavigation() throws Exception {
        WebClient web = web();
        LocalHttpServer.Response asset = get(web, "/assets/app-1.js", "*/*").orElseThrow();
        assertEquals("console.log(1)", body(asset));
        assertTrue(asset.headers().get("Content-Type").startsWith("text/javascript"));
        assertTrue(asset.headers().get("Cache-Control").contains("immutable"));
        assertTrue(body(get(web, "/school/group/g-1", "text/html,application/xhtml+xml").orElseThrow())
                .contains("<title>app</title>"));
        assertTrue(body(get(web, "/", "text/html").orElseThrow()).contains("<title>app</title>"));
        // not a navigation: the gateway's problem+json 404 follows
        assertTrue(get(web, "/school/group/g-1", "application/json").isEmpty());
        assertTrue(get(web, "/assets/missing.js", "*/*").isEmpty());
        // nothing outside web/dist
        assertTrue(get(web, "/../../secret.txt", "*/*").isEmpty());
        assertTrue(get(web, "/%2e%2e/%2e%2e/secret.txt", "*/*").isEmpty());
        DefaultHttpHeaders html = new DefaultHttpHeaders();
        html.add("Accept", "text/html");
        assertTrue(web.answer(new LocalHttpServer.Request("POST", "/school", null, html, new byte[0]), "POST",
                "/school").isEmpty());
    }
}
