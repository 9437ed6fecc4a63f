package org.groupeval.evidence;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.crac.Resource;
import org.groupeval.domain.evidence.ContentInspection;
import org.groupeval.domain.evidence.Evidence;
import org.groupeval.domain.evidence.EvidenceRules;
import org.groupeval.domain.evidence.EvidenceStatus;
import org.groupeval.domain.evidence.Verification;
import org.groupeval.store.DynamoDbClients;
import org.groupeval.store.EvidenceStore;
import org.groupeval.web.LambdaContexts;
import org.groupeval.web.SnapStartPriming;
import org.groupeval.web.StructuredLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

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
public class EvidenceUploadHandler extends MicronautRequestHandler<S3Event, String> {

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

    /**
     * SnapStart: before Lambda snapshots the initialised function, one round trip on each client (as in
     * {@code ApiHandler}), so that the restored function starts with the SDK's request path loaded. Held in a
     * field: CRaC keeps only a weak reference to registered resources.
     */
    private Resource snapStartPriming;

    /** The constructor Lambda calls. */
    public EvidenceUploadHandler() {
        super();
        requireStarted();
        snapStartPriming = SnapStartPriming.register(() -> {
            applicationContext.findBean(DynamoDbClient.class).ifPresent(DynamoDbClients::prime);
            applicationContext.findBean(S3Client.class).ifPresent(EvidenceConfiguration::prime);
        });
    }

    public EvidenceUploadHandler(ApplicationContextBuilder builder) {
        super(builder);
        requireStarted();
    }

    /**
     * The context Lambda starts (the no-arg constructor): the HTTP functions' one ({@link LambdaContexts}: lazy
     * singletons, the DynamoDB client built on its own thread), and the S3 client too, which every notification
     * needs, built and primed on another thread meanwhile.
     */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        EvidenceConfiguration.startS3ClientEarly();
        return LambdaContexts.builder();
    }

    private void requireStarted() {
        if (evidence == null || files == null || clock == null || recorder == null || scanning == null) {
            throw new IllegalStateException("the evidence upload function did not start: its beans were not "
                    + "injected (see the start-up error logged above)");
        }
    }

    @Override
    public String execute(S3Event event) {
        int checked = 0;
        if (event == null || event.getRecords() == null) {
            return "no records";
        }
        for (S3EventNotification.S3EventNotificationRecord record : event.getRecords()) {
            if (record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated:")) {
                continue;
            }
            check(record);
            checked++;
        }
        return checked + " object(s) checked";
    }

    private void check(S3EventNotification.S3EventNotificationRecord record) {
        String bucket = record.getS3().getBucket().getName();
        S3EventNotification.S3ObjectEntity object = record.getS3().getObject();
        String key = object.getUrlDecodedKey();
        // absent in unversioned buckets (the runtime's event model then holds an empty string)
        String versionId = object.getVersionId() == null || object.getVersionId().isBlank() ? null
                : object.getVersionId();
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
        Long storedSize = object.getSizeAsLong();
        EvidenceRules.Verdict verdict = storedSize == null ? null
                : EvidenceRules.judgeSize(current, storedSize).orElse(null);
        String objectId = Verification.objectId(versionId, object.geteTag());
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
