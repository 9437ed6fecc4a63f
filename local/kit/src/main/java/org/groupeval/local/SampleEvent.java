package org.groupeval.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A sample event from {@code events/}, edited for one test case (another caller, another path parameter, another
 * body) and then turned into the event object exactly as the Lambda runtime would.
 */
public final class SampleEvent {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ObjectNode root;

    private SampleEvent(ObjectNode root) {
        this.root = root;
    }

    public static SampleEvent of(String relativePath) {
        try {
            SampleEvent event = new SampleEvent((ObjectNode) MAPPER.readTree(LambdaEvents.sampleJson(relativePath)));
            event.context().put("requestId", UUID.randomUUID().toString());
            return event;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode context() {
        return (ObjectNode) root.get("requestContext");
    }

    /** Replaces the authorizer's claims; {@code null} removes the authorizer (no identity). */
    public SampleEvent claims(Map<String, String> claims) {
        if (claims == null) {
            context().remove("authorizer");
        } else {
            ObjectNode jwt = context().putObject("authorizer").putObject("jwt");
            jwt.set("claims", MAPPER.valueToTree(claims));
            jwt.putNull("scopes");
        }
        return this;
    }

    public SampleEvent path(String name, String value) {
        ObjectNode params = root.has("pathParameters") ? (ObjectNode) root.get("pathParameters")
                : root.putObject("pathParameters");
        params.put(name, value);
        return this;
    }

    public SampleEvent rawPath(String rawPath) {
        root.put("rawPath", rawPath);
        ((ObjectNode) context().get("http")).put("path", rawPath);
        return this;
    }

    public SampleEvent query(String name, String value) {
        ObjectNode params = root.has("queryStringParameters") ? (ObjectNode) root.get("queryStringParameters")
                : root.putObject("queryStringParameters");
        if (value == null) {
            params.remove(name);
        } else {
            params.put(name, value);
        }
        return this;
    }

    public SampleEvent noQuery() {
        root.remove("queryStringParameters");
        root.put("rawQueryString", "");
        return this;
    }

    public SampleEvent header(String name, String value) {
        ObjectNode headers = (ObjectNode) root.get("headers");
        if (value == null) {
            headers.remove(name.toLowerCase(Locale.ROOT));
        } else {
            headers.put(name.toLowerCase(Locale.ROOT), value);
        }
        return this;
    }

    /** The body as JSON text (or any text, to test malformed bodies). */
    public SampleEvent body(String body) {
        if (body == null) {
            root.remove("body");
        } else {
            root.put("body", body);
        }
        root.put("isBase64Encoded", false);
        return this;
    }

    /** A binary body (a spreadsheet), base64-encoded as API Gateway passes it. */
    public SampleEvent bodyBytes(byte[] body) {
        root.put("body", java.util.Base64.getEncoder().encodeToString(body));
        root.put("isBase64Encoded", true);
        return this;
    }

    public SampleEvent bodyJson(Object value) {
        try {
            return body(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The current body parsed, to edit it. */
    public ObjectNode bodyTree() {
        try {
            return (ObjectNode) MAPPER.readTree(root.get("body").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String json() {
        return root.toString();
    }

    public <T> T as(Class<T> type) {
        return LambdaEvents.fromJson(json(), type);
    }
}
