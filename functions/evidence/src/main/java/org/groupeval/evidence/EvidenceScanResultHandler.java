package org.groupeval.evidence;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContextBuilder;
import jakarta.inject.Inject;
import org.groupeval.domain.evidence.Evidence;
import org.groupeval.domain.evidence.EvidenceRules;
import org.groupeval.domain.evidence.Verification;
import org.groupeval.lambda.FunctionHandler;
import org.groupeval.lambda.Startup;
import org.groupeval.store.EvidenceStore;
import org.groupeval.web.StructuredLog;

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
 * <p>EventBridge delivers at least once: a result already recorded changes nothing. It reads the event's JSON as
 * GuardDuty sends it (events/evidence/guardduty-scan-result.json) and answers {@code {"outcome": "..."}}.
 */
public class EvidenceScanResultHandler extends FunctionHandler<JsonNode, Map<String, Object>> {

    static final String SOURCE = "aws.guardduty";
    static final String DETAIL_TYPE = "GuardDuty Malware Protection Object Scan Result";

    @Inject
    EvidenceStore evidence;
    @Inject
    EvidenceRecorder recorder;
    @Inject
    EvidenceBucket bucket;
    @Inject
    Clock clock;

    /** The constructor Lambda calls. */
    public EvidenceScanResultHandler() {
        super(JsonNode.class, Startup.preparing(Evidence.class));
    }

    /** Tests start the handler with their own settings or beans. */
    public EvidenceScanResultHandler(ApplicationContextBuilder builder) {
        super(JsonNode.class, builder);
    }

    @Override
    protected Map<String, Object> handle(JsonNode event, Context lambdaContext) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("outcome", handle(event));
        return response;
    }

    @Override
    protected String failureMessage() {
        return "malware scan result not recorded";
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

}
