package org.groupeval.domain.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The two checks of an uploaded evidence file, each kept as it arrives (docs/evidence.md, "Verification"): the
 * content check of the stored bytes against the declaration, and the malware scans of the stored object. Either may
 * come first; {@link EvidenceRules#decide} turns what is known into the file's status.
 *
 * @param content the latest content check (null until one ran)
 * @param scans   the malware scan results, the latest per object version, at most {@link #KEPT_SCANS}
 */
public record Verification(ContentCheck content, List<MalwareScan> scans) {

    /** Scans of earlier versions are kept this far back (a late result must not stand for a newer upload). */
    public static final int KEPT_SCANS = 10;

    public Verification {
        scans = scans == null ? List.of() : List.copyOf(scans);
    }

    public static final Verification NONE = new Verification(null, List.of());

    /**
     * The outcome of checking one stored object version's bytes against the declaration.
     *
     * @param object the object version checked ({@link #objectId})
     * @param sound  whether size, SHA-256, type and structure all matched
     * @param reason what did not match (null when sound)
     */
    public record ContentCheck(String object, boolean sound, String reason, Instant at) {
    }

    /**
     * A malware scan's result for one stored object version (GuardDuty Malware Protection for S3).
     *
     * @param object  the object version scanned ({@link #objectId})
     * @param status  {@code NO_THREATS_FOUND}, {@code THREATS_FOUND}, or why there is no verdict
     *                ({@code UNSUPPORTED}, {@code ACCESS_DENIED}, {@code FAILED})
     * @param threats the names of the threats found
     */
    public record MalwareScan(String object, String status, List<String> threats, Instant at) {
        public static final String CLEAN = "NO_THREATS_FOUND";
        public static final String THREATS = "THREATS_FOUND";

        public MalwareScan {
            threats = threats == null ? List.of() : List.copyOf(threats);
        }
    }

    /**
     * Names one version of a stored object: its version id in a versioned bucket, else its ETag (the local S3 keeps
     * no versions). Both the bucket notification and the malware scan result carry both.
     */
    public static String objectId(String versionId, String eTag) {
        if (versionId != null && !versionId.isBlank() && !versionId.equals("null")) {
            return "version:" + versionId;
        }
        return eTag == null || eTag.isBlank() ? null : "etag:" + eTag.replace("\"", "");
    }

    public Verification withContent(ContentCheck check) {
        return new Verification(check, scans);
    }

    /** With {@code scan} as the result for its object version; unchanged if that result is already recorded. */
    public Verification withScan(MalwareScan scan) {
        List<MalwareScan> next = new ArrayList<>();
        for (MalwareScan s : scans) {
            if (s.object() != null && s.object().equals(scan.object())) {
                if (s.status().equals(scan.status()) && s.threats().equals(scan.threats())) {
                    return this;
                }
            } else {
                next.add(s);
            }
        }
        next.add(scan);
        return new Verification(content, next.subList(Math.max(0, next.size() - KEPT_SCANS), next.size()));
    }
}
