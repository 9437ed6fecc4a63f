package org.groupeval.domain.evidence.content;

import java.util.Set;
import java.util.zip.CRC32;

/**
 * Whether a file that starts like a PNG, JPEG or MP4 is one, read the way a decoder walks it: its chunks, markers or
 * boxes follow one another from the first byte to the last, each where the one before says it ends, and nothing
 * follows the end (an executable, an archive or HTML appended to a picture is found where it starts). Pictures
 * may have at most {@link #MAX_PIXELS} pixels (a "pixel flood" makes viewers allocate gigabytes).
 */
public final class MediaStructure {

    public static final long MAX_PIXELS = 200_000_000L;
    private static final Set<String> PNG_CRITICAL = Set.of("IHDR", "PLTE", "IDAT", "IEND");
    private static final Set<String> MP4_TOP_LEVEL = Set.of("ftyp", "moov", "mdat", "free", "skip", "wide", "uuid",
            "pdin", "moof", "mfra", "meta", "styp", "sidx", "ssix", "prft", "emsg", "udta", "pnot", "junk");

    private MediaStructure() {
    }

    // ---- PNG (ISO/IEC 15948) -------------------------------------------------------------------------------------

    public static void png(Bytes b) {
        long pos = 8;
        boolean header = false;
        boolean data = false;
        boolean dataEnded = false;
        while (true) {
            if (pos + 12 > b.length()) {
                throw new Defect("it ends at byte " + b.length() + " without its end chunk (IEND)");
            }
            long length = b.u32be(pos);
            String type = b.ascii(pos + 4, 4);
            if (!type.matches("[A-Za-z]{4}") || length > Integer.MAX_VALUE || pos + 12 + length > b.length()) {
                throw new Defect("the chunk at byte " + pos + " is not a PNG chunk (" + Sniff.at(b, pos) + ")");
            }
            CRC32 crc = new CRC32();
            crc.update(b.get(pos + 4, (int) (4 + length)));
            if (crc.getValue() != b.u32be(pos + 8 + length)) {
                throw new Defect("chunk " + type + " at byte " + pos + " is damaged (its CRC does not match)");
            }
            if (!header) {
                if (!type.equals("IHDR") || length != 13) {
                    throw new Defect("it does not begin with its header chunk (IHDR)");
                }
                long width = b.u32be(pos + 8);
                long height = b.u32be(pos + 12);
                int depth = b.at(pos + 16);
                int color = b.at(pos + 17);
                if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
                    throw new Defect("its header gives the size " + width + " × " + height);
                }
                pixels(width, height);
                boolean valid = switch (color) {
                    case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
                    case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
                    case 2, 4, 6 -> depth == 8 || depth == 16;
                    default -> false;
                };
                if (!valid || b.at(pos + 18) != 0 || b.at(pos + 19) != 0 || b.at(pos + 20) > 1) {
                    throw new Defect("its header chunk (IHDR) has invalid image parameters");
                }
                header = true;
            } else if (type.equals("IHDR")) {
                throw new Defect("it has a second header chunk (IHDR) at byte " + pos);
            } else if (type.equals("IDAT")) {
                if (dataEnded) {
                    throw new Defect("its image data (IDAT) is interrupted at byte " + pos);
                }
                data = true;
            } else if (type.equals("IEND")) {
                if (!data) {
                    throw new Defect("it has no image data (IDAT)");
                }
                long end = pos + 12 + length;
                if (end != b.length()) {
                    throw new Defect(trailing(b, end, "the image's end chunk (IEND)"));
                }
                return;
            } else if (Character.isUpperCase(type.charAt(0)) && !PNG_CRITICAL.contains(type)) {
                throw new Defect("it has an unknown critical chunk " + type + " at byte " + pos);
            }
            if (data && !type.equals("IDAT")) {
                dataEnded = true;
            }
            pos += 12 + length;
        }
    }

    // ---- JPEG (ITU T.81, JFIF/Exif) --------------------------------------------------------------------------------

    public static void jpeg(Bytes b) {
        long end = jpegFrom(b, 0);
        int appended = 0;
        while (end < b.length()) {
            long next = end;
            while (next < b.length() && (b.at(next) == 0 || b.at(next) == 0xFF) && !isSoi(b, next)) {
                next++;
            }
            if (next == b.length()) {
                return;
            }
            if (!isSoi(b, next) || ++appended > 8) {
                throw new Defect(trailing(b, next, "the image's end marker (EOI)"));
            }
            // further images of a multi-picture (MPF) file, as cameras append them
            end = jpegFrom(b, next);
        }
    }

    private static boolean isSoi(Bytes b, long pos) {
        return b.at(pos) == 0xFF && b.at(pos + 1) == 0xD8 && b.at(pos + 2) == 0xFF;
    }

    /** Walks one JPEG stream from its SOI; returns the offset after its EOI. */
    private static long jpegFrom(Bytes b, long start) {
        long pos = start + 2;
        boolean frame = false;
        boolean scan = false;
        while (true) {
            if (b.at(pos) != 0xFF) {
                throw new Defect("byte " + pos + " is not a JPEG marker (" + Sniff.at(b, pos) + ")");
            }
            while (b.at(pos) == 0xFF) {
                pos++;
            }
            int marker = b.at(pos++);
            if (marker < 0) {
                throw new Defect("it ends at byte " + b.length() + " without its end marker (EOI)");
            }
            if (marker == 0xD9) {
                if (!scan) {
                    throw new Defect("it ends (EOI at byte " + (pos - 2) + ") before any image data");
                }
                return pos;
            }
            if (marker == 0xD8 || marker == 0x00) {
                throw new Defect("it has a misplaced marker at byte " + (pos - 2));
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            int length = b.u16be(pos);
            if (length < 2 || pos + length > b.length()) {
                throw new Defect("the segment at byte " + (pos - 2) + " runs past the end of the file");
            }
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                long height = b.u16be(pos + 3);
                long width = b.u16be(pos + 5);
                int components = b.at(pos + 7);
                if (width == 0 || components < 1 || components > 4 || length != 8 + 3 * components) {
                    throw new Defect("its frame header at byte " + (pos - 2) + " is invalid");
                }
                pixels(width, Math.max(1, height));
                frame = true;
            }
            pos += length;
            if (marker == 0xDA) {
                if (!frame) {
                    throw new Defect("its image data at byte " + (pos - length - 2) + " comes before a frame header");
                }
                scan = true;
                // entropy-coded data: up to the next marker that is not a stuffed 0xFF00 or a restart marker
                while (true) {
                    int c = b.at(pos);
                    if (c < 0) {
                        throw new Defect("it ends at byte " + b.length() + " inside its image data, without its "
                                + "end marker (EOI)");
                    }
                    if (c == 0xFF) {
                        int next = b.at(pos + 1);
                        if (next != 0 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7)) {
                            break;
                        }
                        pos += next == 0xFF ? 1 : 2;
                    } else {
                        pos++;
                    }
                }
            }
        }
    }

    // ---- MP4 (ISO/IEC 14496-12) ------------------------------------------------------------------------------------

    public static void mp4(Bytes b) {
        long pos = 0;
        boolean movie = false;
        while (pos < b.length()) {
            if (pos + 8 > b.length()) {
                throw new Defect(trailing(b, pos, "its last box"));
            }
            long size = b.u32be(pos);
            String type = b.ascii(pos + 4, 4);
            long header = 8;
            if (size == 1) {
                size = b.u32be(pos + 8) << 32 | b.u32be(pos + 12);
                header = 16;
            } else if (size == 0) {
                size = b.length() - pos;
            }
            boolean named = MP4_TOP_LEVEL.contains(type) || type.matches("[\\x20-\\x7E]{4}");
            if (!named || size < header || pos + size > b.length()) {
                throw new Defect(MP4_TOP_LEVEL.contains(type) ? "box " + type + " at byte " + pos
                        + " runs past the end of the file" : trailing(b, pos, "its last box"));
            }
            if (pos == 0 && !type.equals("ftyp")) {
                throw new Defect("its first box is " + type + ", not the file-type box (ftyp)");
            }
            movie |= type.equals("moov");
            pos += size;
        }
        if (!movie) {
            throw new Defect("it has no movie box (moov): it holds no playable video");
        }
    }

    private static void pixels(long width, long height) {
        if (width * height > MAX_PIXELS) {
            throw new Defect("it claims " + width + " × " + height + " pixels, more than " + MAX_PIXELS
                    + " (a pixel flood)");
        }
    }

    private static String trailing(Bytes b, long from, String end) {
        return (b.length() - from) + " bytes follow " + end + " at byte " + from + " (" + Sniff.at(b, from) + ")";
    }
}
