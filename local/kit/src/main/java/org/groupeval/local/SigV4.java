package org.groupeval.local;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * AWS Signature Version 4 as S3 checks it, for the local S3 gateway: presigned URLs (signature in the query, expiry in
 * {@code X-Amz-Expires}) and signed requests (the {@code Authorization} header). S3 flavour: the path is used as
 * sent (no double encoding, no normalisation).
 */
public final class SigV4 {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final long MAX_EXPIRES_SECONDS = 7L * 24 * 3600;
    /** How far a request's signing time may be ahead of the server's clock (S3 allows 15 minutes). */
    public static final long MAX_CLOCK_SKEW_SECONDS = 15 * 60;
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private SigV4() {
    }

    /** Why a request was refused, in S3's terms (HTTP status, error code, message, extra XML elements). */
    public record Refusal(int status, String code, String message, Map<String, String> details) {
    }

    /** One request as received: method, raw path and query, and a header lookup (case-insensitive, joined). */
    public record Request(String method, String rawPath, String rawQuery, Function<String, String> header) {
    }

    /**
     * Checks a request against the secrets of the known access keys; {@code null} when it is properly signed and
     * (for a presigned URL) not expired.
     */
    public static Refusal check(Request request, Map<String, String> secrets, Instant now) {
        List<String[]> query = parseQuery(request.rawQuery());
        Map<String, String> q = new LinkedHashMap<>();
        query.forEach(p -> q.putIfAbsent(p[0], p[1]));
        if (q.containsKey("X-Amz-Signature")) {
            return checkPresigned(request, query, q, secrets, now);
        }
        String authorization = request.header().apply("authorization");
        if (authorization == null) {
            return new Refusal(403, "AccessDenied", "Access Denied", Map.of());
        }
        return checkAuthorizationHeader(request, query, authorization, secrets, now);
    }

