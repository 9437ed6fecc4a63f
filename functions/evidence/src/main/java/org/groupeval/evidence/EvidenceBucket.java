package org.groupeval.evidence;

/** The name of the evidence bucket ({@code EVIDENCE_BUCKET}; template.yaml: {@code !Ref EvidenceBucket}). */
public record EvidenceBucket(String name) {
}
