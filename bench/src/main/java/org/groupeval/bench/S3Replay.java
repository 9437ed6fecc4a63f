package org.groupeval.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;

/**
 * Replays recorded S3 requests (the evidence upload check deletes or reads objects) on a bare S3 client configured
 * as the evidence function configures its own ({@code EvidenceConfiguration.s3Client}). A class of its own so that
 * JVMs of functions without S3 never load the S3 SDK: it is built on the first S3 request.
 */
final class S3Replay {

    private static S3Client client;

    private S3Replay() {
    }

    static synchronized Object call(SdkRequest request) {
        if (client == null) {
            S3ClientBuilder builder = S3Client.builder()
                    .httpClient(UrlConnectionHttpClient.create())
                    .region(Region.of(Replayer.setting("AWS_REGION", "us-east-1")))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            Replayer.setting("AWS_ACCESS_KEY_ID", "local"),
                            Replayer.setting("AWS_SECRET_ACCESS_KEY", "local"))))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            String endpoint = Replayer.setting("S3_ENDPOINT", null);
            if (endpoint != null) {
                builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
            }
            client = builder.build();
        }
        for (Method m : S3Client.class.getMethods()) {
            // the operation itself; for downloads (GetObject) the variant that returns the stream, read to its end
            boolean stream = ResponseInputStream.class.isAssignableFrom(m.getReturnType());
            if (m.getParameterCount() == 1 && m.getParameterTypes()[0] == request.getClass()
                    && (stream || SdkResponse.class.isAssignableFrom(m.getReturnType()))) {
                try {
                    Object answer = m.invoke(client, request);
                    if (answer instanceof ResponseInputStream<?> body) {
                        try (body) {
                            body.readAllBytes();
                        }
                        return body.response();
                    }
                    return answer;
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof SdkServiceException refused) {
                        return refused;
                    }
                    throw new IllegalStateException("replaying " + request + " failed: " + e.getCause(), e.getCause());
                } catch (IllegalAccessException | java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("no S3Client operation takes " + request.getClass().getName());
    }
}
