package org.groupeval.evidence;

import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import org.groupeval.domain.evidence.Evidence;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PutObjectPresignRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evidence bucket on S3 (or, locally, on the S3 emulator behind the local gateway). A presigned PUT is bound to
 * the declared content type, content length and SHA-256 ({@code x-amz-checksum-sha256}): S3 refuses any other
 * upload to that URL, and its checksum check means the bytes that arrive are the bytes declared.
 */
@Singleton
public class S3EvidenceFiles implements EvidenceFiles {

    /*
     * Both S3 clients are singletons built on first use, not when the function starts: listing evidence needs
     * neither, and the upload check never presigns (each of them loads a few hundred classes on a cold start).
     */
    private final BeanProvider<S3Client> s3;
    private final BeanProvider<S3Presigner> presigner;
    private final EvidenceBucket bucket;

    public S3EvidenceFiles(BeanProvider<S3Client> s3, BeanProvider<S3Presigner> presigner, EvidenceBucket bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public Upload presignUpload(Evidence evidence, Duration ttl) {
        String checksum = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(evidence.sha256()));
        PresignedPutObjectRequest presigned = presigner.get().presignPutObject(PutObjectPresignRequest.builder()
                .signatureDuration(ttl)
                .putObjectRequest(PutObjectRequest.builder()
                        .bucket(bucket.name())
                        .key(evidence.objectKey())
                        .contentType(evidence.contentType())
                        .contentLength(evidence.size())
                        .checksumSHA256(checksum)
                        .build())
                .build());
        Map<String, String> headers = new LinkedHashMap<>();
        // every signed header but Host, which the client's HTTP library sets from the URL
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(canonicalName(name), String.join(",", values));
            }
        });
        return new Upload(presigned.url().toString(), headers, presigned.expiration());
    }

    @Override
    public Download presignDownload(Evidence evidence, Duration ttl) {
        PresignedGetObjectRequest presigned = presigner.get().presignGetObject(GetObjectPresignRequest.builder()
                .signatureDuration(ttl)
                .getObjectRequest(GetObjectRequest.builder()
                        .bucket(bucket.name())
                        .key(evidence.objectKey())
                        .responseContentType(evidence.contentType())
                        .responseContentDisposition(contentDisposition(evidence.fileName()))
                        .build())
                .build());
        return new Download(presigned.url().toString(), presigned.expiration());
    }

    @Override
    public Optional<Stored> open(String bucketName, String key, String versionId) {
        try {
            ResponseInputStream<GetObjectResponse> object = s3.get().getObject(GetObjectRequest.builder()
                    .bucket(bucketName).key(key).versionId(versionId).build());
            return Optional.of(new Stored(object, object.response().versionId(), object.response().eTag()));
        } catch (NoSuchKeyException gone) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void delete(String bucketName, String key, String versionId) {
        try {
            s3.get().deleteObject(DeleteObjectRequest.builder().bucket(bucketName).key(key).versionId(versionId)
                    .build());
        } catch (NoSuchKeyException alreadyGone) {
            // deleting is idempotent
        }
    }

    /** RFC 6266 with an RFC 5987 UTF-8 name (Chinese file names survive) and an ASCII fallback. */
    static String contentDisposition(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_").replace("\\", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static String canonicalName(String lower) {
        for (String known : List.of("Content-Type", "Content-Length")) {
            if (known.equalsIgnoreCase(lower)) {
                return known;
            }
        }
        return lower;
    }
}
