package org.groupeval.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupeval.evidence.EvidenceFixture.World;
import org.groupeval.local.LambdaEvents;
import org.groupeval.local.LocalContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import static org.groupeval.evidence.EvidenceFixture.declaration;
import static org.groupeval.evidence.EvidenceFixture.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The S3 trigger fed the sample notification of events/evidence; a misconfigured function fails loudly. */
class EvidenceStartupAndEventsTest {

    private static EvidenceFixture fx;

    @BeforeAll
    static void start() {
        fx = EvidenceFixture.get();
    }

    @Test
    void theSampleNotificationDeliveredAgainGivesTheSameVerdict() throws Exception {
        World w = fx.world();
        byte[] content = pdf("twice");
        JsonNode declared = fx.declared(w, declaration("A11", "twice.pdf", "application/pdf", content));
        fx.upload(declared, content);
        JsonNode first = fx.awaitChecked(w, declared.get("evidenceId").asText());
        assertEquals("VERIFIED", first.get("status").asText());

        ObjectNode event = (ObjectNode) EvidenceFixture.JSON.readTree(LambdaEvents.sampleJson(
                "evidence/s3-object-created.json"));
        ObjectNode s3 = (ObjectNode) event.at("/Records/0/s3");
        ((ObjectNode) s3.get("bucket")).put("name", fx.bucket);
        ObjectNode object = (ObjectNode) s3.get("object");
        object.put("key", "evidence/" + w.year() + "/" + w.groupId() + "/" + declared.get("evidenceId").asText());
        object.put("size", content.length);
        object.remove("versionId");
        String result = EvidenceFixture.JSON.readValue(LambdaEvents.call(new EvidenceUploadHandler(),
                event.toString(), LocalContext.of("t", "EvidenceUpload")), String.class);
        assertEquals("1 object(s) checked", result);
        JsonNode again = fx.awaitChecked(w, declared.get("evidenceId").asText());
        assertEquals("VERIFIED", again.get("status").asText());
        assertTrue(Instant.parse(again.get("checkedAt").asText()).isAfter(Instant.parse(first.get("checkedAt")
                .asText())));
    }

    @Test
    void withoutItsBucketTheFunctionRefusesToStart() {
        String bucket = System.getProperty(EvidenceConfiguration.BUCKET);
        System.clearProperty(EvidenceConfiguration.BUCKET);
        try {
            RuntimeException e = assertThrows(RuntimeException.class, EvidenceHandler::new);
            String messages = messages(e);
            assertTrue(messages.contains("EVIDENCE_BUCKET is not set"), messages);
        } finally {
            System.setProperty(EvidenceConfiguration.BUCKET, bucket);
        }
    }

    @Test
    void withoutItsBucketNeitherTheUploadCheckNorTheScanResultFunctionStarts() {
        String bucket = System.getProperty(EvidenceConfiguration.BUCKET);
        System.clearProperty(EvidenceConfiguration.BUCKET);
        try {
            for (Supplier<AutoCloseable> function : List.<Supplier<AutoCloseable>>of(EvidenceUploadHandler::new,
                    EvidenceScanResultHandler::new)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, function::get);
                assertTrue(e.getMessage().contains(" did not start: "), e.getMessage());
                assertTrue(messages(e).contains("EVIDENCE_BUCKET is not set"), messages(e));
            }
        } finally {
            System.setProperty(EvidenceConfiguration.BUCKET, bucket);
        }
    }

    /** The messages of an exception and its causes, one a line. */
    private static String messages(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
