package org.groupeval.domain.evidence;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.Role;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.GroupRules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of evidence (rules.md §11.1): what makes a declaration valid within the limits,
 * who may declare, read and withdraw, and how a stored file is judged against its declaration.
 */
public final class EvidenceRules {

    public static final int MAX_TITLE = 200;
    public static final int MAX_MATERIAL_NUMBER = 40;
    public static final int MAX_FILE_NAME = 255;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern INDICATOR = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private EvidenceRules() {
    }

    /**
     * Validates a declaration against the limits and the cycle's framework; every invalid field is reported at once,
     * and a field refused by a limit names the setting. Returns the declaration normalised (trimmed, lowercase hash,
     * canonical media type).
     */
    public static EvidenceDeclaration validate(EvidenceDeclaration d, EvidenceLimits limits, Framework framework) {
        List<FieldError> errors = new ArrayList<>();
        List<Object> violatedLimits = new ArrayList<>();
        String indicatorId = trim(d.indicatorId());
        if (indicatorId == null) {
            errors.add(new FieldError("/indicatorId", "indicatorId is required, e.g. "
                    + framework.indicatorIds().get(0)));
        } else if (!INDICATOR.matcher(indicatorId).matches() || framework.indicator(indicatorId).isEmpty()) {
            errors.add(new FieldError("/indicatorId", "indicator '" + indicatorId + "' is not in framework "
                    + framework.id() + " version " + framework.version() + " of this cycle; its indicators are "
                    + framework.indicatorIds()));
        }
        requireText(errors, "/title", d.title(), MAX_TITLE);
        requireText(errors, "/materialNumber", d.materialNumber(), MAX_MATERIAL_NUMBER);
        String fileName = trim(d.fileName());
        if (fileName == null) {
            errors.add(new FieldError("/fileName", "fileName is required, e.g. 集团章程.pdf"));
        } else if (fileName.length() > MAX_FILE_NAME || fileName.contains("/") || fileName.contains("\\")
                || CONTROL.matcher(fileName).find() || fileName.equals(".") || fileName.equals("..")) {
            errors.add(new FieldError("/fileName", "fileName must be a plain file name of at most " + MAX_FILE_NAME
                    + " characters, without path separators or control characters"));
        }
        Optional<FileType> type = FileType.ofMediaType(d.contentType());
        if (trim(d.contentType()) == null) {
            errors.add(new FieldError("/contentType", "contentType is required: one of "
                    + limits.allowedDescriptions()));
        } else if (type.isEmpty() || !limits.allows(type.get())) {
            errors.add(new FieldError("/contentType", "content type '" + d.contentType().trim()
                    + "' is not allowed (setting " + EvidenceLimits.ALLOWED_TYPES + "): use one of "
                    + limits.allowedDescriptions()));
            violatedLimits.add(EvidenceLimits.limit(EvidenceLimits.ALLOWED_TYPES,
                    limits.allowedTypes().stream().map(FileType::code).toList()));
        }
        if (d.size() == null) {
            errors.add(new FieldError("/size", "size (in bytes) is required"));
        } else if (d.size() < 1) {
            errors.add(new FieldError("/size", "size must be at least 1 byte"));
        } else if (d.size() > limits.maxBytes()) {
            errors.add(new FieldError("/size", "size " + d.size() + " bytes exceeds the limit of "
                    + limits.maxBytes() + " bytes (setting " + EvidenceLimits.MAX_BYTES + ")"));
            violatedLimits.add(EvidenceLimits.limit(EvidenceLimits.MAX_BYTES, limits.maxBytes()));
        }
        String sha = trim(d.sha256());
        if (sha == null) {
            errors.add(new FieldError("/sha256", "sha256 (64 hex digits) is required"));
        } else if (!SHA256.matcher(sha.toLowerCase(Locale.ROOT)).matches()) {
            errors.add(new FieldError("/sha256", "sha256 must be the file's SHA-256 as 64 hex digits"));
        }
        if (!errors.isEmpty()) {
            DomainException e = DomainException.invalid(errors.size() + " field(s) of the declaration are not valid",
                    errors);
            if (!violatedLimits.isEmpty()) {
                e.with("limits", violatedLimits);
            }
            throw e;
        }
        return new EvidenceDeclaration(indicatorId, d.title().trim(), d.materialNumber().trim(), fileName,
                type.orElseThrow().mediaType(), d.size(), sha.toLowerCase(Locale.ROOT));
    }

    /** A new, pending evidence record from a valid declaration. */
    public static Evidence declare(String evidenceId, Group group, int year, EvidenceDeclaration valid, Caller caller,
                                   Instant now) {
        return new Evidence(evidenceId, group.groupId(), year, valid.indicatorId(), valid.title(),
                valid.materialNumber(), valid.fileName(), valid.contentType(), valid.size(), valid.sha256(),
                EvidenceStatus.PENDING, null, now, caller.subject(), null, null, null, 1);
    }

    /** Only the group's core school declares and withdraws its evidence (rules.md §11.1). */
    public static boolean canFile(Caller caller, Group group) {
        return caller.isSchool(group.coreSchool().code());
    }

    /**
     * Readers: the group's school, its district, the city, and experts on the group's panel of that cycle
     * ({@code assignedExpert}).
     */
    public static boolean canRead(Caller caller, Group group, boolean assignedExpert) {
        return caller.is(Role.EXPERT) ? assignedExpert : GroupRules.canRead(caller, group);
    }

    /** Withdrawn files stay retrievable to the city only, for audit. */
    public static boolean seesWithdrawn(Caller caller) {
        return caller.is(Role.CITY);
    }

