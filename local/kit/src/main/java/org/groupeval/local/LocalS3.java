package org.groupeval.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The local S3 of the tests and the local stack: S3Mock in a child process, the {@link S3Gateway} in front of it
 * (signatures, expiry, checksums, notifications), one bucket per {@code AWS::S3::Bucket} of template.yaml, and each
 * bucket's notifications delivered to the function whose {@code S3} event names that bucket, through
 * {@link LocalFunctions#invoke}, as S3 invokes Lambda (asynchronously, with the S3 event JSON).
 *
 * <p>A local bucket is named by its logical id in lower case ({@code EvidenceBucket} → {@code evidencebucket}: S3
 * bucket names are lower case); a function variable that is {@code !Ref} to a bucket gets that name.
 */
public final class LocalS3 implements AutoCloseable {

    /** The local credentials every local client signs with (the functions use them when S3_ENDPOINT is set). */
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";
    public static final String REGION = "us-east-1";
    /** The largest object the emulator accepts, in MB (above the evidence limit, so the function's limit decides). */
    private static final long MAX_PAYLOAD_MB = 1024;
    private static final Pattern WILDCARD = Pattern.compile("\\*");
    private static LocalS3 shared;

    private final S3MockProcess s3mock;
    private final S3Gateway gateway;
    /** The temporary directory the objects were kept in, removed on close; null when the caller named one. */
    private final Path temporaryRoot;

    private LocalS3(S3MockProcess s3mock, S3Gateway gateway, Path temporaryRoot) {
        this.s3mock = s3mock;
        this.gateway = gateway;
        this.temporaryRoot = temporaryRoot;
    }

    /**
     * Starts S3Mock (objects under {@code dataDir}; {@code null}: a temporary directory) and the gateway on
     * {@code port} ({@code 0}: any free port).
     */
    public static LocalS3 start(Path dataDir, int port) {
        Path root;
        try {
            root = dataDir != null ? dataDir : Files.createTempDirectory("local-s3-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        S3MockProcess s3mock = S3MockProcess.start(root, MAX_PAYLOAD_MB, dataDir != null);
        S3Gateway gateway = S3Gateway.start(port, s3mock.endpoint(), Map.of(ACCESS_KEY, SECRET_KEY), REGION);
        LocalS3 s3 = new LocalS3(s3mock, gateway, dataDir != null ? null : root);
        Runtime.getRuntime().addShutdownHook(new Thread(s3::close));
        return s3;
    }

    /**
     * For tests: one local S3 per JVM next to {@link LocalAws}'s DynamoDB Local, with the template's buckets, the
     * functions' S3 environment applied, and notifications delivered to the template's S3-triggered functions.
     */
    public static synchronized LocalS3 shared() {
        if (shared == null) {
            LocalAws.start();
            SamTemplate template = SamTemplate.load();
            shared = startFor(template, new LocalFunctions(template, Map.of()), null);
        }
        return shared;
    }

    /**
     * Everything a template's buckets need locally: S3Mock and the gateway started (objects under {@code dataDir},
     * kept across restarts; {@code null}: a temporary directory), the functions' S3 environment applied (as system
     * properties, before any handler starts), the buckets created, and their notifications routed to
     * {@code functions}.
     */
    public static LocalS3 startFor(SamTemplate template, LocalFunctions functions, Path dataDir) {
        LocalS3 s3 = start(dataDir, 0);
        s3.environment(template).forEach(System::setProperty);
        s3.createBuckets(template);
        s3.deliverTo(functions);
        return s3;
    }

    public static boolean declaresBuckets(SamTemplate template) {
        return !template.resourcesOfType("AWS::S3::Bucket").isEmpty();
    }

    /** The local name of a bucket declared in the template. */
    public static String bucketName(String logicalId) {
        return logicalId.toLowerCase(Locale.ROOT);
    }

    /** The address clients and presigned URLs use: the gateway. */
    public String endpoint() {
        return gateway.endpoint();
    }

    public S3Gateway gateway() {
        return gateway;
    }

    /**
     * What the functions need to reach the local S3: {@code S3_ENDPOINT}, and every variable whose template value is
     * {@code !Ref} to a bucket set to that bucket's local name.
     */
    public Map<String, String> environment(SamTemplate template) {
        List<String> buckets = template.resourcesOfType("AWS::S3::Bucket");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("S3_ENDPOINT", endpoint());
        for (SamTemplate.Function function : template.functions()) {
            function.environment().forEach((name, value) -> {
                if (buckets.contains(value)) {
                    env.put(name, bucketName(value));
                }
            });
        }
        return env;
    }

    /** Creates every bucket of the template (an existing one is kept: objects persist with a data directory). */
    public void createBuckets(SamTemplate template) {
        HttpClient client = HttpClient.newHttpClient();
        for (String logicalId : template.resourcesOfType("AWS::S3::Bucket")) {
            String bucket = bucketName(logicalId);
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                URI.create(s3mock.endpoint() + "/" + bucket)).timeout(Duration.ofSeconds(30))
                        .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2 && response.statusCode() != 409) {
                    throw new IllegalStateException("cannot create bucket " + bucket + ": HTTP "
                            + response.statusCode() + " " + response.body());
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot create bucket " + bucket + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /**
     * Routes each bucket's ObjectCreated notifications to the functions whose {@code S3} events name the bucket
     * (matching the event types and the key prefix filter), invoking them as S3 invokes Lambda.
     */
    public void deliverTo(LocalFunctions functions) {
        SamTemplate template = functions.template();
        gateway.onObjectCreated((bucket, eventJson) -> {
            String key = keyOf(eventJson);
            for (SamTemplate.Function function : template.functions()) {
                for (SamTemplate.S3Trigger trigger : function.s3Triggers()) {
                    if (bucketName(trigger.bucketLogicalId()).equals(bucket) && matches(trigger, eventJson, key)) {
                        functions.invoke(function, eventJson);
                    }
                }
            }
        });
    }

    private static boolean matches(SamTemplate.S3Trigger trigger, String eventJson, String key) {
        String eventName = "s3:" + LambdaEvents.fromJson(eventJson,
                com.amazonaws.services.lambda.runtime.events.S3Event.class).getRecords().get(0).getEventName();
        boolean typeMatches = trigger.events().stream().anyMatch(pattern -> Pattern.compile(
                WILDCARD.matcher(Pattern.quote(pattern)).replaceAll("\\\\E.*\\\\Q")).matcher(eventName).matches());
        return typeMatches && (trigger.prefix() == null || key.startsWith(trigger.prefix()));
    }

    private static String keyOf(String eventJson) {
        return LambdaEvents.fromJson(eventJson, com.amazonaws.services.lambda.runtime.events.S3Event.class)
                .getRecords().get(0).getS3().getObject().getUrlDecodedKey();
    }

    @Override
    public void close() {
        gateway.close();
        s3mock.close();
        if (temporaryRoot != null) {
            try {
                LocalFiles.deleteRecursively(temporaryRoot);
            } catch (IOException e) {
                System.err.println("could not remove the local S3's temporary directory " + temporaryRoot + ": " + e);
            }
        }
    }
}
