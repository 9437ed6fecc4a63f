package org.groupeval.domain.evidence.content;

import org.groupeval.domain.evidence.content.PdfParser.Name;
import org.groupeval.domain.evidence.content.PdfParser.Ref;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.groupeval.domain.evidence.content.PdfParser.arrayOf;
import static org.groupeval.domain.evidence.content.PdfParser.dictOf;

/**
 * A PDF's cross-reference sections (ISO 32000-1 §7.5.4–7.5.8), found from the last {@code startxref} through every
 * {@code /Prev} and {@code /XRefStm}: tables and streams, where each object is, and the newest trailer.
 */
final class PdfCrossReferences {

    /** A cross-reference entry: in use at an offset (type 1) or inside an object stream (type 2). */
    record Entry(int type, long a, long b) {
    }

    private final Bytes bytes;
    private final PdfStructure file;
    private final Map<Long, Entry> entries = new HashMap<>();
    private Map<String, Object> trailer;

    PdfCrossReferences(Bytes bytes, PdfStructure file) {
        this.bytes = bytes;
        this.file = file;
    }

    /** The entry of object {@code num}; null when no section names it. */
    Entry get(long num) {
        return entries.get(num);
    }

    /** Every entry, by object number. */
    Map<Long, Entry> all() {
        return Collections.unmodifiableMap(entries);
    }

    /** The newest section's trailer; null before {@link #read}. */
    Map<String, Object> trailer() {
        return trailer;
    }

    /** The offset after the file's last {@code startxref}. */
    long lastStartxref() {
        long found = -1;
        for (long pos = bytes.length() - 9; pos >= 0 && found < 0; pos--) {
            if (bytes.at(pos) == 's' && bytes.startsWith(pos, "startxref")) {
                found = pos;
            }
        }
        if (found < 0) {
            throw new Defect("it has no cross-reference table: 'startxref' is missing (" + Sniff.at(bytes, 8)
                    + " follows the header)");
        }
        PdfParser p = file.parser(found + 9);
        p.skipSpace();
        Object offset = p.number();
        if (!(offset instanceof Long o) || o < 0 || o >= bytes.length()) {
            throw new Defect("its 'startxref' at byte " + found + " points outside the file");
        }
        return o;
    }

    /** Reads the section at {@code start} and every earlier one it names ({@code /XRefStm}, {@code /Prev}). */
    void read(long start) {
        Set<Long> seen = new HashSet<>();
        Deque<Long> sections = new ArrayDeque<>();
        sections.push(start);
        while (!sections.isEmpty()) {
            long at = sections.pop();
            if (!seen.add(at)) {
                continue;
            }
            PdfParser p = file.parser(at);
            p.skipSpace();
            Map<String, Object> sectionTrailer;
            if (bytes.startsWith(p.pos, "xref")) {
                sectionTrailer = table(p);
            } else if (Character.isDigit(bytes.at(p.pos))) {
                sectionTrailer = stream(p.pos);
            } else {
                throw new Defect("its cross-reference offset " + at + " points to " + Sniff.at(bytes, p.pos)
                        + ", not to a cross-reference table or stream");
            }
            if (trailer == null) {
                trailer = sectionTrailer;
            }
            if (sectionTrailer.get("XRefStm") instanceof Long stm) {
                sections.push(stm);
            }
            if (sectionTrailer.get("Prev") instanceof Long prev) {
                sections.addLast(prev);
            }
        }
        if (!(trailer.get("Root") instanceof Ref)) {
            throw new Defect("its trailer names no document catalog (/Root)");
        }
    }

    /** The cross-reference table at the parser ({@code xref} ... {@code trailer}); its trailer. */
    Map<String, Object> table(PdfParser p) {
        p.pos += 4;
        while (true) {
            p.skipSpace();
            if (bytes.startsWith(p.pos, "trailer")) {
                p.pos += 7;
                Object dict = p.value(0);
                if (!(dict instanceof Map<?, ?>)) {
                    throw new Defect("the trailer at byte " + p.pos + " is not a dictionary");
                }
                return dictOf(dict);
            }
            long first = p.integer("a cross-reference subsection");
            p.skipSpace();
            long count = p.integer("a cross-reference subsection");
            for (long i = 0; i < count; i++) {
                p.skipSpace();
                long offset = p.integer("a cross-reference entry");
                p.skipSpace();
                long gen = p.integer("a cross-reference entry");
                p.skipSpace();
                int kind = bytes.at(p.pos++);
                if (kind != 'n' && kind != 'f') {
                    throw new Defect("cross-reference entry " + (first + i) + " at byte " + (p.pos - 1)
                            + " is neither 'n' nor 'f'");
                }
                if (entries.size() > PdfStructure.MAX_OBJECTS) {
                    throw new Defect("it has more than " + PdfStructure.MAX_OBJECTS + " objects");
                }
                entries.putIfAbsent(first + i, kind == 'n' && offset > 0 ? new Entry(1, offset, gen)
                        : new Entry(0, 0, 0));
            }
        }
    }

    private Map<String, Object> stream(long at) {
        PdfStructure.Parsed stream = file.object(at, false);
        Map<String, Object> dict = stream.dict();
        if (!new Name("XRef").equals(dict.get("Type")) || stream.streamStart() < 0) {
            throw new Defect("its cross-reference offset " + at + " points to object " + stream.num()
                    + ", which is not a cross-reference stream");
        }
        Bytes data = Bytes.of(file.decode(stream));
        List<Object> w = arrayOf(dict.get("W"));
        if (w.size() != 3 || !(dict.get("Size") instanceof Long size)) {
            throw new Defect("cross-reference stream " + stream.num() + " lacks /W or /Size");
        }
        int[] widths = new int[3];
        for (int i = 0; i < 3; i++) {
            if (!(w.get(i) instanceof Long width) || width < 0 || width > 8) {
                throw new Defect("cross-reference stream " + stream.num() + " has a bad /W");
            }
            widths[i] = width.intValue();
        }
        List<Object> index = dict.containsKey("Index") ? arrayOf(dict.get("Index")) : List.of(0L, size);
        long pos = 0;
        int rowLength = widths[0] + widths[1] + widths[2];
        for (int s = 0; s + 1 < index.size(); s += 2) {
            if (!(index.get(s) instanceof Long first) || !(index.get(s + 1) instanceof Long count)) {
                throw new Defect("cross-reference stream " + stream.num() + " has a bad /Index");
            }
            for (long i = 0; i < count; i++, pos += rowLength) {
                if (pos + rowLength > data.length()) {
                    throw new Defect("cross-reference stream " + stream.num() + " is shorter than its /Index says");
                }
                long type = widths[0] == 0 ? 1 : field(data, pos, widths[0]);
                long a = field(data, pos + widths[0], widths[1]);
                long b = field(data, pos + widths[0] + widths[1], widths[2]);
                if (entries.size() > PdfStructure.MAX_OBJECTS) {
                    throw new Defect("it has more than " + PdfStructure.MAX_OBJECTS + " objects");
                }
                entries.putIfAbsent(first + i, type == 1 && a > 0 ? new Entry(1, a, b)
                        : type == 2 ? new Entry(2, a, b) : new Entry(0, 0, 0));
            }
        }
        return dict;
    }

    private static long field(Bytes data, long pos, int width) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = value << 8 | data.at(pos + i);
        }
        return value;
    }
}
