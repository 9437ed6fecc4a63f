package org.groupeval.evidence;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An S3 event notification as S3 delivers it to Lambda (the event message structure, version 2.x, of
 * events/evidence/s3-object-created.json), with the members the upload check reads; the others are ignored as the
 * project's mapper ignores members it does not know.
 */
public record S3Notification(@JsonProperty("Records") List<Event> records) {

    /** One event: {@code ObjectCreated:Put} and the object it is about. */
    public record Event(String eventName, Entity s3) {
    }

    public record Entity(Bucket bucket, StoredObject object) {
    }

    public record Bucket(String name) {
    }

    /**
     * The object as stored: {@code versionId} is absent in an unversioned bucket, {@code eTag} is the stored bytes'
     * ETag without quotes.
     */
    public record StoredObject(String key, Long size, String eTag, String versionId) {

        /** The object's key: a notification gives it URL-encoded, a space as {@code +}. */
        public String decodedKey() {
            return key == null ? null : URLDecoder.decode(key, StandardCharsets.UTF_8);
        }
    }
}
