package org.groupeval.domain.evidence.content;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

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
 * Compressed object and cross-reference streams are inflated with a cap ({@link #MAX_DECODED} in all).
 */
public final class PdfStructure {

    /** The most bytes the object and cross-reference streams of one file may inflate to, together. */
    public static final long MAX_DECODED = 256L * 1024 * 1024;
    private static final int MAX_DEPTH = 200;
    private static final int MAX_OBJECTS = 2_000_000;
    private static final int MAX_PAGE_NODES = 1_000_000;
    private static final Object NULL = new Object();
    private static final Object STRING = new Object();

    private record Ref(long num, int gen) {
    }

    private record Name(String value) {
    }

    /** An indirect object as found in the file. */
    private record Parsed(long num, int gen, long offset, Object value, long streamStart, long streamEnd, long end) {
        Map<String, Object> dict() {
            return value instanceof Map<?, ?> ? dictOf(value) : Map.of();
        }
    }

    /** A cross-reference entry: in use at an offset (type 1) or inside an object stream (type 2). */
    private record Entry(int type, long a, long b) {
    }

    private final Bytes bytes;
    private final Map<Long, Entry> xref = new HashMap<>();
    private final Map<Long, Parsed> byOffset = new HashMap<>();
    private final Map<Long, Object> compressed = new HashMap<>();
    private final Map<Long, Long> lengths = new HashMap<>();
    private Map<String, Object> trailer;
    private long decoded;
    private String activeContent;

    private PdfStructure(Bytes bytes) {
        this.bytes = bytes;
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
            readCrossReferences(lastStartxref());
        } catch (Defect noCrossReferences) {
            // what sits where a PDF has none of it is the better answer: look for it first
            readBody();
            throw noCrossReferences;
        }
        if (trailer.containsKey("Encrypt")) {
            throw new Defect("it is encrypted (a password or permissions): reviewers must be able to open it, so "
                    + "save or print it as an unprotected PDF");
        }
        readBody();
        checkCrossReferences();
        readObjectStreams();
        checkPages();
        if (activeContent != null) {
            throw new Defect("it carries " + activeContent + ": evidence may hold no JavaScript, launch actions, "
                    + "embedded files, XFA forms or rich media; save or print it as a plain PDF");
        }
    }

    // ---- cross-reference sections ---------------------------------------------------------------------------------

    /** The offset after the file's last {@code startxref}. */
    private long lastStartxref() {
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
        Parser p = new Parser(found + 9);
        p.skipSpace();
        Object offset = p.number();
        if (!(offset instanceof Long o) || o < 0 || o >= bytes.length()) {
            throw new Defect("its 'startxref' at byte " + found + " points outside the file");
        }
        return o;
    }

    private void readCrossReferences(long start) {
        Set<Long> seen = new HashSet<>();
        Deque<Long> sections = new ArrayDeque<>();
        sections.push(start);
        while (!sections.isEmpty()) {
            long at = sections.pop();
            if (!seen.add(at)) {
                continue;
            }
            Parser p = new Parser(at);
            p.skipSpace();
            Map<String, Object> sectionTrailer;
            if (bytes.startsWith(p.pos, "xref")) {
                sectionTrailer = xrefTable(p);
            } else if (Character.isDigit(bytes.at(p.pos))) {
                sectionTrailer = xrefStream(p.pos);
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

    private Map<String, Object> xrefTable(Parser p) {
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
                if (xref.size() > MAX_OBJECTS) {
                    throw new Defect("it has more than " + MAX_OBJECTS + " objects");
                }
                xref.putIfAbsent(first + i, kind == 'n' && offset > 0 ? new Entry(1, offset, gen) : new Entry(0, 0, 0));
            }
        }
    }

    private Map<String, Object> xrefStream(long at) {
        Parsed stream = object(at, false);
        Map<String, Object> dict = stream.dict();
        if (!new Name("XRef").equals(dict.get("Type")) || stream.streamStart < 0) {
            throw new Defect("its cross-reference offset " + at + " points to object " + stream.num()
                    + ", which is not a cross-reference stream");
        }
        Bytes data = Bytes.of(decode(stream));
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
                if (xref.size() > MAX_OBJECTS) {
                    throw new Defect("it has more than " + MAX_OBJECTS + " objects");
                }
                xref.putIfAbsent(first + i, type == 1 && a > 0 ? new Entry(1, a, b)
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

    // ---- the body ----------------------------------------------------------------------------------------------------

    /** Reads the file from start to end: only whitespace, comments, objects and cross-reference sections. */
    private void readBody() {
        Parser p = new Parser(0);
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
                xrefTable(p);
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
    private Parsed object(long at, boolean resolveLengths) {
        Parser p = new Parser(at);
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
                Parser after = new Parser(data + length);
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
            Entry entry = xref.get(ref.num());
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
        for (Map.Entry<Long, Entry> e : xref.entrySet()) {
            Entry entry = e.getValue();
            if (entry.type() != 1 || e.getKey() == 0) {
                continue;
            }
            Parser p = new Parser(entry.a());
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
        Parser header = new Parser(data, 0);
        long[] numbers = new long[(int) Math.min(n, MAX_OBJECTS)];
        long[] offsets = new long[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            header.skipSpace();
            numbers[i] = header.integer("the header of object stream " + stream.num());
            header.skipSpace();
            offsets[i] = header.integer("the header of object stream " + stream.num());
        }
        for (int i = 0; i < numbers.length; i++) {
            Parser p = new Parser(data, first + offsets[i]);
            p.current = numbers[i];
            Object value = p.value(0);
            Entry entry = xref.get(numbers[i]);
            if (entry != null && entry.type() == 2 && entry.a() == stream.num()) {
                compressed.put(numbers[i], value);
            }
        }
    }

    private Object resolve(Object value) {
        if (!(value instanceof Ref ref)) {
            return value;
        }
        Entry entry = xref.get(ref.num());
        if (entry == null || entry.type() == 0) {
            return NULL;
        }
        if (entry.type() == 2) {
            return compressed.getOrDefault(ref.num(), NULL);
        }
        Parser p = new Parser(entry.a());
        p.skipWhitespace();
        Parsed parsed = byOffset.get(p.pos);
        return parsed == null ? NULL : parsed.value();
    }

    private void checkPages() {
        Object catalog = resolve(trailer.get("Root"));
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

    // ---- streams -----------------------------------------------------------------------------------------------------

    /** A stream's data, inflated and un-predicted as its filter says (FlateDecode, or none). */
    private byte[] decode(Parsed stream) {
        Map<String, Object> dict = stream.dict();
        Object filter = dict.get("Filter");
        List<Object> filters = filter == null ? List.of() : filter instanceof List<?> l ? arrayOf(l) : List.of(filter);
        byte[] data = bytes.get(stream.streamStart(), (int) Math.min(Integer.MAX_VALUE - 8,
                stream.streamEnd() - stream.streamStart()));
        Object parms = dict.get("DecodeParms");
        for (int i = 0; i < filters.size(); i++) {
            if (!new Name("FlateDecode").equals(filters.get(i))) {
                throw new Defect("object stream " + stream.num() + " uses the filter " + describe(filters.get(i))
                        + ", which the check cannot read; save the file again with a current PDF writer");
            }
            data = inflate(data, stream.num());
            Object p = parms instanceof List<?> list ? (i < list.size() ? list.get(i) : null) : parms;
            if (p instanceof Map<?, ?> map && dictOf(map).get("Predictor") instanceof Long predictor && predictor > 1) {
                data = unpredict(data, predictor, dictOf(map), stream.num());
            }
        }
        return data;
    }

    private byte[] inflate(byte[] data, long num) {
        Inflater inflater = new Inflater();
        inflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
                decoded += n;
                if (decoded > MAX_DECODED) {
                    throw new Defect("its compressed streams inflate to more than " + MAX_DECODED / (1024 * 1024)
                            + " MiB (a compression bomb)");
                }
            }
        } catch (DataFormatException e) {
            throw new Defect("the compressed data of object " + num + " is damaged");
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    /** PNG predictors (10–15), as cross-reference and object streams use them. */
    private static byte[] unpredict(byte[] data, long predictor, Map<String, Object> parms, long num) {
        if (predictor < 10) {
            throw new Defect("object " + num + " uses the TIFF predictor, which the check cannot read");
        }
        long columns = parms.get("Columns") instanceof Long c ? c : 1;
        long colors = parms.get("Colors") instanceof Long c ? c : 1;
        long bits = parms.get("BitsPerComponent") instanceof Long b ? b : 8;
        int bpp = (int) Math.max(1, (colors * bits + 7) / 8);
        int row = (int) ((columns * colors * bits + 7) / 8);
        if (row <= 0 || row > 1 << 20) {
            throw new Defect("object " + num + " has bad predictor parameters");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] previous = new byte[row];
        byte[] current = new byte[row];
        for (int pos = 0; pos + row + 1 <= data.length; pos += row + 1) {
            int type = data[pos] & 0xFF;
            for (int i = 0; i < row; i++) {
                int raw = data[pos + 1 + i] & 0xFF;
                int left = i >= bpp ? current[i - bpp] & 0xFF : 0;
                int up = previous[i] & 0xFF;
                int upLeft = i >= bpp ? previous[i - bpp] & 0xFF : 0;
                int value = switch (type) {
                    case 0 -> raw;
                    case 1 -> raw + left;
                    case 2 -> raw + up;
                    case 3 -> raw + (left + up) / 2;
                    case 4 -> raw + paeth(left, up, upLeft);
                    default -> throw new Defect("object " + num + " has a bad PNG predictor row");
                };
                current[i] = (byte) value;
            }
            out.write(current, 0, row);
            byte[] swap = previous;
            previous = current;
            current = swap;
        }
        return out.toByteArray();
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    // ---- values ------------------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dictOf(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> arrayOf(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static String describe(Object value) {
        return value instanceof Name n ? "/" + n.value() : String.valueOf(value);
    }

    private static boolean white(int c) {
        return c == 0 || c == 9 || c == 10 || c == 12 || c == 13 || c == 32;
    }

    private static boolean delimiter(int c) {
        return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}'
                || c == '/' || c == '%';
    }

    private static boolean delimiterOrEnd(int c) {
        return c < 0 || white(c) || delimiter(c);
    }

    /** Notes the first active content a dictionary shows (object {@code num}). */
    private void inspect(Map<String, Object> dict, long num) {
        if (activeContent != null) {
            return;
        }
        String where = num < 0 ? "" : " (object " + num + ")";
        for (String key : List.of("JS", "JavaScript")) {
            if (dict.containsKey(key)) {
                activeContent = "JavaScript" + where;
                return;
            }
        }
        Object action = dict.get("S");
        if (new Name("JavaScript").equals(action)) {
            activeContent = "JavaScript" + where;
        } else if (new Name("Launch").equals(action)) {
            activeContent = "a launch action, which runs a program" + where;
        } else if (dict.containsKey("EmbeddedFiles") || dict.containsKey("EF")
                || new Name("EmbeddedFile").equals(dict.get("Type")) || new Name("GoToE").equals(action)) {
            activeContent = "an embedded file" + where;
        } else if (dict.containsKey("XFA")) {
            activeContent = "an XFA form, which can run scripts" + where;
        } else if (dict.containsKey("RichMediaContent") || new Name("RichMedia").equals(dict.get("Subtype"))) {
            activeContent = "rich media (Flash)" + where;
        }
    }

    /** A PDF tokenizer over the file or over a decoded object stream. */
    private final class Parser {
        private final Bytes in;
        long pos;
        long current = -1;

        Parser(long pos) {
            this(bytes, pos);
        }

        Parser(Bytes in, long pos) {
            this.in = in;
            this.pos = pos;
        }

        void skipWhitespace() {
            while (pos < in.length() && white(in.at(pos))) {
                pos++;
            }
        }

        /** Whitespace and comments. */
        void skipSpace() {
            while (pos < in.length()) {
                int c = in.at(pos);
                if (white(c)) {
                    pos++;
                } else if (c == '%') {
                    while (pos < in.length() && in.at(pos) != '\n' && in.at(pos) != '\r') {
                        pos++;
                    }
                } else {
                    return;
                }
            }
        }

        long integer(String what) {
            if (number() instanceof Long l && l >= 0) {
                return l;
            }
            throw new Defect("a number was expected for " + what + " at byte " + pos + " (" + Sniff.at(in, pos)
                    + ")");
        }

        /** A number at {@code pos} (Long or Double), or null without moving. */
        Object number() {
            long start = pos;
            long p = pos;
            if (in.at(p) == '+' || in.at(p) == '-') {
                p++;
            }
            int digits = 0;
            boolean dot = false;
            while (true) {
                int c = in.at(p);
                if (c >= '0' && c <= '9') {
                    digits++;
                } else if (c == '.' && !dot) {
                    dot = true;
                } else {
                    break;
                }
                p++;
            }
            if (digits == 0 || !delimiterOrEnd(in.at(p)) || digits > 18) {
                return null;
            }
            pos = p;
            String text = in.ascii(start, (int) (p - start));
            return dot ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new Defect("its objects nest deeper than " + MAX_DEPTH + " levels (at byte " + pos + ")");
            }
            skipSpace();
            int c = in.at(pos);
            if (c < 0) {
                throw new Defect("it ends inside an object");
            }
            if (c == '/') {
                return name();
            }
            if (c == '<' && in.at(pos + 1) == '<') {
                return dictionary(depth);
            }
            if (c == '<') {
                return hexString();
            }
            if (c == '[') {
                pos++;
                List<Object> array = new ArrayList<>();
                while (true) {
                    skipSpace();
                    if (in.at(pos) == ']') {
                        pos++;
                        return array;
                    }
                    array.add(value(depth + 1));
                }
            }
            if (c == '(') {
                return literalString();
            }
            if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
                Object number = number();
                if (number == null) {
                    throw new Defect("a malformed number at byte " + pos);
                }
                if (number instanceof Long num && num >= 0) {
                    long after = pos;
                    skipSpace();
                    Object gen = in.at(pos) >= '0' && in.at(pos) <= '9' ? number() : null;
                    if (gen instanceof Long g) {
                        skipSpace();
                        if (in.at(pos) == 'R' && delimiterOrEnd(in.at(pos + 1))) {
                            pos++;
                            return new Ref(num, g.intValue());
                        }
                    }
                    pos = after;
                }
                return number;
            }
            long start = pos;
            while (pos < in.length() && !delimiterOrEnd(in.at(pos))) {
                pos++;
            }
            String word = in.ascii(start, (int) (pos - start));
            switch (word) {
                case "true", "false" -> {
                    return Boolean.valueOf(word);
                }
                case "null" -> {
                    return NULL;
                }
                default -> throw new Defect(Sniff.at(in, start) + " at byte " + start + ", inside "
                        + (current < 0 ? "a trailer" : "object " + current) + " where a PDF value must be");
            }
        }

        private Map<String, Object> dictionary(int depth) {
            pos += 2;
            Map<String, Object> dict = new LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (in.at(pos) == '>' && in.at(pos + 1) == '>') {
                    pos += 2;
                    inspect(dict, current);
                    return dict;
                }
                if (in.at(pos) != '/') {
                    throw new Defect(Sniff.at(in, pos) + " at byte " + pos + ", where a dictionary key must be (in "
                            + (current < 0 ? "a trailer" : "object " + current) + ")");
                }
                Name key = name();
                dict.put(key.value(), value(depth + 1));
            }
        }

        private Name name() {
            pos++;
            StringBuilder name = new StringBuilder();
            while (pos < in.length() && !delimiterOrEnd(in.at(pos))) {
                int c = in.at(pos++);
                if (c == '#' && hex(in.at(pos)) >= 0 && hex(in.at(pos + 1)) >= 0) {
                    c = hex(in.at(pos)) * 16 + hex(in.at(pos + 1));
                    pos += 2;
                }
                name.append((char) c);
            }
            return new Name(name.toString());
        }

        private Object hexString() {
            long start = pos++;
            while (true) {
                int c = in.at(pos++);
                if (c == '>') {
                    return STRING;
                }
                if (c < 0 || !(white(c) || hex(c) >= 0)) {
                    throw new Defect("a malformed hexadecimal string at byte " + start);
                }
            }
        }

        private Object literalString() {
            long start = pos++;
            int open = 1;
            while (open > 0) {
                int c = in.at(pos++);
                if (c < 0) {
                    throw new Defect("a string at byte " + start + " never ends");
                } else if (c == '\\') {
                    pos++;
                } else if (c == '(') {
                    open++;
                } else if (c == ')') {
                    open--;
                }
            }
            return STRING;
        }
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