    /**
     * The refusal of a withdrawal once the group's self-assessment is submitted: a school withdraws a file only until
     * then. The evidence store gives it when the sheet is submitted at the moment of the write.
     */
    public static DomainException withdrawalLocked(Evidence evidence) {
        return DomainException.conflict("self-assessment-submitted", "Self-assessment already submitted",
                "Evidence " + evidence.evidenceId() + " can no longer be withdrawn: the group's self-assessment "
                        + "for " + evidence.year() + " has been submitted, and reviewers rely on its evidence.");
    }

    /**
     * Judges a stored file against its declaration. Every mismatch is named; the verdict is {@code VERIFIED} only
     * when size, SHA-256 and the type found in the content all match.
     */
    public static Verdict judge(Evidence declared, ContentInspection actual) {
        List<String> reasons = new ArrayList<>();
        if (actual.size() != declared.size()) {
            reasons.add("size is " + actual.size() + " bytes, declared " + declared.size());
        }
        if (!actual.sha256().equals(declared.sha256())) {
            reasons.add("SHA-256 is " + actual.sha256() + ", declared " + declared.sha256());
        }
        FileType expected = FileType.ofMediaType(declared.contentType()).orElse(null);
        if (actual.type().isEmpty() || actual.type().get() != expected) {
            reasons.add("content is " + actual.detected() + ", not "
                    + (expected == null ? declared.contentType() : expected.describe()) + " as declared");
        } else if (actual.defect().isPresent()) {
            reasons.add("content is not a valid " + expected.describe() + ": " + actual.defect().get());
        }
        return reasons.isEmpty() ? new Verdict(EvidenceStatus.VERIFIED, null)
                : new Verdict(EvidenceStatus.REJECTED, String.join("; ", reasons));
    }

    /**
     * What the checks known so far decide (docs/evidence.md, "Verification"): {@code REJECTED} as soon as the content
     * check fails or a malware scan of the checked object found threats; {@code VERIFIED} only when the content check
     * passed and, with {@code scanRequired}, a scan of the same object version found no threats; otherwise still
     * {@code PENDING} (with a reason when the scan ended without a verdict, so someone looks at it).
     */
    public static Verdict decide(Verification checks, boolean scanRequired) {
        Verification.ContentCheck content = checks.content();
        List<String> threats = new ArrayList<>();
        Verification.MalwareScan scan = null;
        for (Verification.MalwareScan s : checks.scans()) {
            boolean thisObject = content == null || s.object() == null || s.object().equals(content.object());
            if (thisObject && Verification.MalwareScan.THREATS.equals(s.status())) {
                threats.addAll(s.threats().isEmpty() ? List.of("an unnamed threat") : s.threats());
            }
            if (content != null && s.object() != null && s.object().equals(content.object())) {
                scan = s;
            }
        }
        List<String> reasons = new ArrayList<>();
        if (content != null && !content.sound()) {
            reasons.add(content.reason());
        }
        if (!threats.isEmpty()) {
            reasons.add("the malware scan found " + String.join(", ", threats));
        }
        if (!reasons.isEmpty()) {
            return new Verdict(EvidenceStatus.REJECTED, String.join("; ", reasons));
        }
        if (content == null) {
            return new Verdict(EvidenceStatus.PENDING, null);
        }
        if (!scanRequired || (scan != null && Verification.MalwareScan.CLEAN.equals(scan.status()))) {
            return new Verdict(EvidenceStatus.VERIFIED, null);
        }
        return scan == null ? new Verdict(EvidenceStatus.PENDING, null)
                : new Verdict(EvidenceStatus.PENDING, "the malware scan gave no verdict on this upload ("
                + scan.status() + "); the file stays pending until it is scanned again");
    }

    /**
     * The record with a content check of one stored object version recorded and its status decided again; a withdrawn
     * record is left as it is.
     */
    public static Evidence recordContentCheck(Evidence e, String objectId, Verdict content, boolean scanRequired,
                                              Instant now) {
        if (e.status() == EvidenceStatus.WITHDRAWN) {
            return e;
        }
        Verification checks = e.verification().withContent(new Verification.ContentCheck(objectId,
                content.status() == EvidenceStatus.VERIFIED, content.reason(), now));
        return e.verifiedAs(checks, decide(checks, scanRequired), now);
    }

    /**
     * The record with a malware scan result recorded and its status decided again (a result arrives only where
     * scanning is on, so it is required); unchanged when the result was already recorded or the file withdrawn.
     */
    public static Evidence recordScan(Evidence e, Verification.MalwareScan scan, Instant now) {
        Verification checks = e.verification().withScan(scan);
        if (e.status() == EvidenceStatus.WITHDRAWN || checks == e.verification()) {
            return e;
        }
        return e.verifiedAs(checks, decide(checks, true), now);
    }

    /** A size mismatch is known from the object's metadata before reading a byte. */
    public static Optional<Verdict> judgeSize(Evidence declared, long storedSize) {
        return storedSize == declared.size() ? Optional.empty()
                : Optional.of(new Verdict(EvidenceStatus.REJECTED, "size is " + storedSize + " bytes, declared "
                + declared.size()));
    }

    public record Verdict(EvidenceStatus status, String reason) {
    }

    private static void requireText(List<FieldError> errors, String pointer, String value, int max) {
        String v = trim(value);
        String name = pointer.substring(1);
        if (v == null) {
            errors.add(new FieldError(pointer, name + " is required"));
        } else if (v.length() > max || CONTROL.matcher(v).find()) {
            errors.add(new FieldError(pointer, name + " must be at most " + max + " characters, without control "
                    + "characters"));
        }
    }

    static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
