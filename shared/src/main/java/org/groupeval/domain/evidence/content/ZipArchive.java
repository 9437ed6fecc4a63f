package org.groupeval.domain.evidence.content;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A ZIP archive read as Office reads an Office Open XML package, through its central directory (PKWARE APPNOTE):
 * its end record ends the file, its parts tile it from byte 0 to the central directory with nothing hidden between
 * them and no two overlapping, each local header matches its directory entry, no part is encrypted or stored by a
 * method other than deflate, and part names are relative and unique ignoring case. A part inflates within the limits
 * of {@link OoxmlStructure} to the size and CRC its header says.
 */
final class ZipArchive {

    /** No part counts against the ratio limit below this many inflated bytes. */
    private static final long RATIO_FLOOR = 1024 * 1024;

    record Part(String name, int flags, int method, long crc, long compressed, long size, long offset,
                long dataStart) {
        String lower() {
            return name.toLowerCase(Locale.ROOT);
        }
    }

    /** Inflated bytes so far, across nested packages, and how many may be inflated in all. */
    static final class Budget {
        final long limit;
        long inflated;

        Budget() {
            this(OoxmlStructure.MAX_INFLATED);
        }

        Budget(long limit) {
            this.limit = limit;
        }
    }

    private ZipArchive() {
    }

