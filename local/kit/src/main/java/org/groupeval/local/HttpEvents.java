package org.groupeval.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds API Gateway HTTP API payload-2.0 events, as API Gateway sends them after its JWT authorizer: route key,
 * path parameters, query parameters, lower-cased headers, body and {@code requestContext.authorizer.jwt.claims}.
 */
public final class HttpEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HttpEvents() {
    }

    /** Matches a route path ({@code /groups/{groupId}}, {@code /files/{proxy+}}) against a request path. */
    public static Map<String, String> match(String routePath, String requestPath) {
        List<String> names = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}/]+?)(\\+?)}").matcher(routePath);
        StringBuilder regex = new StringBuilder("^");
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(routePath.substring(last, m.start())));
            regex.append(m.group(2).isEmpty() ? "([^/]+)" : "(.+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(routePath.substring(last))).append("$");
        Matcher req = Pattern.compile(regex.toString()).matcher(requestPath);
        if (!req.matches()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            params.put(names.get(i), java.net.URLDecoder.decode(req.group(i + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return params;
    }

    /**
     * Whether API Gateway passes a body of this Content-Type as text; any other body (an .xlsx, an image) arrives
     * base64-encoded, with {@code isBase64Encoded: true}.
     */
    public static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.startsWith("text/") || type.endsWith("/json") || type.endsWith("+json")
                || type.endsWith("/xml") || type.endsWith("+xml") || type.equals("application/javascript")
                || type.equals("application/x-www-form-urlencoded");
    }

    /** The payload-2.0 event of a request whose body is given as sent: as text, or base64 for a binary type. */
    public static String json(String routeKey, String rawPath, Map<String, String> pathParameters,
                              String rawQueryString, Map<String, String> queryParameters,
                              Map<String, String> headers, byte[] body, Map<String, String> claims) {
        String contentType = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("content-type"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (body == null || body.length == 0 || isText(contentType)) {
            return json(routeKey, rawPath, pathParameters, rawQueryString, queryParameters, headers,
                    body == null || body.length == 0 ? null : new String(body, StandardCharsets.UTF_8), false, claims);
        }
        return json(routeKey, rawPath, pathParameters, rawQueryString, queryParameters, headers,
                Base64.getEncoder().encodeToString(body), true, claims);
    }

    public static String json(String routeKey, String rawPath, Map<String, String> pathParameters,
                              String rawQueryString, Map<String, String> queryParameters,
                              Map<String, String> headers, String body, boolean base64, Map<String, String> claims) {
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQueryString == null ? "" : rawQueryString);
        Map<String, String> lowerHeaders = new LinkedHashMap<>();
        headers.forEach((k, v) -> lowerHeaders.put(k.toLowerCase(Locale.ROOT), v));
        event.put("headers", lowerHeaders);
        if (queryParameters != null && !queryParameters.isEmpty()) {
            event.put("queryStringParameters", queryParameters);
        }
        if (pathParameters != null && !pathParameters.isEmpty()) {
            event.put("pathParameters", pathParameters);
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", "localhost");
        context.put("domainPrefix", "localhost");
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", lowerHeaders.getOrDefault("user-agent", ""));
        context.put("http", http);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        Instant now = Instant.now();
        context.put("time", TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (claims != null) {
            Map<String, Object> jwt = new LinkedHashMap<>();
            jwt.put("claims", claims);
            jwt.put("scopes", null);
            context.put("authorizer", Map.of("jwt", jwt));
        }
        event.put("requestContext", context);
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", base64);
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
