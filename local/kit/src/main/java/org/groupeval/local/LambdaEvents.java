package org.groupeval.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

    /** Invokes a handler as Lambda does, the event's JSON in; the answer's JSON. */
    public static String call(Object handler, String eventJson, Context context) {
        return LambdaInvoker.of(handler).invoke(eventJson, context);
    }

    /**
     * Invokes an HTTP function as Lambda does (the event's JSON in, the response's JSON out), checks the response
     * against what openapi.yaml declares for the event's route ({@link ApiContract}; a violation fails the caller with
     * every message) and reads it as API Gateway's model of it.
     */
    public static APIGatewayV2HTTPResponse httpCall(RequestStreamHandler handler, String eventJson, Context context) {
        String responseJson = call(handler, eventJson, context);
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
