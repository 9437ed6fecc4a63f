package org.groupeval.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lambda events (de)serialised exactly as the Lambda Java runtime does it (aws-lambda-java-serialization), so a
 * handler sees in tests and in the local stack the same objects it gets on Lambda.
 */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    public static <T> T fromJson(String json, Class<T> type) {
        return serializer(type).fromJson(json);
    }

    public static <T> String toJson(T event, Class<T> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer(type).toJson(event, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Invokes an HTTP function's stream handler as Lambda does (the event's JSON in, the response's JSON out), checks
     * the response against what openapi.yaml declares for the event's route ({@link ApiContract}; a violation fails
     * the caller with every message) and reads it as API Gateway's model of it.
     */
    public static APIGatewayV2HTTPResponse httpCall(RequestStreamHandler handler, String eventJson, Context context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String responseJson = out.toString(StandardCharsets.UTF_8);
        ApiContract.repository().assertConformsToEvent(eventJson, responseJson);
        return fromJson(responseJson, APIGatewayV2HTTPResponse.class);
    }

    /** A sample event from the repository's {@code events/} folder, e.g. {@code registration/register-group.json}. */
    public static <T> T sample(String relativePath, Class<T> type) {
        return fromJson(sampleJson(relativePath), type);
    }

    public static String sampleJson(String relativePath) {
        Path file = SamTemplate.repoRoot().resolve("events").resolve(relativePath);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read sample event " + file, e);
        }
    }

    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, LambdaEvents.class.getClassLoader());
    }
}
