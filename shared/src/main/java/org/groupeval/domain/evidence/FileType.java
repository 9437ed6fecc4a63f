package org.groupeval.domain.evidence;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of evidence file the platform accepts (rules.md §11.1: PDF scans, photos, Word/Excel/PowerPoint,
 * short videos), each with the media type a declaration names and the presigned upload is bound to.
 */
public enum FileType {
    PDF("pdf", "application/pdf"),
    JPG("jpg", "image/jpeg"),
    PNG("png", "image/png"),
    DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    PPTX("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    MP4("mp4", "video/mp4");

    private final String code;
    private final String mediaType;

    FileType(String code, String mediaType) {
        this.code = code;
        this.mediaType = mediaType;
    }

    /** The short name used in settings ({@code EVIDENCE_ALLOWED_TYPES=pdf,jpg,...}). */
    public String code() {
        return code;
    }

    public String mediaType() {
        return mediaType;
    }

    /** {@code pdf (application/pdf)}: how messages name a type. */
    public String describe() {
        return code + " (" + mediaType + ")";
    }

    public static Optional<FileType> ofCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim().toLowerCase(Locale.ROOT);
        String normalized = c.equals("jpeg") ? "jpg" : c;
        return Arrays.stream(values()).filter(t -> t.code.equals(normalized)).findFirst();
    }

    /** The type of a media type, ignoring case and parameters ({@code application/PDF; x=y} is PDF). */
    public static Optional<FileType> ofMediaType(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        int semicolon = mediaType.indexOf(';');
        String bare = (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.mediaType.equals(bare)).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(FileType::code).toList();
    }
}
