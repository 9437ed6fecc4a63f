package org.groupeval.store;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;

/**
 * The DynamoDB clients every function uses: the URL-connection HTTP client (smallest start-up on Lambda), the
 * region from {@code AWS_REGION}, and, when {@code DYNAMODB_ENDPOINT} is set (local stack, tests), that endpoint
 * with dummy credentials.
 */
@Factory
public class DynamoDbClients {

    @Singleton
    public DynamoDbClient dynamoDbClient() {
        return create();
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
        String endpoint = Tables.setting("DYNAMODB_ENDPOINT", null);
        AwsCredentialsProvider credentials = endpoint != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(Tables.setting("AWS_REGION", "us-east-1")))
                .credentialsProvider(credentials);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
