package org.groupeval.domain.evidence;

/** Where an evidence file stands (docs/data-model.md, EvidenceTable). */
public enum EvidenceStatus {
    /** Declared; the upload has not arrived or has not been checked yet. */
    PENDING,
    /** The stored object matches the declaration: size, SHA-256 and type by content. */
    VERIFIED,
    /** The stored object does not match the declaration; {@code reason} says how. */
    REJECTED,
    /** Withdrawn by the school; kept, and readable by the city for audit. */
    WITHDRAWN
}
