package org.groupeval.domain.evidence;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One evidence file (印证材料) of one group in one cycle, attached to one indicator (rules.md §11.1). The bytes
 * live in S3 under {@link #objectKey()}; this is the record of what was declared and what the check found.
 */
public record Evidence(String evidenceId, String groupId, int year, String indicatorId, String title,
                       String materialNumber, String fileName, String contentType, long size, String sha256,
                       EvidenceStatus status, String reason, Instant declaredAt, String declaredBy,
                       Instant checkedAt, Instant withdrawnAt, String withdrawnBy, long version,
                       Verification verification) {

    /** A record without checks yet (as declared, or as stored before checks were kept). */
    public Evidence(String evidenceId, String groupId, int year, String indicatorId, String title,
                    String materialNumber, String fileName, String contentType, long size, String sha256,
                    EvidenceStatus status, String reason, Instant declaredAt, String declaredBy,
                    Instant checkedAt, Instant withdrawnAt, String withdrawnBy, long version) {
        this(evidenceId, groupId, year, indicatorId, title, materialNumber, fileName, contentType, size, sha256, status,
                reason, declaredAt, declaredBy, checkedAt, withdrawnAt, withdrawnBy, version, Verification.NONE);
    }

    public Evidence {
        verification = verification == null ? Verification.NONE : verification;
    }

    /** The S3 key of the file (docs/data-model.md): a bucket notification finds the record by key alone. */
    public String objectKey() {
        return objectKey(year, groupId, evidenceId);
    }

    public static String objectKey(int year, String groupId, String evidenceId) {
        return "evidence/" + year + "/" + groupId + "/" + evidenceId;
    }

    /** Which record an object key names ({@code evidence/{year}/{groupId}/{evidenceId}}); empty for another shape. */
    public static Optional<Key> keyOf(String objectKey) {
        Matcher m = KEY.matcher(objectKey == null ? "" : objectKey);
        return m.matches() ? Optional.of(new Key(Integer.parseInt(m.group(1)), m.group(2), m.group(3)))
                : Optional.empty();
    }

    private static final Pattern KEY = Pattern.compile("evidence/(\\d{4})/([A-Za-z0-9_-]{1,80})/([A-Za-z0-9_-]{1,80})");

    /** The record an object key names. */
    public record Key(int year, String groupId, String evidenceId) {
    }

    public Evidence checked(EvidenceStatus outcome, String why, Instant at) {
        return new Evidence(evidenceId, groupId, year, indicatorId, title, materialNumber, fileName, contentType, size,
                sha256, outcome, why, declaredAt, declaredBy, at, withdrawnAt, withdrawnBy, version, verification);
    }

    /**
     * With the checks known so far and the status they decide ({@link EvidenceRules#decide}); {@code checkedAt} is
     * when a verdict was reached, null while the file is pending.
     */
    public Evidence verifiedAs(Verification checks, EvidenceRules.Verdict verdict, Instant at) {
        return new Evidence(evidenceId, groupId, year, indicatorId, title, materialNumber, fileName, contentType, size,
                sha256, verdict.status(), verdict.reason(), declaredAt, declaredBy,
                verdict.status() == EvidenceStatus.PENDING ? null : at, withdrawnAt, withdrawnBy, version, checks);
    }

    public Evidence withdrawn(String by, Instant at) {
        return new Evidence(evidenceId, groupId, year, indicatorId, title, materialNumber, fileName, contentType, size,
                sha256, EvidenceStatus.WITHDRAWN, reason, declaredAt, declaredBy, checkedAt, at, by, version,
                verification);
    }

    public Evidence withVersion(long newVersion) {
        return new Evidence(evidenceId, groupId, year, indicatorId, title, materialNumber, fileName, contentType, size,
                sha256, status, reason, declaredAt, declaredBy, checkedAt, withdrawnAt, withdrawnBy, newVersion,
                verification);
    }

    /** Whether the file was checked and found to match (a withdrawn file keeps the outcome of its check). */
    public boolean verified() {
        return status == EvidenceStatus.VERIFIED
                || (status == EvidenceStatus.WITHDRAWN && checkedAt != null && reason == null);
    }
}
