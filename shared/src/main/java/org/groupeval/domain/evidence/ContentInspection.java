package org.groupeval.domain.evidence;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What a stored file really is, found from its bytes in one pass: its size, its SHA-256 and its type by content
 * ("magic bytes"), never by its name (rules.md §11.1). Office files are ZIP containers: the part names inside
 * ({@code word/}, {@code xl/}, {@code ppt/} next to {@code [Content_Types].xml}) tell a .docx from an .xlsx.
 *
 * @param size     bytes read
 * @param sha256   lowercase hex SHA-256 of the bytes
 * @param type     the recognised type, if the content is one of {@link FileType}
 * @param detected what the content is, in words ("a PDF document", "a Windows executable", ...)
 */
public record ContentInspection(long size, String sha256, Optional<FileType> type, String detected) {

    private static final int HEAD = 64;
    private static final Set<String> MP4_BRANDS = Set.of("isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41",
            "mp42", "avc1", "dash", "M4V ", "mmp4", "msnv", "f4v ");

    /** Reads {@code in} to its end (without closing it). */
    public static ContentInspection of(InputStream in) throws IOException {
        DigestingStream digesting = new DigestingStream(in);
        BufferedInputStream buffered = new BufferedInputStream(digesting, 8192);
        buffered.mark(HEAD);
        byte[] head = buffered.readNBytes(HEAD);
        buffered.reset();
        Optional<FileType> type;
        String detected;
        if (startsWith(head, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            type = Optional.of(FileType.PDF);
            detected = "a PDF document";
        } else if (startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            type = Optional.of(FileType.JPG);
            detected = "a JPEG image";
        } else if (startsWith(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
            type = Optional.of(FileType.PNG);
            detected = "a PNG image";
        } else if (head.length >= 12 && ascii(head, 4, 4).equals("ftyp")) {
            type = mp4(head);
            detected = type.isPresent() ? "an MP4 video" : "an ISO media file of brand '" + ascii(head, 8, 4).trim()
                    + "' (not MP4)";
        } else if (startsWith(head, new byte[] {'P', 'K', 3, 4})) {
            type = office(buffered);
            detected = type.map(t -> "an Office Open XML " + t.code() + " document")
                    .orElse("a ZIP archive that is not a Word, Excel or PowerPoint document");
        } else if (startsWith(head, new byte[] {'M', 'Z'})) {
            type = Optional.empty();
            detected = "a Windows executable";
        } else if (startsWith(head, new byte[] {0x7F, 'E', 'L', 'F'})) {
            type = Optional.empty();
            detected = "an ELF executable";
        } else if (startsWith(head, new byte[] {'#', '!'})) {
            type = Optional.empty();
            detected = "a script";
        } else if (startsWith(head, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0})) {
            type = Optional.empty();
            detected = "a legacy Office (OLE2) document, not an Office Open XML one";
        } else {
            type = Optional.empty();
            detected = head.length == 0 ? "empty" : "content of no accepted type";
        }
        // whatever the detection consumed, the digest sees every byte exactly once: drain the rest
        byte[] buffer = new byte[64 * 1024];
        while (buffered.read(buffer) >= 0) {
            // draining
        }
        return new ContentInspection(digesting.count, HexFormat.of().formatHex(digesting.digest.digest()), type,
                detected);
    }

    private static Optional<FileType> mp4(byte[] head) {
        if (MP4_BRANDS.contains(ascii(head, 8, 4))) {
            return Optional.of(FileType.MP4);
        }
        long boxSize = ((head[0] & 0xFFL) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        int end = (int) Math.min(boxSize, head.length);
        for (int i = 16; i + 4 <= end; i += 4) {
            if (MP4_BRANDS.contains(ascii(head, i, 4))) {
                return Optional.of(FileType.MP4);
            }
        }
        return Optional.empty();
    }

    /** Looks at the part names of a ZIP container; stops at the first part that decides. */
    private static Optional<FileType> office(InputStream in) {
        ZipInputStream zip = new ZipInputStream(new NonClosing(in));
        boolean contentTypes = false;
        FileType found = null;
        try {
            ZipEntry entry;
            int entries = 0;
            while ((entry = zip.getNextEntry()) != null && entries++ < 10_000) {
                String name = entry.getName();
                if (name.equals("[Content_Types].xml")) {
                    contentTypes = true;
                } else if (found == null && name.startsWith("word/")) {
                    found = FileType.DOCX;
                } else if (found == null && name.startsWith("xl/")) {
                    found = FileType.XLSX;
                } else if (found == null && name.startsWith("ppt/")) {
                    found = FileType.PPTX;
                }
                if (contentTypes && found != null) {
                    break;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
        return contentTypes ? Optional.ofNullable(found) : Optional.empty();
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String ascii(byte[] data, int from, int length) {
        return from + length > data.length ? "" : new String(data, from, length, StandardCharsets.ISO_8859_1);
    }

    /** Counts and hashes every byte pulled from the source. */
    private static final class DigestingStream extends FilterInputStream {
        private final MessageDigest digest;
        private long count;

        DigestingStream(InputStream in) {
            super(in);
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /** Keeps the ZIP reader from closing the stream the digest still needs. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller drains and closes the underlying stream
        }
    }
}
