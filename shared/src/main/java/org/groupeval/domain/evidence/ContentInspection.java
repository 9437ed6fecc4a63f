package org.groupeval.domain.evidence;

import org.groupeval.domain.evidence.content.Bytes;
import org.groupeval.domain.evidence.content.Defect;
import org.groupeval.domain.evidence.content.MediaStructure;
import org.groupeval.domain.evidence.content.OoxmlStructure;
import org.groupeval.domain.evidence.content.PdfStructure;
import org.groupeval.domain.evidence.content.Sniff;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * What a stored file really is, found from its bytes, never its name (rules.md §11.1): its size, its SHA-256, its type by its first
 * bytes, and whether the whole file is sound for that type (docs/evidence.md, "Verification"). A file that only
 * starts like its type ({@code %PDF-} and then an executable, a ZIP with Word's part names and a program inside)
 * has the type and a {@link #defect()} saying what is wrong and where:
 *
 * <ul>
 *   <li>PDF: {@link PdfStructure} (cross-references, trailer, every object, pages; no scripts or embedded files)</li>
 *   <li>Word, Excel, PowerPoint: {@link OoxmlStructure} (the archive, the package, every part's name and kind)</li>
 *   <li>JPEG, PNG, MP4: {@link MediaStructure} (markers, chunks with their CRCs, boxes; nothing after the end)</li>
 * </ul>
 *
 * The bytes are read once from the stream into a temporary file (size and SHA-256 on the way), so a file of tens of
 * megabytes is never held in memory; the file is deleted before this returns.
 *
 * @param size     bytes read
 * @param sha256   lowercase hex SHA-256 of the bytes
 * @param type     the recognised type, if the content is one of {@link FileType}
 * @param detected what the content is, in words ("a PDF document", "a Windows executable", ...)
 * @param defect   for a recognised type, what makes the file unsound for it; empty when it is sound
 */
public record ContentInspection(long size, String sha256, Optional<FileType> type, String detected,
                                Optional<String> defect) {

    private static final Set<String> MP4_BRANDS = Set.of("isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41",
            "mp42", "avc1", "dash", "M4V ", "mmp4", "msnv", "f4v ");

    /** A sound file of a type (or content of none). */
    public ContentInspection(long size, String sha256, Optional<FileType> type, String detected) {
        this(size, sha256, type, detected, Optional.empty());
    }

    /** Reads {@code in} to its end (without closing it). */
    public static ContentInspection of(InputStream in) throws IOException {
        Path spool = Files.createTempFile("evidence-", ".bin");
        try {
            MessageDigest sha256 = newDigest();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(spool), sha256)) {
                size = in.transferTo(out);
            }
            String hex = HexFormat.of().formatHex(sha256.digest());
            try (Bytes bytes = Bytes.of(spool)) {
                return inspect(bytes, size, hex);
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static ContentInspection inspect(Bytes bytes, long size, String sha256) {
        if (bytes.startsWith(0, "%PDF-")) {
            return checked(size, sha256, FileType.PDF, "a PDF document", () -> PdfStructure.check(bytes));
        }
        if (bytes.startsWith(0, "\u00FF\u00D8\u00FF")) {
            return checked(size, sha256, FileType.JPG, "a JPEG image", () -> MediaStructure.jpeg(bytes));
        }
        if (bytes.startsWith(0, "\u0089PNG\r\n\u001A\n")) {
            return checked(size, sha256, FileType.PNG, "a PNG image", () -> MediaStructure.png(bytes));
        }
        if (bytes.length() >= 12 && bytes.startsWith(4, "ftyp")) {
            if (!mp4(bytes)) {
                return new ContentInspection(size, sha256, Optional.empty(), "an ISO media file of brand '"
                        + bytes.ascii(8, 4).trim() + "' (not MP4)");
            }
            return checked(size, sha256, FileType.MP4, "an MP4 video", () -> MediaStructure.mp4(bytes));
        }
        if (bytes.startsWith(0, "PK\u0003\u0004")) {
            OoxmlStructure.Outcome office;
            try {
                office = OoxmlStructure.inspect(bytes);
            } catch (RuntimeException unreadable) {
                return unexpected(size, sha256, null, "a ZIP archive", unreadable);
            }
            return new ContentInspection(size, sha256, Optional.ofNullable(office.type()), office.detected(),
                    Optional.ofNullable(office.defect()));
        }
        return new ContentInspection(size, sha256, Optional.empty(), size == 0 ? "empty" : Sniff.at(bytes, 0));
    }

    private static ContentInspection checked(long size, String sha256, FileType type, String detected,
                                             Runnable check) {
        try {
            check.run();
            return new ContentInspection(size, sha256, Optional.of(type), detected);
        } catch (Defect defect) {
            return new ContentInspection(size, sha256, Optional.of(type), detected,
                    Optional.of(defect.getMessage()));
        } catch (RuntimeException unreadable) {
            return unexpected(size, sha256, type, detected, unreadable);
        }
    }

    /** A file that made a structure check fail in a way it does not describe: unsound, never a crash. */
    private static ContentInspection unexpected(long size, String sha256, FileType type, String detected,
                                                RuntimeException e) {
        if (e instanceof UncheckedIOException io) {
            throw io;
        }
        return new ContentInspection(size, sha256, Optional.ofNullable(type), detected,
                Optional.of("it cannot be read as " + detected + " (" + e.getClass().getSimpleName() + ")"));
    }

    private static boolean mp4(Bytes bytes) {
        if (MP4_BRANDS.contains(bytes.ascii(8, 4))) {
            return true;
        }
        long boxSize = bytes.u32be(0);
        long end = Math.min(boxSize, 64);
        for (long i = 16; i + 4 <= end; i += 4) {
            if (MP4_BRANDS.contains(bytes.ascii(i, 4))) {
                return true;
            }
        }
        return false;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
