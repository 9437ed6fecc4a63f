package org.groupeval.domain.evidence;

import org.groupeval.domain.DomainException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BinaryOperator;

/**
 * The evidence limits (rules.md §11.1), each a setting with a default. A violation names the setting, so an
 * operator knows which one to change: {@code EVIDENCE_MAX_BYTES} etc.
 */
public record EvidenceLimits(Set<FileType> allowedTypes, long maxBytes, int maxFilesPerGroupAndCycle,
                             Duration uploadUrlTtl, Duration downloadUrlTtl) {

    public static final String ALLOWED_TYPES = "EVIDENCE_ALLOWED_TYPES";
    public static final String MAX_BYTES = "EVIDENCE_MAX_BYTES";
    public static final String MAX_FILES = "EVIDENCE_MAX_FILES";
    public static final String UPLOAD_URL_TTL = "EVIDENCE_UPLOAD_URL_TTL_SECONDS";
    public static final String DOWNLOAD_URL_TTL = "EVIDENCE_DOWNLOAD_URL_TTL_SECONDS";

    public static final String DEFAULT_ALLOWED_TYPES = "pdf,jpg,png,docx,xlsx,pptx,mp4";
    /** 50 MB (rules.md §11.1: "up to tens of megabytes"). */
    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;
    public static final int DEFAULT_MAX_FILES = 300;
    public static final long DEFAULT_UPLOAD_URL_TTL_SECONDS = 15 * 60;
    public static final long DEFAULT_DOWNLOAD_URL_TTL_SECONDS = 5 * 60;
    /** SigV4 presigned URLs cannot live longer than 7 days. */
    private static final long MAX_URL_TTL_SECONDS = 7L * 24 * 3600;

    public EvidenceLimits {
        allowedTypes = Collections.unmodifiableSet(allowedTypes.isEmpty() ? EnumSet.noneOf(FileType.class)
                : EnumSet.copyOf(allowedTypes));
    }

    public static EvidenceLimits defaults() {
        return from((name, fallback) -> fallback);
    }

    /**
     * Reads the limits from settings ({@code setting.apply(name, default)}); a malformed setting fails loudly at
     * start-up rather than silently falling back.
     */
    public static EvidenceLimits from(BinaryOperator<String> setting) {
        List<String> problems = new ArrayList<>();
        EnumSet<FileType> types = EnumSet.noneOf(FileType.class);
        for (String code : setting.apply(ALLOWED_TYPES, DEFAULT_ALLOWED_TYPES).split(",")) {
            if (code.isBlank()) {
                continue;
            }
            FileType.ofCode(code).ifPresentOrElse(types::add,
                    () -> problems.add(ALLOWED_TYPES + ": unknown type '" + code.trim() + "', known: " + FileType.codes()));
        }
        if (types.isEmpty()) {
            problems.add(ALLOWED_TYPES + ": allows no type at all");
        }
        long maxBytes = number(setting, MAX_BYTES, DEFAULT_MAX_BYTES, 1, 5L * 1024 * 1024 * 1024, problems);
        long maxFiles = number(setting, MAX_FILES, DEFAULT_MAX_FILES, 1, 100_000, problems);
        long upload = number(setting, UPLOAD_URL_TTL, DEFAULT_UPLOAD_URL_TTL_SECONDS, 1, MAX_URL_TTL_SECONDS, problems);
        long download = number(setting, DOWNLOAD_URL_TTL, DEFAULT_DOWNLOAD_URL_TTL_SECONDS, 1, MAX_URL_TTL_SECONDS,
                problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid evidence settings: " + String.join("; ", problems));
        }
        return new EvidenceLimits(types, maxBytes, (int) maxFiles, Duration.ofSeconds(upload),
                Duration.ofSeconds(download));
    }

    private static long number(BinaryOperator<String> setting, String name, long fallback, long min, long max,
                               List<String> problems) {
        String raw = setting.apply(name, Long.toString(fallback));
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + ": '" + raw + "' is not a whole number from " + min + " to " + max);
        return fallback;
    }

    public boolean allows(FileType type) {
        return allowedTypes.contains(type);
    }

    public List<String> allowedDescriptions() {
        return allowedTypes.stream().map(FileType::describe).toList();
    }

    /** The 409 for a group that already holds the most files a group may hold in one cycle. */
    public DomainException tooManyFiles(String groupId, int year) {
        return DomainException.conflict("evidence-limit-reached", "Too many evidence files",
                        "Group " + groupId + " already has " + maxFilesPerGroupAndCycle + " evidence files in cycle "
                                + year + ", the most allowed (setting " + MAX_FILES + "). Withdraw a file first.")
                .with("limit", limit(MAX_FILES, maxFilesPerGroupAndCycle));
    }

    /** A machine-readable name and value of a limit, added to problems. */
    public static java.util.Map<String, Object> limit(String setting, Object value) {
        java.util.Map<String, Object> limit = new java.util.LinkedHashMap<>();
        limit.put("setting", setting);
        limit.put("value", value);
        return limit;
    }
}
