package org.groupeval.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The local face of S3: what S3Mock does not do, done in front of it. It checks SigV4 signatures and presigned-URL
 * expiry (403 {@code SignatureDoesNotMatch} / {@code AccessDenied "Request has expired"}, S3's XML), checks a sent
 * {@code x-amz-checksum-sha256} against the body (400 {@code BadDigest}), forwards everything else to S3Mock, and after
 * each stored object emits the bucket notification S3 would: an {@code ObjectCreated:Put} event in S3's JSON shape,
 * delivered asynchronously and in order to the listener (the local Lambda service).
 */
public final class S3Gateway implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The template's CORS rule of the evidence bucket (methods, request headers). */
    private static final List<String> CORS_METHODS = List.of("PUT", "GET");
    private static final Set<String> CORS_HEADERS = Set.of("content-type", "x-amz-checksum-sha256");
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");
    private static final Set<String> NOT_RETURNED = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "date");

    /** The largest body the gateway reads (S3Mock's own limit is set above it, LocalS3). */
    static final int MAX_BODY_BYTES = 1 << 30;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String upstream;
    private final Map<String, String> secrets;
    private final String region;
    private final ExecutorService notifications = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "s3-notifications");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() * 1000);
    private volatile BiConsumer<String, String> listener = (bucket, event) -> { };
    private volatile Clock clock = Clock.systemUTC();
    private LocalHttpServer server;

    private S3Gateway(String upstream, Map<String, String> secrets, String region) {
        this.upstream = upstream;
        this.secrets = Map.copyOf(secrets);
        this.region = region;
    }

    /** Serves on {@code 127.0.0.1:port} ({@code 0}: any free port) in front of the S3 emulator at {@code upstream}. */
    public static S3Gateway start(int port, String upstream, Map<String, String> secrets, String region) {
        S3Gateway gateway = new S3Gateway(upstream, secrets, region);
        try {
            gateway.server = LocalHttpServer.start(new InetSocketAddress("127.0.0.1", port), "s3-gateway", 8,
                    MAX_BODY_BYTES, gateway::handle, new LocalHttpServer.Refusals() {
                        @Override
                        public LocalHttpServer.Response refuse(int status, String detail) {
                            return error(new SigV4.Refusal(status, switch (status) {
                                case 413 -> "EntityTooLarge";
                                case 414 -> "InvalidURI";
                                case 431 -> "RequestHeaderSectionTooLarge";
                                default -> "InvalidRequest";
                            }, detail, Map.of()), "", "GET");
                        }

                        @Override
                        public LocalHttpServer.Response failed(Exception failure) {
                            System.err.println("{\"level\":\"ERROR\",\"message\":\"local S3 gateway failed\","
                                    + "\"error\":" + quoted(String.valueOf(failure)) + "}");
                            return error(new SigV4.Refusal(500, "InternalError",
                                    "We encountered an internal error. Please try again.", Map.of()), "", "GET");
                        }
                    });
            return gateway;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local S3 gateway: " + e.getMessage(), e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Receives (bucket, S3 event JSON) for every object stored through the gateway. */
    public void onObjectCreated(BiConsumer<String, String> listener) {
        this.listener = listener;
    }

    /** Tests move time to see presigned URLs expire. */
    public void clock(Clock clock) {
        this.clock = clock;
    }

    /**
     * A request, with the CORS rule of the template's evidence bucket for a page of this machine
     * ({@link LocalOrigins}): {@code PUT} and {@code GET} with the headers {@code Content-Type} and
     * {@code x-amz-checksum-sha256}, {@code ETag} exposed — so that the browser uploads to and reads from presigned
     * URLs here as it does from the bucket. A preflight ({@code OPTIONS}) outside the rule is refused (403).
     */
    private LocalHttpServer.Response handle(LocalHttpServer.Request request) throws IOException, InterruptedException {
        String origin = request.headers().get("Origin");
        boolean allowed = origin != null && LocalOrigins.local(origin);
        if (request.method().equalsIgnoreCase("OPTIONS") && origin != null) {
            return preflight(request, allowed, origin);
        }
        LocalHttpServer.Response response = answer(request);
        if (allowed) {
            response.headers().set("Access-Control-Allow-Origin", origin);
            response.headers().set("Access-Control-Expose-Headers", "ETag");
            response.headers().add("Vary", "Origin");
        }
        return response;
    }

    private static LocalHttpServer.Response preflight(LocalHttpServer.Request request, boolean allowed,
                                                      String origin) {
        String method = request.headers().get("Access-Control-Request-Method");
        String asked = request.headers().get("Access-Control-Request-Headers");
        boolean headersAllowed = asked == null || asked.isBlank() || Arrays.stream(asked.split(","))
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).allMatch(CORS_HEADERS::contains);
        if (!allowed || method == null || !CORS_METHODS.contains(method) || !headersAllowed) {
            return error(new SigV4.Refusal(403, "AccessForbidden", "CORSResponse: This CORS request is not allowed. "
                    + "This is usually because the evaluation of Origin, request method / "
                    + "Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the "
                    + "resource's CORS spec.", Map.of()), request.rawPath(), "OPTIONS");
        }
        LocalHttpServer.Response response = new LocalHttpServer.Response(200, null)
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Methods", String.join(", ", CORS_METHODS))
                .header("Access-Control-Expose-Headers", "ETag")
                .header("Access-Control-Max-Age", "600")
                .header("Vary", "Origin");
        if (asked != null && !asked.isBlank()) {
            response.header("Access-Control-Allow-Headers", asked);
        }
        return response;
    }

    private LocalHttpServer.Response answer(LocalHttpServer.Request request) throws IOException, InterruptedException {
        String method = request.method().toUpperCase(Locale.ROOT);
        HttpHeaders headers = request.headers();
        byte[] body = request.body();
        SigV4.Refusal refusal = SigV4.check(new SigV4.Request(method, request.rawPath(), request.rawQuery(),
                request::header), secrets, clock.instant());
        if (refusal == null && isAwsChunked(headers)) {
            body = decodeAwsChunked(body);
            headers = plainHeaders(headers, body.length);
        }
        if (refusal == null && method.equals("PUT")) {
            refusal = checkDigest(headers, body);
        }
        if (refusal != null) {
            return error(refusal, request.rawPath(), method);
        }
        HttpResponse<InputStream> response = forward(method, request.rawPath(), request.rawQuery(), headers, body);
        byte[] responseBody;
        try (InputStream in = response.body()) {
            responseBody = in.readAllBytes();
        }
        boolean noBody = method.equals("HEAD") || response.statusCode() == 204 || response.statusCode() == 304;
        LocalHttpServer.Response out = new LocalHttpServer.Response(response.statusCode(),
                noBody ? new byte[0] : responseBody);
        response.headers().map().forEach((name, values) -> {
            if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(v -> out.header(name, v));
            }
        });
        if (method.equals("PUT") && response.statusCode() / 100 == 2) {
            // queued before the client hears back, delivered after: asynchronous as on S3, yet a caller that
            // waits for the notifications queued so far (drainNotifications) never misses its own upload's
            notifyIfObjectStored(request.rawPath(), request.rawQuery(), headers, body.length, response);
        }
        if (noBody) {
            response.headers().firstValue("content-length").ifPresent(l -> out.headers().set("Content-Length", l));
        }
        return out;
    }

    private HttpResponse<InputStream> forward(String method, String rawPath, String rawQuery, HttpHeaders headers,
                                              byte[] body) throws IOException, InterruptedException {
        String target = upstream + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofMinutes(5))
                .method(method, body.length == 0 && !method.equals("PUT") && !method.equals("POST")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(header -> {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                request.header(header.getKey(), header.getValue());
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The SDKs send PUT bodies over plain HTTP in aws-chunked encoding (signed or unsigned chunks, trailers). */
    private static boolean isAwsChunked(HttpHeaders headers) {
        String payload = headers.get("x-amz-content-sha256");
        String encoding = headers.get("content-encoding");
        return (payload != null && payload.startsWith("STREAMING-"))
                || (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked"));
    }

    /** {@code <hex size>[;chunk-signature=...]CRLF <bytes> CRLF ... 0[;...]CRLF [trailers CRLF] CRLF}. */
    static byte[] decodeAwsChunked(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length);
        int pos = 0;
        while (pos < body.length) {
            int lineEnd = indexOfCrlf(body, pos);
            if (lineEnd < 0) {
                throw new IllegalArgumentException("aws-chunked body without a chunk header at " + pos);
            }
            String header = new String(body, pos, lineEnd - pos, StandardCharsets.US_ASCII);
            int semicolon = header.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? header : header.substring(0, semicolon)).trim(), 16);
            pos = lineEnd + 2;
            if (size == 0) {
                break; // trailers (if any) follow; the gateway does not need them
            }
            out.write(body, pos, size);
            pos += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] data, int from) {
        for (int i = from; i + 1 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The headers of a decoded aws-chunked request, as if the body had been sent plainly. */
    private static HttpHeaders plainHeaders(HttpHeaders original, int length) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (String name : original.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("x-amz-decoded-content-length") || lower.equals("x-amz-trailer")
                    || lower.equals("content-length")) {
                continue;
            }
            if (lower.equals("content-encoding")) {
                List<String> rest = new ArrayList<>();
                for (String v : original.getAll(name)) {
                    for (String part : v.split(",")) {
                        if (!part.isBlank() && !part.trim().equalsIgnoreCase("aws-chunked")) {
                            rest.add(part.trim());
                        }
                    }
                }
                if (!rest.isEmpty()) {
                    headers.set(name, String.join(",", rest));
                }
                continue;
            }
            headers.set(name, original.getAll(name));
        }
        headers.set("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        headers.set("Content-Length", Integer.toString(length));
        return headers;
    }

    /** S3 refuses a body whose SHA-256 differs from the one sent in {@code x-amz-checksum-sha256}. */
    private static SigV4.Refusal checkDigest(HttpHeaders headers, byte[] body) {
        String declared = headers.get("x-amz-checksum-sha256");
        if (declared == null) {
            return null;
        }
        String actual = Base64.getEncoder().encodeToString(SigV4.sha256(body));
        if (!actual.equals(declared.trim())) {
            return new SigV4.Refusal(400, "BadDigest",
                    "The SHA256 you specified did not match the calculated checksum.", Map.of());
        }
        return null;
    }

    private void notifyIfObjectStored(String path, String rawQuery, HttpHeaders headers, long size,
                                      HttpResponse<InputStream> response) {
        String query = rawQuery == null ? "" : rawQuery;
        int slash = path.indexOf('/', 1);
        if (slash < 0 || slash == path.length() - 1 || query.contains("partNumber=") || query.contains("uploadId=")
                || query.contains("tagging") || query.contains("acl") || query.contains("retention")
                || query.contains("legal-hold")) {
            return; // a bucket operation, a multipart part, or a sub-resource: no ObjectCreated event
        }
        String bucket = path.substring(1, slash);
        String key = java.net.URLDecoder.decode(path.substring(slash + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
        String eventName = headers.contains("x-amz-copy-source") ? "ObjectCreated:Copy" : "ObjectCreated:Put";
        String eTag = response.headers().firstValue("etag").map(e -> e.replace("\"", "")).orElse(null);
        // an unversioned bucket's objects have no version id (S3Mock answers "null")
        String versionId = response.headers().firstValue("x-amz-version-id").filter(v -> !v.equals("null"))
                .orElse(null);
        String json = eventJson(bucket, key, size, eTag, versionId, eventName);
        notifications.execute(() -> {
            try {
                listener.accept(bucket, json);
            } catch (RuntimeException e) {
                System.err.println("{\"level\":\"ERROR\",\"message\":\"S3 notification delivery failed\",\"bucket\":\""
                        + bucket + "\",\"error\":\"" + String.valueOf(e).replace("\"", "'") + "\"}");
            }
        });
    }

    /** An S3 event notification (event version 2.1) as S3 sends it to Lambda: the key URL-encoded, spaces as '+'. */
    String eventJson(String bucket, String key, long size, String eTag, String versionId, String eventName) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("key", java.net.URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"));
        object.put("size", size);
        if (eTag != null) {
            object.put("eTag", eTag);
        }
        if (versionId != null) {
            object.put("versionId", versionId);
        }
        object.put("sequencer", Long.toHexString(sequencer.incrementAndGet()).toUpperCase(Locale.ROOT));
        Map<String, Object> s3 = new LinkedHashMap<>();
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "local-" + bucket);
        s3.put("bucket", Map.of("name", bucket, "ownerIdentity", Map.of("principalId", "LOCAL"),
                "arn", "arn:aws:s3:::" + bucket));
        s3.put("object", object);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", clock.instant().toString());
        record.put("eventName", eventName);
        record.put("userIdentity", Map.of("principalId", "LOCAL"));
        record.put("requestParameters", Map.of("sourceIPAddress", "127.0.0.1"));
        record.put("responseElements", Map.of("x-amz-request-id", UUID.randomUUID().toString().replace("-", "")
                .substring(0, 16).toUpperCase(Locale.ROOT), "x-amz-id-2", "local"));
        record.put("s3", s3);
        try {
            return JSON.writeValueAsString(Map.of("Records", List.of(record)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocalHttpServer.Response error(SigV4.Refusal refusal, String resource, String method) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>")
                .append(escape(refusal.code())).append("</Code><Message>").append(escape(refusal.message()))
                .append("</Message>");
        refusal.details().forEach((name, value) -> xml.append('<').append(name).append('>').append(escape(value))
                .append("</").append(name).append('>'));
        xml.append("<Resource>").append(escape(resource)).append("</Resource><RequestId>")
                .append(UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT))
                .append("</RequestId></Error>");
        byte[] bytes = xml.toString().getBytes(StandardCharsets.UTF_8);
        LocalHttpServer.Response response = new LocalHttpServer.Response(refusal.status(),
                method.equalsIgnoreCase("HEAD") ? new byte[0] : bytes).header("Content-Type", "application/xml");
        return method.equalsIgnoreCase("HEAD") ? response.header("Content-Length", Integer.toString(bytes.length))
                : response;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            return "\"\"";
        }
    }

    @Override
    public void close() {
        server.close();
        notifications.shutdown();
    }

    /** Waits until every notification emitted so far has been delivered (tests). */
    public void drainNotifications(Duration timeout) {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        notifications.execute(done::countDown);
        try {
            done.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
