package org.groupeval.evidence;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import org.groupeval.domain.evidence.Evidence;
import org.groupeval.domain.evidence.EvidenceRules;
import org.groupeval.domain.evidence.Verification;
import org.groupeval.store.EvidenceStore;
import org.groupeval.web.Json;
import org.groupeval.web.LambdaContexts;
import org.groupeval.web.StructuredLog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda entry point for GuardDuty Malware Protection for S3's verdicts on evidence uploads (template.yaml,
 * EvidenceScanResultFunction: an EventBridge rule for {@code GuardDuty Malware Protection Object Scan Result} events
 * of the evidence bucket, deployed when the {@code MalwareScanning} parameter is {@code Enabled}). Records the result
 * for the object version scanned and decides the file's status with the content check, whichever came first
 * ({@link EvidenceRules#decide}): no threats and a passed content check → {@code VERIFIED}; threats →
 * {@code REJECTED} naming them; a scan without a verdict ({@code UNSUPPORTED}, {@code ACCESS_DENIED},
 * {@code FAILED}) leaves it {@code PENDING} with that reason.
 *
 * <p>EventBridge delivers at least once: a result already recorded changes nothing. A stream handler, so it reads
 * the event's JSON as GuardDuty sends it (events/evidence/guardduty-scan-result.json).
 */
public class EvidenceScanResultHandler implements RequestStreamHandler, AutoCloseable {

    static final String SOURCE = "aws.guardduty";
    static final String DETAIL_TYPE = "GuardDuty Malware Protection Object Scan Result";

    private final ApplicationContext context;
    private final EvidenceStore evidence;
    private final EvidenceRecorder recorder;
    private final EvidenceBucket bucket;
    private final Clock clock;

    /** The constructor Lambda calls. */
    public EvidenceScanResultHandler() {
        this(LambdaContexts.builder());
    }

    public EvidenceScanResultHandler(ApplicationContextBuilder builder) {
        this.context = builder.start();
        this.evidence = context.getBean(EvidenceStore.class);
        this.recorder = context.getBean(EvidenceRecorder.class);
        this.bucket = context.getBean(EvidenceBucket.class);
        this.clock = context.getBean(Clock.class);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambdaContext) throws IOException {
        byte[] raw = input.readAllBytes();
        JsonNode event = raw.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(raw);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("outcome", handle(event));
        output.write(Json.write(response).getBytes(StandardCharsets.UTF_8));
    }

    /** Records one scan result; returns what was done, in words. */
    String handle(JsonNode event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("eventId", event.path("id").asText(null));
        if (!SOURCE.equals(event.path("source").asText()) || !DETAIL_TYPE.equals(event.path("detail-type").asText())) {
            line.put("source", event.path("source").asText(null));
            line.put("detailType", event.path("detail-type").asText(null));
            StructuredLog.error("not a malware scan result: ignored", line);
            return "ignored: not a malware scan result";
        }
        JsonNode detail = event.path("detail");
        JsonNode object = detail.path("s3ObjectDetails");
        String key = object.path("objectKey").asText("");
        line.put("key", key);
        if (!bucket.name().equals(object.path("bucketName").asText())) {
            line.put("bucket", object.path("bucketName").asText(null));
            StructuredLog.error("malware scan result for another bucket: ignored", line);
            return "ignored: another bucket";
        }
        Optional<Evidence> declared = Evidence.keyOf(key)
                .flatMap(k -> evidence.find(k.year(), k.groupId(), k.evidenceId()));
        if (declared.isEmpty()) {
            // the upload check deletes objects nobody declared
            StructuredLog.info("malware scan result for an undeclared object: ignored", line);
            return "ignored: no evidence record";
        }
        JsonNode result = detail.path("scanResultDetails");
        String status = result.path("scanResultStatus").asText(detail.path("scanStatus").asText("FAILED"));
        List<String> threats = new ArrayList<>();
        result.path("threats").forEach(t -> threats.add(t.path("name").asText("an unnamed threat")));
        Verification.MalwareScan scan = new Verification.MalwareScan(Verification.objectId(
                object.path("versionId").asText(null), object.path("eTag").asText(null)), status, threats,
                clock.instant());
        Evidence saved = recorder.record(declared.get(), e -> EvidenceRules.recordScan(e, scan, clock.instant()));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("scanStatus", detail.path("scanStatus").asText(null));
        extra.put("scanResult", status);
        if (!threats.isEmpty()) {
            extra.put("threats", threats);
        }
        EvidenceRecorder.log("evidence scanned", saved, extra);
        return "recorded " + status + ": " + saved.status();
    }

    @Override
    public void close() {
        context.close();
    }
}
