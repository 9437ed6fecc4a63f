package org.groupeval.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's refusals as S3 gives them, over HTTP: 403 with S3's XML error for presigned URLs it must not honour,
 * and S3's XML (not an HTML page of the HTTP server) for a request it cannot read. Nothing here reaches S3Mock: the
 * gateway refuses before it forwards.
 */
class S3GatewayTest {

    private static final Map<String, String> SECRETS = Map.of("local", "local");
    private static S3Gateway gateway;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        gateway = S3Gateway.start(0, "http://127.0.0.1:9", SECRETS, "us-east-1");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** A presigned GET of {@code /bucket/key} signed at {@code signedAt}, valid 15 minutes, as the SDK makes it. */
    private static String presigned(Instant signedAt, String extraQuery) {
        String host = gateway.endpoint().substring("http://".length());
        String date = SigV4.AMZ_DATE.format(signedAt);
        String scope = date.substring(0, 8) + "/us-east-1/s3/aws4_request";
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + SigV4.encode("local/" + scope)
                + "&X-Amz-Date=" + date + "&X-Amz-Expires=900&X-Amz-SignedHeaders=host";
        String canonical = SigV4.canonicalRequest(new SigV4.Request("GET", "/bucket/key", query,
                name -> name.equals("host") ? host : null), SigV4.parseQuery(query), "host", "UNSIGNED-PAYLOAD");
        String stringToSign = SigV4.ALGORITHM + "\n" + date + "\n" + scope + "\n" + SigV4.hex(SigV4.sha256(canonical));
        String signature = SigV4.signature("local", date.substring(0, 8), "us-east-1", "s3", stringToSign);
        return gateway.endpoint() + "/bucket/key?" + query + "&X-Amz-Signature=" + signature + extraQuery;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertS3Error(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/xml", response.headers().firstValue("content-type").orElse(""));
        assertTrue(response.body().contains("<Error><Code>" + code + "</Code>"), response.body());
    }

    private HttpResponse<String> preflight(String origin, String method, String headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.endpoint() + "/bucket/key"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void letsAPageOfThisMachineUploadAsTheBucketsCorsRuleDoes() throws Exception {
        HttpResponse<String> allowed = preflight("http://localhost:3000", "PUT", "content-type,x-amz-checksum-sha256");
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals("http://localhost:3000", allowed.headers().firstValue("access-control-allow-origin").orElse(""));
        assertTrue(allowed.headers().firstValue("access-control-allow-methods").orElse("").contains("PUT"));
        assertEquals("content-type,x-amz-checksum-sha256",
                allowed.headers().firstValue("access-control-allow-headers").orElse(""));
        assertEquals(200, preflight("http://127.0.0.1:5173", "GET", null).statusCode());

        assertS3Error(preflight("http://localhost.evil.example:3000", "PUT", "content-type"), 403, "AccessForbidden");
        assertS3Error(preflight("https://example.org", "PUT", "content-type"), 403, "AccessForbidden");
        assertS3Error(preflight("http://localhost:3000", "DELETE", null), 403, "AccessForbidden");
        assertS3Error(preflight("http://localhost:3000", "PUT", "content-type,authorization"), 403, "AccessForbidden");

        // the answer itself (here a refusal) is readable by the page, and by no other origin
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(presigned(
                Instant.now().plus(20, ChronoUnit.MINUTES), ""))).header("Origin", "http://localhost:3000").build(),
                HttpResponse.BodyHandlers.ofString());
        assertS3Error(refused, 403, "AccessDenied");
        assertEquals("http://localhost:3000", refused.headers().firstValue("access-control-allow-origin").orElse(""));
        assertEquals("ETag", refused.headers().firstValue("access-control-expose-headers").orElse(""));
        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create(presigned(
                Instant.now().plus(20, ChronoUnit.MINUTES), ""))).header("Origin", "https://example.org").build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(foreign.headers().firstValue("access-control-allow-origin").isEmpty());
    }

    @Test
    void refusesAUrlSignedInTheFuture() throws Exception {
        assertS3Error(get(presigned(Instant.now().plus(20, ChronoUnit.MINUTES), "")), 403, "AccessDenied");
    }

    @Test
    void refusesASecondSignature() throws Exception {
        HttpResponse<String> response = get(presigned(Instant.now(), "&X-Amz-Signature=" + "0".repeat(64)));
        assertS3Error(response, 403, "AccessDenied");
        assertTrue(response.body().contains("X-Amz-Signature is given more than once"), response.body());
    }

    @Test
    void answersAnUnreadableRequestWithS3Xml() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(gateway.endpoint()
                .substring(gateway.endpoint().lastIndexOf(':') + 1)))) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /bucket/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(received);
            String answer = received.toString(StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("<Error><Code>InvalidRequest</Code>"), answer);
        }
    }
}