    /**
     * The archive's parts, in the order they lie in the file, each checked against its local header; the parts tile
     * the file from byte 0 to the central directory.
     */
    static List<Part> directory(Bytes b) {
        long length = b.length();
        long eocd = -1;
        for (long pos = length - 22; pos >= Math.max(0, length - 22 - 65535); pos--) {
            if (b.u32le(pos) == 0x06054b50L && pos + 22 + b.u16le(pos + 20) == length) {
                eocd = pos;
                break;
            }
        }
        if (eocd < 0) {
            throw new Defect("no end-of-archive record ends the file: something follows the archive");
        }
        int entries = b.u16le(eocd + 10);
        long cdSize = b.u32le(eocd + 12);
        long cdOffset = b.u32le(eocd + 16);
        if (entries == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
            throw new Defect("it is a ZIP64 archive, which Office writes only for files far above the size limit");
        }
        if (b.u16le(eocd + 4) != 0 || b.u16le(eocd + 6) != 0 || b.u16le(eocd + 8) != entries) {
            throw new Defect("it is a multi-volume archive");
        }
        if (entries > OoxmlStructure.MAX_PARTS) {
            throw new Defect("it has " + entries + " parts, more than " + OoxmlStructure.MAX_PARTS);
        }
        if (cdOffset + cdSize != eocd) {
            throw new Defect("its central directory (bytes " + cdOffset + " to " + (cdOffset + cdSize)
                    + ") does not end where its end record starts (byte " + eocd + ")");
        }
        List<Part> parts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long pos = cdOffset;
        for (int i = 0; i < entries; i++) {
            if (pos + 46 > eocd || b.u32le(pos) != 0x02014b50L) {
                throw new Defect("its central directory is damaged at byte " + pos);
            }
            int flags = b.u16le(pos + 8);
            int method = b.u16le(pos + 10);
            int nameLength = b.u16le(pos + 28);
            String name = new String(b.get(pos + 46, nameLength), StandardCharsets.UTF_8);
            Part part = new Part(name, flags, method, b.u32le(pos + 16), b.u32le(pos + 20), b.u32le(pos + 24),
                    b.u32le(pos + 42), -1);
            pos += 46 + nameLength + b.u16le(pos + 30) + b.u16le(pos + 32);
            checkName(name);
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new Defect("two parts are named '" + name + "' (names are compared ignoring case)");
            }
            if ((flags & 1) != 0) {
                throw new Defect("part " + name + " is encrypted");
            }
            if (method != 0 && method != 8) {
                throw new Defect("part " + name + " is compressed with method " + method + ", not deflate");
            }
            parts.add(local(b, part));
        }
        if (pos != eocd) {
            throw new Defect("its central directory holds more than its " + entries + " entries");
        }
        parts.sort(Comparator.comparingLong(Part::offset));
        long expected = 0;
        for (Part part : parts) {
            if (part.offset() != expected) {
                throw new Defect(part.offset() > expected ? "bytes " + expected + " to " + part.offset()
                        + " belong to no part (" + Sniff.at(b, expected) + " hidden between parts)"
                        : "part " + part.name() + " overlaps the part before it (a crafted archive)");
            }
            expected = part.dataStart() + part.compressed() + descriptor(b, part);
        }
        if (expected != cdOffset) {
            throw new Defect("bytes " + expected + " to " + cdOffset + " belong to no part ("
                    + Sniff.at(b, expected) + " before the central directory)");
        }
        return parts;
    }

    private static Part local(Bytes b, Part part) {
        long at = part.offset();
        int nameLength = b.u16le(at + 26);
        if (b.u32le(at) != 0x04034b50L || b.u16le(at + 8) != part.method()
                || !part.name().equals(new String(b.get(at + 30, nameLength), StandardCharsets.UTF_8))) {
            throw new Defect("the local header of part " + part.name() + " at byte " + at
                    + " does not match its directory entry");
        }
        long dataStart = at + 30 + nameLength + b.u16le(at + 28);
        if (dataStart + part.compressed() > b.length()) {
            throw new Defect("part " + part.name() + " runs past the end of the file");
        }
        return new Part(part.name(), part.flags(), part.method(), part.crc(), part.compressed(), part.size(),
                part.offset(), dataStart);
    }

    /**
     * The length of a part's data descriptor (flag bit 3), with or without its signature, its sizes in 4 bytes each
     * or, as ZIP64 writes them (and as some writers do for every part, fastexcel's among them), in 8: the form whose
     * sizes are the part's and after which the next header starts.
     */
    private static long descriptor(Bytes b, Part part) {
        if ((part.flags() & 8) == 0) {
            return 0;
        }
        long at = part.dataStart() + part.compressed();
        int signature = at + 4 <= b.length() && b.u32le(at) == 0x08074b50L ? 4 : 0;
        long sizes = at + signature + 4;
        boolean narrow = sizes + 8 <= b.length() && b.u32le(sizes) == part.compressed()
                && b.u32le(sizes + 4) == part.size();
        boolean wide = sizes + 16 <= b.length() && b.u32le(sizes) == part.compressed() && b.u32le(sizes + 4) == 0
                && b.u32le(sizes + 8) == part.size() && b.u32le(sizes + 12) == 0;
        if (wide && (!narrow || !headerAt(b, sizes + 8)) && headerAt(b, sizes + 16)) {
            return signature + 20;
        }
        return signature + 12;
    }

    /** Whether a local header or the central directory starts at {@code pos}. */
    private static boolean headerAt(Bytes b, long pos) {
        return pos + 4 <= b.length() && (b.u32le(pos) == 0x04034b50L || b.u32le(pos) == 0x02014b50L);
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.length() > 1024 || name.startsWith("/") || name.contains("\\")
                || name.contains("//") || name.matches("^[A-Za-z]:.*") || name.chars().anyMatch(c -> c < 0x20)) {
            throw new Defect("part name '" + OoxmlStructure.printable(name) + "' is not a relative part name");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new Defect("part name '" + OoxmlStructure.printable(name) + "' climbs out of the package "
                        + "('..')");
            }
        }
    }

    /**
     * A part's content as it inflates, counted against its header and the limits, its size and CRC checked by
     * {@link #finish}; closing it releases its inflater.
     */
    static Checked open(Bytes b, Part part, Budget budget) {
        InputStream raw = b.stream(part.dataStart(), part.dataStart() + part.compressed());
        if (part.method() != 8) {
            return new Checked(part, budget, raw, null);
        }
        Inflater inflater = new Inflater(true);
        // raw deflate wants one byte past its end (as java.util.zip.ZipFile gives it)
        return new Checked(part, budget, new InflaterInputStream(
                new SequenceInputStream(raw, new ByteArrayInputStream(new byte[1])), inflater, 64 * 1024), inflater);
    }

    static final class Checked extends FilterInputStream {
        private final Part part;
        private final Budget budget;
        private final Inflater inflater;
        private final CRC32 crc = new CRC32();
        private long count;

        private Checked(Part part, Budget budget, InputStream in, Inflater inflater) {
            super(in);
            this.part = part;
            this.budget = budget;
            this.inflater = inflater;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
                count += n;
                budget.inflated += n;
                if (count > part.size()) {
                    throw new Defect("part " + part.name() + " inflates to more than the " + part.size()
                            + " bytes its header says (a crafted archive)");
                }
                if (count > RATIO_FLOOR && count > (long) OoxmlStructure.MAX_RATIO * Math.max(1, part.compressed())) {
                    throw new Defect("part " + part.name() + " inflates to more than " + OoxmlStructure.MAX_RATIO
                            + " times its compressed size (a zip bomb)");
                }
                if (budget.inflated > budget.limit) {
                    throw new Defect("its parts inflate to more than " + budget.limit / (1024 * 1024)
                            + " MiB in all (a zip bomb)");
                }
            }
            return n;
        }

        /** Drains the rest, then holds the part to its header's size and CRC. */
        void finish() throws IOException {
            byte[] buffer = new byte[64 * 1024];
            while (read(buffer, 0, buffer.length) >= 0) {
                // draining
            }
            if (count != part.size() || crc.getValue() != part.crc()) {
                throw new Defect("part " + part.name() + " is damaged (its size or CRC does not match its header)");
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (inflater != null) {
                    inflater.end();
                }
            }
        }
    }
}
