package org.groupeval.evidence;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.groupeval.domain.evidence.EvidenceLimits;
import org.groupeval.store.EarlyClient;
import org.groupeval.store.Tables;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Duration;

/**
 * The evidence function's settings and S3 clients. {@code S3_ENDPOINT} (local stack, tests) points both the client
 * and the presigned URLs at the local S3 gateway, path-style, with the local credentials; on AWS the function's
 * role signs, and URLs name the regional endpoint.
 */
@Factory
public class EvidenceConfiguration {

    public static final String BUCKET = "EVIDENCE_BUCKET";
    public static final String ENDPOINT = "S3_ENDPOINT";

    private static final EarlyClient<S3Client> EARLY_S3 = new EarlyClient<>("s3-client");
    private static final Duration PRIMING_TIMEOUT = Duration.ofSeconds(1);

    @Singleton
    public EvidenceLimits limits() {
        return EvidenceLimits.from(Tables::setting);
    }

    /** Only the functions that record verdicts ask for it (the HTTP function does not need the setting). */
    @Singleton
    public MalwareScanning malwareScanning() {
        return MalwareScanning.parse(Tables.setting(MalwareScanning.SETTING, null));
    }

    @Singleton
    public EvidenceBucket bucket() {
        String name = Tables.setting(BUCKET, null);
        if (name == null) {
            throw new IllegalStateException(BUCKET + " is not set: template.yaml gives it the evidence bucket's name");
        }
        return new EvidenceBucket(name);
    }

    /**
     * The S3 client; if {@link #startS3ClientEarly()} built one on another thread during the function's init, that
     * one (taken once).
     */
    @Singleton
    public S3Client s3Client() {
        return EARLY_S3.take(EvidenceConfiguration::buildS3Client);
    }

    /**
     * For a function whose every request reads or deletes an object (the upload check): builds the S3 client on its
     * own thread while Micronaut starts, then makes one round trip with it (a HEAD of a key that never exists in
     * the evidence bucket; any answer, a 404 or 403 too, loads the request path's signing, marshalling and HTTP
     * classes). The HTTP function does not: most of its routes need no S3 client.
     */
    public static void startS3ClientEarly() {
        EARLY_S3.start(EvidenceConfiguration::buildS3Client, EvidenceConfiguration::prime);
    }

    static void prime(S3Client client) {
        String bucket = Tables.setting(BUCKET, null);
        if (bucket == null) {
            return;
        }
        try {
            client.headObject(r -> r.overrideConfiguration(o -> o.apiCallTimeout(PRIMING_TIMEOUT))
                    .bucket(bucket).key("prime/" + EvidenceConfiguration.class.getName()));
        } catch (SdkException anyAnswer) {
            // a 404 (or a 403 without list permission) primed the same code paths
        }
    }

    private static S3Client buildS3Client() {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region())
                .credentialsProvider(credentials())
                // presigned uploads carry their own SHA-256; plain requests need no extra trailer checksum
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        String endpoint = Tables.setting(ENDPOINT, null);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return builder.build();
    }

    @Singleton
    public S3Presigner presigner() {
        S3Presigner.Builder builder = S3Presigner.builder().region(region()).credentialsProvider(credentials());
        String endpoint = Tables.setting(ENDPOINT, null);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint))
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        return builder.build();
    }

    private static Region region() {
        return Region.of(Tables.setting("AWS_REGION", "us-east-1"));
    }

    private static AwsCredentialsProvider credentials() {
        return Tables.setting(ENDPOINT, null) != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
    }
}
