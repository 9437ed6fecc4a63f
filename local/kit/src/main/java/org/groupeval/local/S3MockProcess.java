package org.groupeval.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Adobe S3Mock ({@code com.adobe.testing:s3mock:exec}, a Spring Boot application) as a child process on a loopback
 * port, so its Spring classpath stays out of the JVM that runs the functions. The build copies the jar to
 * {@code local/kit/target/s3mock/s3mock-exec.jar} (maven-dependency-plugin); {@code -Dgroupeval.s3mock.jar=...}
 * names another.
 */
public final class S3MockProcess implements AutoCloseable {

    public static final String JAR_PROPERTY = "groupeval.s3mock.jar";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final int port;
    private final Path log;
    private boolean closed;

    private S3MockProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts S3Mock keeping its objects under {@code root} (and leaving them there on exit when {@code retain}) and
     * waits until it answers.
     */
    public static S3MockProcess start(Path root, long maxPayloadMegabytes, boolean retain) {
        Path jar = jar();
        int port = DynamoDbLocal.freePort();
        try {
            Files.createDirectories(root);
            Path log = Files.createTempFile("s3mock-", ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                    "-jar", jar.toString(),
                    "--server.port=0",
                    "--http.port=" + port,
                    "--server.address=127.0.0.1",
                    "--com.adobe.testing.s3mock.store.root=" + root.toAbsolutePath(),
                    "--com.adobe.testing.s3mock.store.retainFilesOnExit=" + retain,
                    "--com.adobe.testing.s3mock.max-payload-size=" + maxPayloadMegabytes + "MB",
                    "--spring.main.banner-mode=off",
                    "--logging.level.root=WARN"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            S3MockProcess s3mock = new S3MockProcess(process, port, log);
            Runtime.getRuntime().addShutdownHook(new Thread(s3mock::close));
            s3mock.awaitReady();
            return s3mock;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start S3Mock from " + jar + ": " + e.getMessage(), e);
        }
    }

    /** The S3Mock jar: the system property, else the copy the build made in local/kit/target. */
    public static Path jar() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        Path built = SamTemplate.repoRoot().resolve("local/kit/target/s3mock/s3mock-exec.jar");
        if (Files.isRegularFile(built)) {
            return built;
        }
        throw new IllegalStateException("S3Mock jar not found at " + built + ": build the local kit first "
                + "(mvn -pl local/kit -am package -DskipTests copies it there) or set -D" + JAR_PROPERTY);
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting S3Mock", e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting S3Mock", e);
            }
        }
        stop();
        throw new IllegalStateException("S3Mock did not answer within " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Stops S3Mock (waiting for it to exit) and removes its log, unless it had exited by itself: then the log holds why,
     * and stays. Safe to call twice (the shutdown hook and the owner both do).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean ranUntilClosed = process.isAlive();
        stop();
        if (ranUntilClosed) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                System.err.println("could not remove S3Mock's log " + log + ": " + e);
            }
        }
    }

    private void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
