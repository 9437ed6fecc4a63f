package org.groupeval.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues recorded DynamoDB requests on a bare SDK client (URL-connection HTTP client, like the functions): the
 * floor a handler's own work is compared against. A service error (a failed condition) is an answer like any
 * other: the handler got the same one.
 */
final class Replayer {

    private final DynamoDbClient client;
    private final Map<Class<?>, Method> operations = new ConcurrentHashMap<>();

    Replayer(DynamoDbClient client) {
        this.client = client;
    }

    /** A bare client configured the way the functions configure theirs, from the same environment. */
    static DynamoDbClient bareClient() {
        var builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(setting("AWS_REGION", "us-east-1")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        String endpoint = setting("DYNAMODB_ENDPOINT", null);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Issues every request in order; returns the last response. */
    Object replay(List<SdkRequest> requests) {
        Object last = null;
        for (SdkRequest request : requests) {
            last = call(request);
        }
        return last;
    }

    Object call(SdkRequest request) {
        if (request.getClass().getName().startsWith("software.amazon.awssdk.services.s3.")) {
            return S3Replay.call(request);
        }
        Method operation = operations.computeIfAbsent(request.getClass(), Replayer::operationFor);
        try {
            return operation.invoke(client, request);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SdkServiceException serviceError) {
                return serviceError;
            }
            throw new IllegalStateException("replaying " + request + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method operationFor(Class<?> requestType) {
        for (Method m : DynamoDbClient.class.getMethods()) {
            // the operation itself, not its lazy paginator (queryPaginator takes the same request type)
            if (m.getParameterCount() == 1 && m.getParameterTypes()[0] == requestType
                    && SdkResponse.class.isAssignableFrom(m.getReturnType())) {
                return m;
            }
        }
        throw new IllegalArgumentException("no DynamoDbClient operation takes " + requestType.getName());
    }
}
