package org.groupeval.domain.evidence.content;

import org.groupeval.domain.evidence.content.PdfParser.Name;
import org.groupeval.domain.evidence.content.PdfParser.Ref;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.groupeval.domain.evidence.content.PdfParser.NULL;
import static org.groupeval.domain.evidence.content.PdfParser.delimiterOrEnd;
import static org.groupeval.domain.evidence.content.PdfParser.dictOf;

/**
 * Whether a file that starts like a PDF is one (ISO 32000): the whole file is read as a PDF reader reads it, and
 * anything a PDF cannot hold is a {@link Defect} naming where it is and what it looks like.
 *
 * <ol>
 *   <li>The header names a version; {@code startxref} points to a cross-reference table (with its trailer) or a
 *   cross-reference stream, and so on through every earlier section ({@code /Prev}, {@code /XRefStm}).</li>
 *   <li>From the header to the end the file is nothing but whitespace, comments, indirect objects
 *   ({@code n g obj ... endobj}, streams included), cross-reference sections, trailers and {@code startxref}: an
 *   executable, HTML or a script after {@code %PDF-}, between objects or after {@code %%EOF} is found where it
 *   starts. Objects must parse (dictionaries, arrays, names, strings, numbers, references).</li>
 *   <li>Every object the cross-reference sections name in use is where they say; object streams decode and their
 *   objects parse.</li>
 *   <li>The trailer's {@code /Root} is a catalog whose page tree holds at least one page.</li>
 *   <li>No active content: JavaScript, launch actions, embedded files, XFA forms or rich media (Flash) anywhere,
 *   names decoded ({@code /J#61vaScript} is {@code /JavaScript}). Evidence is read by reviewers; none of it needs a
 *   script or a program, and these are how hostile PDFs act.</li>
 *   <li>No encryption: the check (and the malware scan) could not read the objects, and reviewers must open the
 *   file without a password.</li>
 * </ol>
 *
 * Compressed object and cross-reference streams are inflated with a cap ({@link #MAX_DECODED} in all). The reading is
 * shared out: {@link PdfParser} tokenizes, {@link PdfCrossReferences} reads the cross-reference sections,
 * {@link PdfStreams} decodes streams, {@link PdfActiveContent} watches every dictionary; this class reads the body
 * and checks that it all holds together.
 */
public final class PdfStructure {

    /** The most bytes the object and cross-reference streams of one file may inflate to, together. */
    public static final long MAX_DECODED = 256L * 1024 * 1024;
    static final int MAX_OBJECTS = 2_000_000;
    private static final int MAX_PAGE_NODES = 1_000_000;

    /** An indirect object as found in the file. */
    record Parsed(long num, int gen, long offset, Object value, long streamStart, long streamEnd, long end) {
        Map<String, Object> dict() {
            return value instanceof Map<?, ?> ? dictOf(value) : Map.of();
        }
    }

    private final Bytes bytes;
    private final PdfActiveContent activeContent = new PdfActiveContent();
    private final PdfStreams streams = new PdfStreams();
    private final PdfCrossReferences xref;
    private final Map<Long, Parsed> byOffset = new HashMap<>();
    private final Map<Long, Object> compressed = new HashMap<>();
    private final Map<Long, Long> lengths = new HashMap<>();

    private PdfStructure(Bytes bytes) {
        this.bytes = bytes;
        this.xref = new PdfCrossReferences(bytes, this);
    }

    /** Reads the whole file; throws a {@link Defect} at the first thing that is not a sound PDF. */
    public static void check(Bytes bytes) {
        new PdfStructure(bytes).run();
    }

    private void run() {
        String version = bytes.ascii(5, 3);
        if (!version.matches("[12]\\.\\d")) {
            throw new Defect("its header '%PDF-" + Sniff.printable(bytes.get(5, 8), 8)
                    + "' names no PDF version (1.0 to 2.0)");
        }
        try {
            xref.read(xref.lastStartxref());
        } catch (Defect noCrossReferences) {
            // what sits where a PDF has none of it is the better answer: look for it first
            readBody();
            throw noCrossReferences;
        }
        if (xref.trailer().containsKey("Encrypt")) {
            throw new Defect("it is encrypted (a password or permissions): reviewers must be able to open it, so "
                    + "save or print it as an unprotected PDF");
        }
        readBody();
        checkCrossReferences();
        readObjectStreams();
        checkPages();
        if (activeContent.found() != null) {
            throw new Defect("it carries " + activeContent.found() + ": evidence may hold no JavaScript, launch "
                    + "actions, embedded files, XFA forms or rich media; save or print it as a plain PDF");
        }
    }

