package org.groupeval.domain.evidence;

import java.time.Instant;

/**
 * One evidence file (印证材料) of one group in one cycle, attached to one indicator (rules.md §11.1). The bytes
 * live in S3 under {@link #objectKey()}; this is the record of what was declared and what the check found.
 */
public record Evidence(String evidenceId, String groupId, int year, String indicatorId, String title,
                       String materialNumber, String fileName, String contentType, long size, String sha256,
                       EvidenceStatus status, String reason, Instant declaredAt, String declaredBy,
                       Instant checkedAt, Instant withdrawnAt, String withdrawnBy, long version) {

    /** The S3 key of the file (docs/data-model.md): a bucket notification finds the record by key alone. */
    public String objectKey() {
        return objectKey(year, groupId, evidenceId);
    }

    public static String objectKey(int year, String groupId, String evidenceId) {
        return "evidence/" + year + "/" + groupId + "/" + evidenceId;
    }

    public Evidence checked(EvidenceStatus outcome, String why, Instant at) {
        return new Evidence(evidenceId, groupId, year, indicatorId, title, materialNumber, fileName, contentType, size,
                sha256, outcome, why, declaredAt, declaredBy, at, withdrawnAt, withdrawnBy, version);
    }

    public Evidence withdrawn(String by, Instant at) {
        return new Evidence(evidenceId, groupId, year, indicatorId, title, materialNumber, fileName, contentType, size,
                sha256, EvidenceStatus.WITHDRAWN, reason, declaredAt, declaredBy, checkedAt, at, by, version);
    }

    public Evidence withVersion(long newVersion) {
        return new Evidence(evidenceId, groupId, year, indicatorId, title, materialNumber, fileName, contentType, size,
                sha256, status, reason, declaredAt, declaredBy, checkedAt, withdrawnAt, withdrawnBy, newVersion);
    }

    /** Whether the file was checked and found to match (a withdrawn file keeps the outcome of its check). */
    public boolean verified() {
        return status == EvidenceStatus.VERIFIED
                || (status == EvidenceStatus.WITHDRAWN && checkedAt != null && reason == null);
    }
}
