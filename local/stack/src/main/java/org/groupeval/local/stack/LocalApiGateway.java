package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.groupeval.local.HttpEvents;
import org.groupeval.local.LocalFunctions;
import org.groupeval.local.LocalHttpServer;
import org.groupeval.local.LocalOrigins;
import org.groupeval.local.SamTemplate;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway's HTTP API as the local stack emulates it: the template's routes (literal segments before parameters),
 * the JWT authorizer (tokens of the local issuer checked against its JWKS, issuer, audience and lifetime, their claims
 * passed as the authorizer passes them), the web client for a GET no route matches, the payload-2.0
 * event to the route's function and its answer back as HTTP, and CORS for the template's {@code CorsAllowedOrigin}
 * and pages served from this machine.
 */
final class LocalApiGateway {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Route(String method, String path, String routeKey, SamTemplate.Function function) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final LocalFunctions functions;
    private final LocalIssuer tokens;
    private final WebClient web;
    private final String corsOrigin;

    LocalApiGateway(SamTemplate template, LocalFunctions functions, LocalIssuer tokens, WebClient web) {
        this.functions = functions;
        this.tokens = tokens;
        this.web = web;
        template.routeTable().forEach((routeKey, function) -> {
            int space = routeKey.indexOf(' ');
            routes.add(new Route(routeKey.substring(0, space), routeKey.substring(space + 1), routeKey, function));
        });
        // literal segments win over parameters, as in API Gateway ("/groups/search" before "/groups/{groupId}")
        routes.sort((a, b) -> Long.compare(a.path().chars().filter(c -> c == '{').count(),
                b.path().chars().filter(c -> c == '{').count()));
        this.corsOrigin = template.resolveLocally(Map.of("Ref", "CorsAllowedOrigin"));
    }

    /** The answer of the route {@code method path} matches, or a 404 problem when none does. */
    LocalHttpServer.Response route(LocalHttpServer.Request request, String method, String path) throws IOException {
        for (Route route : routes) {
            if (!route.method().equals(method)) {
                continue;
            }
            Map<String, String> params = HttpEvents.match(route.path(), path);
            if (params != null) {
                return invoke(request, route, params);
            }
        }
        // not the API's: the web client's file, or its page for a browser's navigation (the SPA fallback)
        Optional<LocalHttpServer.Response> page = web.answer(request, method, path);
        if (page.isPresent()) {
            return page.get();
        }
        return problem(404, "not-found", "Not found", "No route " + method + " " + path + " in template.yaml.");
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
                queryParameters(request.rawQuery()), headers, body, claims.get());
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

    /** The answer to a CORS preflight ({@code OPTIONS}) of any route. */
    LocalHttpServer.Response preflight(LocalHttpServer.Request request) {
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
                    "ETag,Location,Idempotent-Replayed,Content-Disposition,X-Next-Token");
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
        return origin.equals(configured) || LocalOrigins.local(origin);
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

    static LocalHttpServer.Response problem(int status, String type, String title, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:groupeval:problem:" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return new LocalHttpServer.Response(status, JSON.writeValueAsBytes(problem))
                .header("Content-Type", "application/problem+json; charset=utf-8");
    }

    static LocalHttpServer.Response json(int status, Object body) throws IOException {
        return new LocalHttpServer.Response(status, JSON.writeValueAsBytes(body))
                .header("Content-Type", "application/json; charset=utf-8");
    }
}
