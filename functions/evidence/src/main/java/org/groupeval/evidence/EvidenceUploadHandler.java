package org.groupeval.evidence;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.ApplicationContextBuilder;
import jakarta.inject.Inject;
import org.groupeval.domain.evidence.ContentInspection;
import org.groupeval.domain.evidence.Evidence;
import org.groupeval.domain.evidence.EvidenceRules;
import org.groupeval.domain.evidence.EvidenceStatus;
import org.groupeval.domain.evidence.Verification;
import org.groupeval.lambda.FunctionHandler;
import org.groupeval.lambda.Startup;
import org.groupeval.store.EvidenceStore;
import org.groupeval.web.StructuredLog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda entry point for the evidence bucket's {@code s3:ObjectCreated:*} notifications (rules.md §11.1): checks
 * each stored object against its declaration (size, SHA-256, type and structure by its bytes, {@link
 * ContentInspection}) and records the outcome for the object version it read. With malware scanning off the
 * content check decides: {@code VERIFIED} or {@code REJECTED} with the reason. With it on, a failed check rejects at
 * once and a passed one waits for GuardDuty's result ({@link EvidenceScanResultHandler}), whichever comes first. An
 * object nobody declared is deleted.
 *
 * <p>S3 delivers notifications at least once and Lambda retries a failed invocation: checking is idempotent (the
 * same bytes give the same verdict), and a failure to read or record throws so that the retry happens.
 */
public class EvidenceUploadHandler extends FunctionHandler<S3Notification, String> {

    /**
     * During init, besides what every function prepares: the S3 client, which every notification needs, is built and
     * primed (a HEAD of a key that never exists) on a thread of its own; the stored evidence's JSON mapping is
     * prepared. Worth it: docs/benchmarks.md, "Measures behind the figures".
     */
    private static final Startup STARTUP = Startup.preparing(Evidence.class)
            .alongside(EvidenceConfiguration::startS3ClientEarly);

    @Inject
    EvidenceStore evidence;
    @Inject
    EvidenceFiles files;
    @Inject
    Clock clock;
    @Inject
    EvidenceRecorder recorder;
    @Inject
    MalwareScanning scanning;

    /** The constructor Lambda calls. */
    public EvidenceUploadHandler() {
        super(S3Notification.class, STARTUP);
    }

    /** Tests start the handler with their own settings or beans. */
    public EvidenceUploadHandler(ApplicationContextBuilder builder) {
        super(S3Notification.class, builder);
    }

    @Override
    protected String handle(S3Notification event, Context lambdaContext) {
        int checked = 0;
        if (event == null || event.records() == null) {
            return "no records";
        }
        for (S3Notification.Event record : event.records()) {
            if (record.eventName() == null || !record.eventName().startsWith("ObjectCreated:")) {
                continue;
            }
            check(record);
            checked++;
        }
        return checked + " object(s) checked";
    }

    @Override
    protected String failureMessage() {
        return "evidence check failed";
    }

    /** Before a SnapStart snapshot: a round trip on the S3 client too. */
    @Override
    protected void prime() {
        files.prime();
    }

    private void check(S3Notification.Event record) {
        String bucket = record.s3().bucket().name();
        S3Notification.StoredObject object = record.s3().object();
        String key = object.decodedKey();
        // absent in unversioned buckets (or given empty)
        String versionId = object.versionId() == null || object.versionId().isBlank() ? null : object.versionId();
        Optional<Evidence> declared = Evidence.keyOf(key)
                .flatMap(k -> evidence.find(k.year(), k.groupId(), k.evidenceId()));
        if (declared.isEmpty()) {
            files.delete(bucket, key, versionId);
            log("undeclared object deleted", Map.of("key", key));
            return;
        }
        Evidence current = declared.get();
        if (current.status() == EvidenceStatus.WITHDRAWN) {
            log("upload of withdrawn evidence ignored", Map.of("evidenceId", current.evidenceId()));
            return;
        }
        Long storedSize = object.size();
        EvidenceRules.Verdict verdict = storedSize == null ? null
                : EvidenceRules.judgeSize(current, storedSize).orElse(null);
        String objectId = Verification.objectId(versionId, object.eTag());
        if (verdict == null) {
            Optional<EvidenceFiles.Stored> stored = files.open(bucket, key, versionId);
            if (stored.isEmpty()) {
                log("object gone before it was checked", Map.of("evidenceId", current.evidenceId()));
                return;
            }
            try (InputStream in = stored.get().content()) {
                verdict = EvidenceRules.judge(current, ContentInspection.of(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + key, e);
            }
            String read = Verification.objectId(stored.get().versionId(), stored.get().eTag());
            objectId = read != null ? read : objectId;
        }
        EvidenceRules.Verdict content = verdict;
        String checkedObject = objectId;
        Evidence saved = recorder.record(current, e -> EvidenceRules.recordContentCheck(e, checkedObject, content,
                scanning.enabled(), clock.instant()));
        EvidenceRecorder.log("evidence checked", saved, Map.of("content", content.status(),
                "malwareScanning", scanning.enabled() ? "Enabled" : "Disabled"));
    }

    private static void log(String message, Map<String, Object> fields) {
        StructuredLog.info(message, new LinkedHashMap<>(fields));
    }
}