    /** A parser of the file from {@code pos}, every dictionary it reads inspected for active content. */
    PdfParser parser(long pos) {
        return new PdfParser(bytes, pos, activeContent);
    }

    /** A stream object's data, decoded. */
    byte[] decode(Parsed stream) {
        return streams.decode(stream.dict(), bytes.get(stream.streamStart(), (int) Math.min(Integer.MAX_VALUE - 8,
                stream.streamEnd() - stream.streamStart())), stream.num());
    }

    // ---- the body ----------------------------------------------------------------------------------------------------

    /** Reads the file from start to end: only whitespace, comments, objects and cross-reference sections. */
    private void readBody() {
        PdfParser p = parser(0);
        while (true) {
            p.skipSpace();
            if (p.pos >= bytes.length()) {
                return;
            }
            int c = bytes.at(p.pos);
            if (c >= '0' && c <= '9') {
                Parsed parsed = object(p.pos, true);
                byOffset.put(parsed.offset(), parsed);
                if (byOffset.size() > MAX_OBJECTS) {
                    throw new Defect("it has more than " + MAX_OBJECTS + " objects");
                }
                p.pos = parsed.end();
            } else if (bytes.startsWith(p.pos, "xref")) {
                xref.table(p);
            } else if (bytes.startsWith(p.pos, "startxref")) {
                p.pos += 9;
                p.skipSpace();
                p.integer("startxref");
            } else {
                throw new Defect(Sniff.at(bytes, p.pos) + " at byte " + p.pos + ", where a PDF has only objects, "
                        + "cross-reference sections and comments");
            }
        }
    }

    /**
     * The indirect object at {@code at}: {@code num gen obj value [stream ... endstream] endobj}. With
     * {@code resolveLengths}, an indirect {@code /Length} is looked up through the cross-reference sections.
     */
    Parsed object(long at, boolean resolveLengths) {
        PdfParser p = parser(at);
        long num = p.integer("an object number");
        p.skipSpace();
        long gen = p.integer("a generation number");
        p.skipSpace();
        if (!bytes.startsWith(p.pos, "obj") || !delimiterOrEnd(bytes.at(p.pos + 3))) {
            throw new Defect(Sniff.at(bytes, at) + " at byte " + at + ", where a PDF has only objects, "
                    + "cross-reference sections and comments");
        }
        p.pos += 3;
        p.current = num;
        Object value = p.value(0);
        p.skipSpace();
        long streamStart = -1;
        long streamEnd = -1;
        if (bytes.startsWith(p.pos, "stream") && delimiterOrEnd(bytes.at(p.pos + 6))) {
            if (!(value instanceof Map<?, ?>)) {
                throw new Defect("object " + num + " at byte " + at + " has a stream without a dictionary");
            }
            long data = p.pos + 6;
            if (bytes.at(data) == '\r') {
                data++;
            }
            if (bytes.at(data) == '\n') {
                data++;
            }
            streamStart = data;
            long end = -1;
            Long length = length(dictOf(value).get("Length"), resolveLengths);
            if (length != null && length >= 0 && data + length <= bytes.length()) {
                PdfParser after = parser(data + length);
                after.skipWhitespace();
                if (bytes.startsWith(after.pos, "endstream")) {
                    end = data + length;
                }
            }
            if (end < 0) {
                end = find(data, "endstream");
                if (end < 0) {
                    throw new Defect("the stream of object " + num + " at byte " + at + " never ends");
                }
                while (end > data && (bytes.at(end - 1) == '\n' || bytes.at(end - 1) == '\r')) {
                    end--;
                }
            }
            streamEnd = end;
            p.pos = end;
            p.skipWhitespace();
            p.pos += 9;
            p.skipSpace();
        }
        if (!bytes.startsWith(p.pos, "endobj") || !delimiterOrEnd(bytes.at(p.pos + 6))) {
            throw new Defect("object " + num + " at byte " + at + " does not end with 'endobj': "
                    + Sniff.at(bytes, p.pos) + " at byte " + p.pos);
        }
        return new Parsed(num, (int) gen, at, value, streamStart, streamEnd, p.pos + 6);
    }

