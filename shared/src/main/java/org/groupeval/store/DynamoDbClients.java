package org.groupeval.store;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.groupeval.config.Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.core.exception.SdkException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The DynamoDB clients every function uses: the URL-connection HTTP client (smallest start-up on Lambda), the
 * region from {@code AWS_REGION}, and, when {@code DYNAMODB_ENDPOINT} is set (local stack, tests), that endpoint
 * with dummy credentials.
 */
@Factory
public class DynamoDbClients {

    private static final EarlyClient<DynamoDbClient> EARLY = new EarlyClient<>("dynamodb-client");

    /**
     * The client; if {@link #startEarly()} built one on another thread during the function's init, that one
     * (taken once). Should the early build have failed, the client is built here again, failing loudly.
     */
    @Singleton
    public DynamoDbClient dynamoDbClient() {
        return EARLY.take(DynamoDbClients::create);
    }

    /**
     * Starts building (then {@link #prime priming}) the client on a daemon thread, so that a Lambda function's
     * init does it while the rest of its start-up runs; the next {@link #dynamoDbClient()} takes it as soon as it
     * is built (the priming round trip carries on on that thread).
     */
    public static void startEarly() {
        EARLY.start(DynamoDbClients::create, client -> {
            // the stores' tables and item mapping: the classes the context's wiring needs next
            DynamoDbEnhancedClient.builder().dynamoDbClient(client).build()
                    .table(Tables.fromEnvironment().groups(), StoredItem.SCHEMA);
            StoredItem sample = StoredItem.of("Prime", "PRIME", "PRIME");
            sample.setVersion(1L);
            StoredItem.SCHEMA.mapToItem(StoredItem.SCHEMA.itemToMap(sample, true));
            prime(client);
        });
    }

    /**
     * One real round trip (a GetItem of a key that never exists), which loads and initialises the SDK's
     * marshalling, signing, retry and HTTP classes and opens the connection. Any answer will do, a refusal too;
     * an endpoint that does not answer costs at most a second (the context start-up then fails on its own).
     */
    private static final Duration PRIMING_TIMEOUT = Duration.ofSeconds(1);

    public static void prime(DynamoDbClient client) {
        try {
            client.getItem(r -> r.overrideConfiguration(o -> o.apiCallTimeout(PRIMING_TIMEOUT))
                    .tableName(Tables.fromEnvironment().groups())
                    .key(Map.of("pk", AttributeValue.fromS("PRIME#" + Tables.class.getName()),
                            "sk", AttributeValue.fromS("PRIME"))));
        } catch (SdkException anyAnswer) {
            // an error answer (no table, no permission) primed the same code paths
        }
        StoredItem.SCHEMA.itemType();
    }

    @Singleton
    public DynamoDbEnhancedClient enhancedClient(DynamoDbClient client) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
    }

    @Singleton
    public Tables tables() {
        return Tables.fromEnvironment();
    }

    public static DynamoDbClient create() {
        String endpoint = Settings.get("DYNAMODB_ENDPOINT", null);
        AwsCredentialsProvider credentials = endpoint != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(Settings.get("AWS_REGION", "us-east-1")))
                .credentialsProvider(credentials);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
