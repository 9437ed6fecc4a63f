package org.groupeval.evidence;

import jakarta.inject.Singleton;
import org.groupeval.domain.evidence.Evidence;
import org.groupeval.domain.evidence.EvidenceStatus;
import org.groupeval.store.EvidenceStore;
import org.groupeval.web.StructuredLog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Writes what a check found into an evidence record: the change is applied to the record as stored and written only
 * over that version, read again and re-applied when something else wrote first (the content check and the malware
 * scan result may arrive together, and either may arrive twice). A change that leaves the record as it is writes
 * nothing.
 */
@Singleton
public class EvidenceRecorder {

    private static final int ATTEMPTS = 5;

    private final EvidenceStore evidence;

    public EvidenceRecorder(EvidenceStore evidence) {
        this.evidence = evidence;
    }

    /** The record after {@code change}, as stored. */
    public Evidence record(Evidence first, UnaryOperator<Evidence> change) {
        Evidence current = first;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Evidence next = change.apply(current);
            if (next == current) {
                return current;
            }
            Optional<Evidence> saved = evidence.replace(next, current.version());
            if (saved.isPresent()) {
                return saved.get();
            }
            current = evidence.find(first.year(), first.groupId(), first.evidenceId()).orElseThrow(() ->
                    new IllegalStateException("evidence " + first.evidenceId() + " disappeared"));
        }
        throw new IllegalStateException("evidence " + first.evidenceId() + " kept changing while being checked");
    }

    /**
     * One log line for a recorded verdict: the record, its status and, when there is one, the reason. A file left
     * pending with a reason (a scan without a verdict) is logged as an error, for someone to look at.
     */
    static void log(String message, Evidence saved, Map<String, Object> extra) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("evidenceId", saved.evidenceId());
        fields.put("groupId", saved.groupId());
        fields.put("year", saved.year());
        fields.put("status", saved.status());
        if (saved.reason() != null) {
            fields.put("reason", saved.reason());
        }
        fields.putAll(extra);
        if (saved.status() == EvidenceStatus.PENDING && saved.reason() != null) {
            StructuredLog.error(message + ": no verdict", fields);
        } else {
            StructuredLog.info(message, fields);
        }
    }
}