    private static Refusal checkPresigned(Request request, List<String[]> query, Map<String, String> q,
                                          Map<String, String> secrets, Instant now) {
        // a parameter given twice would be read one way here and may be read another way by the storage behind
        for (String[] p : query) {
            if (query.stream().filter(other -> other[0].equals(p[0])).count() > 1) {
                return new Refusal(403, "AccessDenied", "Query parameter " + p[0] + " is given more than once; "
                        + "a presigned URL names each parameter once", Map.of());
            }
        }
        if (!ALGORITHM.equals(q.get("X-Amz-Algorithm"))) {
            return new Refusal(400, "AuthorizationQueryParametersError",
                    "X-Amz-Algorithm only supports \"" + ALGORITHM + "\"", Map.of());
        }
        String[] credential = q.getOrDefault("X-Amz-Credential", "").split("/");
        if (credential.length != 5) {
            return new Refusal(400, "AuthorizationQueryParametersError", "Error parsing the X-Amz-Credential "
                    + "parameter", Map.of());
        }
        Instant signedAt;
        long expires;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(q.getOrDefault("X-Amz-Date", "")));
            expires = Long.parseLong(q.getOrDefault("X-Amz-Expires", ""));
        } catch (DateTimeParseException | NumberFormatException e) {
            return new Refusal(400, "AuthorizationQueryParametersError",
                    "X-Amz-Date and X-Amz-Expires must be a date and a number of seconds", Map.of());
        }
        if (expires < 1 || expires > MAX_EXPIRES_SECONDS) {
            return new Refusal(400, "AuthorizationQueryParametersError",
                    "X-Amz-Expires must be between 1 and " + MAX_EXPIRES_SECONDS + " seconds", Map.of());
        }
        if (signedAt.isAfter(now.plusSeconds(MAX_CLOCK_SKEW_SECONDS))) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("X-Amz-Date", q.get("X-Amz-Date"));
            details.put("ServerTime", now.toString());
            return new Refusal(403, "AccessDenied", "Request is not yet valid", details);
        }
        Instant expiry = signedAt.plusSeconds(expires);
        if (now.isAfter(expiry)) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("X-Amz-Expires", Long.toString(expires));
            details.put("Expires", expiry.toString());
            details.put("ServerTime", now.toString());
            return new Refusal(403, "AccessDenied", "Request has expired", details);
        }
        List<String[]> unsigned = query.stream().filter(p -> !p[0].equals("X-Amz-Signature")).toList();
        return verify(request, unsigned, credential, q.getOrDefault("X-Amz-Date", ""),
                q.getOrDefault("X-Amz-SignedHeaders", ""), "UNSIGNED-PAYLOAD", q.get("X-Amz-Signature"), secrets);
    }

    private static Refusal checkAuthorizationHeader(Request request, List<String[]> query, String authorization,
                                                    Map<String, String> secrets, Instant now) {
        if (!authorization.startsWith(ALGORITHM + " ")) {
            return new Refusal(400, "InvalidArgument", "Unsupported Authorization Type", Map.of());
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        String[] credential = parts.getOrDefault("Credential", "").split("/");
        String amzDate = request.header().apply("x-amz-date");
        if (credential.length != 5 || amzDate == null || !parts.containsKey("Signature")) {
            return new Refusal(400, "AuthorizationHeaderMalformed", "The authorization header is malformed",
                    Map.of());
        }
        try {
            Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
            if (Math.abs(now.getEpochSecond() - signedAt.getEpochSecond()) > MAX_CLOCK_SKEW_SECONDS) {
                return new Refusal(403, "RequestTimeTooSkewed",
                        "The difference between the request time and the current time is too large.", Map.of());
            }
        } catch (DateTimeParseException e) {
            return new Refusal(403, "AccessDenied", "AWS authentication requires a valid Date or x-amz-date header",
                    Map.of());
        }
        String payloadHash = request.header().apply("x-amz-content-sha256");
        return verify(request, query, credential, amzDate, parts.getOrDefault("SignedHeaders", ""),
                payloadHash == null ? "UNSIGNED-PAYLOAD" : payloadHash, parts.get("Signature"), secrets);
    }

    private static Refusal verify(Request request, List<String[]> query, String[] credential, String amzDate,
                                  String signedHeaders, String payloadHash, String signature,
                                  Map<String, String> secrets) {
        String secret = secrets.get(credential[0]);
        if (secret == null) {
            return new Refusal(403, "InvalidAccessKeyId",
                    "The AWS Access Key Id you provided does not exist in our records.", Map.of());
        }
        String scope = credential[1] + "/" + credential[2] + "/" + credential[3] + "/" + credential[4];
        String canonical = canonicalRequest(request, query, signedHeaders, payloadHash);
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical));
        String expected = signature(secret, credential[1], credential[2], credential[3], stringToSign);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                String.valueOf(signature).getBytes(StandardCharsets.US_ASCII))) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("AWSAccessKeyId", credential[0]);
            details.put("StringToSign", stringToSign);
            details.put("CanonicalRequest", canonical);
            return new Refusal(403, "SignatureDoesNotMatch", "The request signature we calculated does not match "
                    + "the signature you provided. Check your key and signing method.", details);
        }
        return null;
    }

    static String canonicalRequest(Request request, List<String[]> query, String signedHeaders, String payloadHash) {
        List<String[]> encoded = new ArrayList<>();
        for (String[] p : query) {
            encoded.add(new String[] {encode(p[0]), encode(p[1])});
        }
        encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder canonicalQuery = new StringBuilder();
        for (String[] p : encoded) {
            if (canonicalQuery.length() > 0) {
                canonicalQuery.append('&');
            }
            canonicalQuery.append(p[0]).append('=').append(p[1]);
        }
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            if (name.isEmpty()) {
                continue;
            }
            String value = request.header().apply(name);
            headers.append(name.toLowerCase(Locale.ROOT)).append(':')
                    .append(value == null ? "" : value.trim().replaceAll("\\s+", " ")).append('\n');
        }
        String path = request.rawPath() == null || request.rawPath().isEmpty() ? "/" : request.rawPath();
        return request.method() + "\n" + path + "\n" + canonicalQuery + "\n" + headers + "\n" + signedHeaders + "\n"
                + payloadHash;
    }

    /** The signature of a string to sign (AWS SigV4 key derivation). */
    public static String signature(String secret, String date, String region, String service, String stringToSign) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    /** Query parameters in order, decoded; a parameter without {@code =} has the empty value. */
    public static List<String[]> parseQuery(String rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return pairs;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new String[] {decode(name), decode(value)});
        }
        return pairs;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, upper-case hex. */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return sb.toString();
    }

    static byte[] sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] data) {
        return HexFormat.of().formatHex(data);
    }
}
