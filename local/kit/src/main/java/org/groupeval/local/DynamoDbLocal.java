package org.groupeval.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Amazon DynamoDB Local, served in this JVM on a loopback port (in memory, or persisted under a directory), so that
 * every request goes through the real SDK and HTTP path. Start-up takes 2–3 s: tests share one per JVM.
 */
public final class DynamoDbLocal implements AutoCloseable {

    private static DynamoDbLocal shared;

    private final DynamoDBProxyServer server;
    private final int port;
    private final DurableSqliteAccess storage;

    private DynamoDbLocal(DynamoDBProxyServer server, int port, DurableSqliteAccess storage) {
        this.server = server;
        this.port = port;
        this.storage = storage;
    }

    /**
     * Starts DynamoDB Local; {@code dataDir == null} keeps everything in memory. With a directory, the data is in
     * {@code dataDir/shared-local-instance.db} (as DynamoDB Local's {@code -sharedDb -dbPath dataDir} keeps it), and
     * every write DynamoDB Local acknowledges, transactions included, is committed to that file first
     * ({@link DurableSqliteAccess}).
     */
    public static DynamoDbLocal start(int port, Path dataDir) {
        int actualPort = port > 0 ? port : freePort();
        File databaseFile = null;
        if (dataDir != null) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create " + dataDir, e);
            }
            databaseFile = dataDir.toAbsolutePath().resolve(DurableSqliteAccess.SHARED_DB + ".db").toFile();
        }
        // made here rather than by ServerRunner (the command line's way), so that the storage can be ours. Telemetry
        // stays off: DynamoDB Local reports usage only once ServerRunner configured it so (-disableTelemetry absent)
        DurableSqliteAccess storage = null;
        try {
            LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(0, dataDir == null,
                    dataDir == null ? null : dataDir.toAbsolutePath().toString(), true, false);
            storage = DurableSqliteAccess.installIn(requests, databaseFile);
            DynamoDBProxyServer server = new DynamoDBProxyServer(actualPort,
                    new LocalDynamoDBServerHandler(requests, null));
            server.start();
            return new DynamoDbLocal(server, actualPort, storage);
        } catch (Exception e) {
            if (storage != null) {
                storage.close();
            }
            throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
        }
    }

    /** One in-memory instance per JVM, with the template's tables, for tests. */
    public static synchronized DynamoDbLocal shared() {
        if (shared == null) {
            shared = start(0, null);
            LocalTables.createAll(shared.client(), SamTemplate.load());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public int port() {
        return port;
    }

    /** DynamoDB Local's storage (tests). */
    DurableSqliteAccess storage() {
        return storage;
    }

    public String endpoint() {
        return "http://localhost:" + port;
    }

    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // shutting down
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