    private Long length(Object length, boolean resolve) {
        if (length instanceof Long l) {
            return l;
        }
        if (resolve && length instanceof Ref ref) {
            PdfCrossReferences.Entry entry = xref.get(ref.num());
            if (entry != null && entry.type() == 1) {
                return lengths.computeIfAbsent(ref.num(), n -> {
                    try {
                        return object(entry.a(), false).value() instanceof Long l ? l : -1L;
                    } catch (Defect unreadable) {
                        return -1L;
                    }
                });
            }
        }
        return null;
    }

    private long find(long from, String ascii) {
        int first = ascii.charAt(0);
        for (long pos = from; pos + ascii.length() <= bytes.length(); pos++) {
            if (bytes.at(pos) == first && bytes.startsWith(pos, ascii)) {
                return pos;
            }
        }
        return -1;
    }

    // ---- cross-checks ------------------------------------------------------------------------------------------------

    private void checkCrossReferences() {
        for (Map.Entry<Long, PdfCrossReferences.Entry> e : xref.all().entrySet()) {
            PdfCrossReferences.Entry entry = e.getValue();
            if (entry.type() != 1 || e.getKey() == 0) {
                continue;
            }
            PdfParser p = parser(entry.a());
            p.skipWhitespace();
            Parsed found = byOffset.get(p.pos);
            if (found == null || found.num() != e.getKey()) {
                throw new Defect("its cross-reference sections put object " + e.getKey() + " at byte " + entry.a()
                        + ", where " + (found == null ? "no object starts" : "object " + found.num() + " starts"));
            }
        }
    }

    private void readObjectStreams() {
        for (Parsed parsed : byOffset.values()) {
            if (parsed.streamStart() >= 0 && new Name("ObjStm").equals(parsed.dict().get("Type"))) {
                readObjectStream(parsed);
            }
        }
    }

    private void readObjectStream(Parsed stream) {
        Map<String, Object> dict = stream.dict();
        if (!(dict.get("N") instanceof Long n) || !(dict.get("First") instanceof Long first) || n < 0 || first < 0) {
            throw new Defect("object stream " + stream.num() + " lacks /N or /First");
        }
        Bytes data = Bytes.of(decode(stream));
        PdfParser header = new PdfParser(data, 0, activeContent);
        long[] numbers = new long[(int) Math.min(n, MAX_OBJECTS)];
        long[] offsets = new long[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            header.skipSpace();
            numbers[i] = header.integer("the header of object stream " + stream.num());
            header.skipSpace();
            offsets[i] = header.integer("the header of object stream " + stream.num());
        }
        for (int i = 0; i < numbers.length; i++) {
            PdfParser p = new PdfParser(data, first + offsets[i], activeContent);
            p.current = numbers[i];
            Object value = p.value(0);
            PdfCrossReferences.Entry entry = xref.get(numbers[i]);
            if (entry != null && entry.type() == 2 && entry.a() == stream.num()) {
                compressed.put(numbers[i], value);
            }
        }
    }

    private Object resolve(Object value) {
        if (!(value instanceof Ref ref)) {
            return value;
        }
        PdfCrossReferences.Entry entry = xref.get(ref.num());
        if (entry == null || entry.type() == 0) {
            return NULL;
        }
        if (entry.type() == 2) {
            return compressed.getOrDefault(ref.num(), NULL);
        }
        PdfParser p = parser(entry.a());
        p.skipWhitespace();
        Parsed parsed = byOffset.get(p.pos);
        return parsed == null ? NULL : parsed.value();
    }

    private void checkPages() {
        Object catalog = resolve(xref.trailer().get("Root"));
        if (!(catalog instanceof Map<?, ?>) || (dictOf(catalog).containsKey("Type")
                && !new Name("Catalog").equals(dictOf(catalog).get("Type")))) {
            throw new Defect("its /Root is not a document catalog");
        }
        Deque<Object> nodes = new ArrayDeque<>();
        nodes.push(dictOf(catalog).get("Pages"));
        Set<Object> seen = new HashSet<>();
        int visited = 0;
        while (!nodes.isEmpty()) {
            Object node = nodes.pop();
            if (node instanceof Ref && !seen.add(node)) {
                continue;
            }
            if (++visited > MAX_PAGE_NODES) {
                break;
            }
            Object resolved = resolve(node);
            if (!(resolved instanceof Map<?, ?>)) {
                continue;
            }
            Map<String, Object> dict = dictOf(resolved);
            if (dict.get("Kids") instanceof List<?> kids) {
                kids.forEach(nodes::push);
            } else if (new Name("Page").equals(dict.get("Type"))) {
                return;
            }
        }
        throw new Defect("it has no pages (its page tree holds no /Page)");
    }
}
