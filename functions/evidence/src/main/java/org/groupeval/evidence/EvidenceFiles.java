package org.groupeval.evidence;

import org.groupeval.domain.evidence.Evidence;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The evidence bucket as the function uses it: short-lived presigned URLs for the browser (uploads never pass through
 * Lambda, whose payload limit is 6 MB), and reading or deleting stored objects for verification.
 */
public interface EvidenceFiles {

    /** A presigned PUT: the client sends exactly {@code headers} (the URL is bound to them). */
    record Upload(String url, Map<String, String> headers, Instant expiresAt) {
    }

    /** A presigned GET that downloads the file under its declared name. */
    record Download(String url, Instant expiresAt) {
    }

    Upload presignUpload(Evidence evidence, Duration ttl);

    Download presignDownload(Evidence evidence, Duration ttl);

    /** A stored object version being read: its bytes, and the version id and ETag S3 gave with them. */
    record Stored(InputStream content, String versionId, String eTag) {
    }

    /** The stored bytes of one version (the latest for {@code versionId == null}); empty when it no longer exists. */
    Optional<Stored> open(String bucket, String key, String versionId);

    /** Deletes one version of an object (the latest when {@code versionId == null}). */
    void delete(String bucket, String key, String versionId);
}
