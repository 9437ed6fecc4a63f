package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.groupeval.local.ApiContract;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The local stack on a free port and an HTTP client for it, as the end-to-end tests drive it. A test class registers
 * it as a JUnit extension ({@code @RegisterExtension static final StackClient client = new StackClient();}): the stack
 * starts before the class's tests and stops after them. Every API response a test receives through it is checked
 * against openapi.yaml ({@link #checked}): a status, header or body member the operation does not declare fails the
 * test.
 */
final class StackClient implements BeforeAllCallback, AfterAllCallback {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, null));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stack.close();
    }

    LocalStack stack() {
        return stack;
    }

    HttpClient http() {
        return http;
    }

    URI uri(String path) {
        return URI.create(stack.baseUrl() + path);
    }

    /** A token the stack issues ({@code role=SCHOOL&school=S001}, …). */
    String token(String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/_local/token?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("token").asText();
    }

    /**
     * Raw bytes to a stack's port, byte for byte as a client could send them (malformed ones included); the answer
     * as received, up to the server's close.
     */
    static String raw(int port, byte[] request) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            socket.getInputStream().transferTo(received);
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * One request; {@code token} and {@code body} may be null; {@code headers} are name, value, name, value, …: a
     * body is sent as {@code application/json} unless {@code headers} name another Content-Type (or none: null).
     */
    HttpResponse<String> send(String method, String path, String token, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        Map<String, String> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (body != null) {
            named.put("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            named.put(headers[i], headers[i + 1]);
        }
        named.forEach((name, value) -> {
            if (value != null) {
                b.header(name, value);
            }
        });
        return checked(http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    /** A binary body (a spreadsheet) sent as {@code contentType}; the answer's body as bytes. */
    HttpResponse<byte[]> sendBytes(String method, String path, String token, byte[] body, String contentType,
                                   String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        b.header("Authorization", "Bearer " + token);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        URI uri = response.request().uri();
        String type = response.headers().firstValue("Content-Type").orElse("");
        ApiContract.repository().assertConformsOverHttp(
                new ApiContract.HttpRequest(method, uri.getRawPath(), LocalApiGateway.queryParameters(
                        uri.getRawQuery()), single(response.request().headers().map()), null),
                new ApiContract.HttpResponse(response.statusCode(), single(response.headers().map()),
                        type.contains("json") ? new String(response.body(), StandardCharsets.UTF_8)
                                : java.util.Base64.getEncoder().encodeToString(response.body())));
        return response;
    }

    /**
     * The response, after checking it against what openapi.yaml declares for its request's operation (paths that are
     * not routes of template.yaml, such as {@code /_local/}, are the stack's own and not checked).
     */
    HttpResponse<String> checked(HttpResponse<String> response) {
        URI uri = response.request().uri();
        Map<String, String> query = LocalApiGateway.queryParameters(uri.getRawQuery());
        ApiContract.repository().assertConformsOverHttp(
                new ApiContract.HttpRequest(response.request().method(), uri.getRawPath(), query,
                        single(response.request().headers().map()), null),
                new ApiContract.HttpResponse(response.statusCode(), single(response.headers().map()),
                        response.body()));
        return response;
    }

    private static Map<String, String> single(Map<String, java.util.List<String>> headers) {
        Map<String, String> single = new LinkedHashMap<>();
        headers.forEach((name, values) -> single.put(name, String.join(",", values)));
        return single;
    }
}
