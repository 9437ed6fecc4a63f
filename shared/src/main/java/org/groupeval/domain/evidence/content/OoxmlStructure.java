package org.groupeval.domain.evidence.content;

import org.groupeval.domain.evidence.FileType;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether a ZIP file is a sound Word, Excel or PowerPoint document (Office Open XML, ISO/IEC 29500 and its Open
 * Packaging Conventions), and which. The archive is read through its central directory as Office reads it, and:
 *
 * <ul>
 *   <li><b>The archive is plain.</b> Its end record ends the file, its parts tile it from byte 0 to the central
 *   directory with nothing hidden between them and no two overlapping, each local header matches its directory
 *   entry, no part is encrypted or stored by a method other than deflate; every part inflates to the size and CRC
 *   its header says. At most {@link #MAX_PARTS} parts and {@link #MAX_INFLATED} inflated bytes in all, and no part
 *   inflates to more than {@link #MAX_RATIO} times its compressed size (zip bombs stop there, mid-inflation).</li>
 *   <li><b>The package is a document.</b> {@code [Content_Types].xml} and {@code _rels/.rels} are well-formed;
 *   the root relationship {@code officeDocument} names a main part whose content type says docx, xlsx or pptx
 *   (macro-enabled, template and slide-show variants are other types). Every XML part is well-formed and declares
 *   no DTD; every part has a content type.</li>
 *   <li><b>Every part is one that type holds.</b> Part names are relative, without {@code ..}, backslashes or
 *   empty segments, and unique ignoring case; they lie under the type's folder ({@code word/}, {@code xl/},
 *   {@code ppt/}) or the package's own ({@code _rels/}, {@code docProps/}, {@code customXml/},
 *   {@code _xmlsignatures/}); they are XML, relationships, images, fonts, media or printer settings. Refused with
 *   the part named: executables and scripts, VBA macros ({@code vbaProject.bin}), ActiveX controls, OLE objects
 *   (which can wrap any program), and external relationships other than hyperlinks (remote templates and objects
 *   are how documents fetch code). Embedded Office documents (a chart's workbook) are checked the same way.</li>
 * </ul>
 * The archive is read by {@link ZipArchive}; this class reads the package in it and judges its parts.
 */
public final class OoxmlStructure {

    public static final int MAX_PARTS = 10_000;
    public static final long MAX_INFLATED = 1024L * 1024 * 1024;
    public static final int MAX_RATIO = 200;
    private static final int MAX_NESTING = 2;
    private static final long MAX_EMBEDDED = 64L * 1024 * 1024;

    private static final String CONTENT_TYPES = "[Content_Types].xml";
    private static final String CT_NAMESPACE = "http://schemas.openxmlformats.org/package/2006/content-types";
    private static final String RELS_NAMESPACE = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final Map<String, FileType> MAIN_TYPES = Map.of(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", FileType.DOCX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", FileType.XLSX,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", FileType.PPTX);
    private static final Map<String, String> OTHER_MAIN_TYPES = Map.of(
            "application/vnd.ms-word.document.macroenabled.main+xml", "a macro-enabled Word document (.docm)",
            "application/vnd.ms-excel.sheet.macroenabled.main+xml", "a macro-enabled Excel workbook (.xlsm)",
            "application/vnd.ms-powerpoint.presentation.macroenabled.main+xml",
            "a macro-enabled PowerPoint presentation (.pptm)",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
            "a Word template (.dotx)",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
            "an Excel template (.xltx)",
            "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
            "a PowerPoint slide show (.ppsx)",
            "application/vnd.ms-excel.sheet.binary.macroenabled.main", "a binary Excel workbook (.xlsb)");
    private static final Map<FileType, String> ROOTS = Map.of(FileType.DOCX, "word/", FileType.XLSX, "xl/",
            FileType.PPTX, "ppt/");
    private static final List<String> PACKAGE_ROOTS = List.of("docProps/", "customXml/", "_xmlsignatures/",
            "package/services/metadata/core-properties/");
    private static final Set<String> KINDS = Set.of("xml", "rels", "vml", "png", "jpeg", "jpg", "jpe", "gif", "bmp",
            "dib", "tif", "tiff", "emf", "wmf", "emz", "wmz", "svg", "wdp", "jxr", "hdp", "ico", "webp", "odttf",
            "fntdata", "ttf", "otf", "mp4", "m4v", "mov", "wmv", "avi", "mpg", "mpeg", "mp3", "wav", "m4a", "wma",
            "aif", "aiff", "mid", "midi", "sigs", "psmdcp");
    private static final Set<String> EXECUTABLE = Set.of("exe", "dll", "com", "scr", "pif", "cpl", "sys", "drv",
            "ocx", "msi", "msp", "bat", "cmd", "ps1", "psm1", "vbs", "vbe", "js", "jse", "mjs", "wsf", "wsh", "hta",
            "jar", "class", "sh", "bash", "py", "pl", "rb", "php", "lnk", "reg", "inf", "application", "appx",
            "msix", "elf", "so", "dylib", "apk", "html", "htm", "xhtml", "mht", "mhtml", "svgz", "url", "iqy", "slk");
    private static final Set<String> EMBEDDED_PACKAGES = Set.of("docx", "xlsx", "pptx");
    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto", "ftp");

    /** What the archive is ({@code type} null: no accepted Office document) and what is wrong with it. */
    public record Outcome(FileType type, String detected, String defect) {
    }

    private record Relationship(String source, String type, String target, boolean external) {
    }

    /** What one pass over the parts collected. */
    private static final class Package {
        final Map<String, String> defaults = new HashMap<>();
        final Map<String, String> overrides = new HashMap<>();
        final List<Relationship> relationships = new ArrayList<>();
        final Map<String, byte[]> embedded = new LinkedHashMap<>();
        final Set<String> names = new HashSet<>();
        boolean contentTypesFound;
    }

    private OoxmlStructure() {
    }

    public static Outcome inspect(Bytes bytes) {
        return inspect(bytes, 0, new ZipArchive.Budget());
    }

    /** A sound package's parts, inflated: part name → content. */
    public record Opened(Outcome outcome, Map<String, byte[]> parts) {
    }

    /**
     * Inspects the archive as {@link #inspect(Bytes)} does with at most {@code maxInflated} bytes inflated in all, and,
     * when it is a sound document, inflates the parts {@code wanted} selects (by name) within the same bound: the one
     * way a document the service reads (a spreadsheet sent for import) is opened.
     */
    public static Opened open(Bytes bytes, long maxInflated, Predicate<String> wanted) {
        ZipArchive.Budget budget = new ZipArchive.Budget(maxInflated);
        Outcome outcome = inspect(bytes, 0, budget);
        if (outcome.type() == null || outcome.defect() != null) {
            return new Opened(outcome, Map.of());
        }
        Map<String, byte[]> parts = new LinkedHashMap<>();
        ZipArchive.Budget reading = new ZipArchive.Budget(maxInflated);
        for (ZipArchive.Part part : ZipArchive.directory(bytes)) {
            if (part.name().endsWith("/") || !wanted.test(part.name())) {
                continue;
            }
            try (ZipArchive.Checked in = ZipArchive.open(bytes, part, reading)) {
                parts.put(part.name(), in.readAllBytes());
                in.finish();
            } catch (IOException e) {
                throw new IllegalStateException("part " + part.name() + " inflated when inspected, not when read", e);
            }
        }
        return new Opened(outcome, parts);
    }

    private static Outcome inspect(Bytes bytes, int depth, ZipArchive.Budget budget) {
        List<ZipArchive.Part> parts;
        Package pkg;
        try {
            parts = ZipArchive.directory(bytes);
            pkg = read(bytes, parts, budget);
        } catch (Defect unsafe) {
            return new Outcome(null, "a ZIP archive that cannot be read safely (" + unsafe.getMessage() + ")", null);
        }
        if (!pkg.contentTypesFound) {
            return new Outcome(null, "a ZIP archive that is not a Word, Excel or PowerPoint document", null);
        }
        String main = pkg.relationships.stream()
                .filter(r -> r.source().isEmpty() && !r.external() && r.type().endsWith("/officeDocument"))
                .map(Relationship::target).findFirst().orElse(null);
        if (main == null || !pkg.names.contains(main.toLowerCase(Locale.ROOT))) {
            return new Outcome(null, "a ZIP archive that is not a Word, Excel or PowerPoint document", null);
        }
        String mainType = contentType(pkg, main).toLowerCase(Locale.ROOT);
        FileType type = MAIN_TYPES.get(mainType);
        if (type == null) {
            return new Outcome(null, OTHER_MAIN_TYPES.getOrDefault(mainType,
                    "an Office Open XML package of type '" + mainType + "'"), null);
        }
        String detected = "an Office Open XML " + type.code() + " document";
        try {
            checkParts(pkg, parts, type);
            checkRelationships(pkg);
            for (Map.Entry<String, byte[]> e : pkg.embedded.entrySet()) {
                if (depth + 1 > MAX_NESTING) {
                    throw new Defect("part " + e.getKey() + " nests Office documents deeper than " + MAX_NESTING
                            + " levels");
                }
                Outcome inner = inspect(Bytes.of(e.getValue()), depth + 1, budget);
                if (inner.type() == null || inner.defect() != null) {
                    throw new Defect("its embedded part " + e.getKey() + " is " + (inner.type() == null
                            ? inner.detected() : "unsound: " + inner.defect()));
                }
            }
        } catch (Defect defect) {
            return new Outcome(type, detected, defect.getMessage());
        }
        return new Outcome(type, detected, null);
    }

    // ---- one pass over the parts ---------------------------------------------------------------------------------

    private static Package read(Bytes b, List<ZipArchive.Part> parts, ZipArchive.Budget budget) {
        Package pkg = new Package();
        SAXParserFactory factory = saxFactory();
        for (ZipArchive.Part part : parts) {
            if (part.name().endsWith("/")) {
                if (part.size() != 0) {
                    throw new Defect("folder entry " + part.name() + " has content");
                }
                continue;
            }
            pkg.names.add(part.lower());
            String extension = extension(part.lower());
            try (ZipArchive.Checked in = ZipArchive.open(b, part, budget)) {
                if (part.name().equals(CONTENT_TYPES)) {
                    pkg.contentTypesFound = true;
                    parse(factory, in, part, new ContentTypes(pkg));
                } else if (extension.equals("rels")) {
                    parse(factory, in, part, new Relationships(pkg, source(part.name())));
                } else if (extension.equals("xml")) {
                    parse(factory, in, part, new DefaultHandler());
                } else if (EMBEDDED_PACKAGES.contains(extension)) {
                    ByteArrayOutputStream copy = new ByteArrayOutputStream();
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        copy.write(buffer, 0, n);
                        if (copy.size() > MAX_EMBEDDED) {
                            throw new Defect("embedded part " + part.name() + " is larger than "
                                    + MAX_EMBEDDED / (1024 * 1024) + " MiB");
                        }
                    }
                    pkg.embedded.put(part.name(), copy.toByteArray());
                }
                in.finish();
            } catch (IOException e) {
                throw new Defect("part " + part.name() + " does not inflate (" + e.getMessage() + ")");
            }
        }
        return pkg;
    }

    private static void parse(SAXParserFactory factory, InputStream in, ZipArchive.Part part, DefaultHandler handler)
            throws IOException {
        try {
            SAXParser parser = factory.newSAXParser();
            parser.parse(new FilterInputStream(in) {
                @Override
                public void close() {
                    // the caller still drains the part
                }
            }, handler);
        } catch (SAXParseException e) {
            throw new Defect("part " + part.name() + " is not well-formed XML (line " + e.getLineNumber() + ": "
                    + e.getMessage() + ")");
        } catch (SAXException | ParserConfigurationException e) {
            if (e.getCause() instanceof Defect defect) {
                throw defect;
            }
            throw new Defect("part " + part.name() + " is not well-formed XML (" + e.getMessage() + ")");
        }
    }

    private static SAXParserFactory saxFactory() {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the XML parser cannot be made safe", e);
        }
        return factory;
    }

    private static final class ContentTypes extends DefaultHandler {
        private final Package pkg;
        private boolean root = true;

        ContentTypes(Package pkg) {
            this.pkg = pkg;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes attributes) throws SAXException {
            if (root) {
                root = false;
                if (!CT_NAMESPACE.equals(uri) || !local.equals("Types")) {
                    throw new SAXException(new Defect(CONTENT_TYPES + " is not a content-types part"));
                }
                return;
            }
            String type = attributes.getValue("ContentType");
            if (local.equals("Default") && attributes.getValue("Extension") != null && type != null) {
                pkg.defaults.put(attributes.getValue("Extension").toLowerCase(Locale.ROOT), type);
            } else if (local.equals("Override") && attributes.getValue("PartName") != null && type != null) {
                String name = attributes.getValue("PartName");
                pkg.overrides.put((name.startsWith("/") ? name.substring(1) : name).toLowerCase(Locale.ROOT), type);
            }
        }
    }

    private static final class Relationships extends DefaultHandler {
        private final Package pkg;
        private final String source;

        Relationships(Package pkg, String source) {
            this.pkg = pkg;
            this.source = source;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes attributes) {
            if (RELS_NAMESPACE.equals(uri) && local.equals("Relationship")) {
                boolean external = "External".equals(attributes.getValue("TargetMode"));
                String target = attributes.getValue("Target") == null ? "" : attributes.getValue("Target");
                String type = attributes.getValue("Type") == null ? "" : attributes.getValue("Type");
                pkg.relationships.add(new Relationship(source, type, external ? target : resolve(source, target),
                        external));
            }
        }
    }

    /** {@code word/_rels/document.xml.rels} → {@code word/document.xml}; {@code _rels/.rels} → the package. */
    private static String source(String relsName) {
        int slash = relsName.lastIndexOf("_rels/");
        String folder = relsName.substring(0, slash);
        String file = relsName.substring(slash + 6, relsName.length() - 5);
        return folder + file;
    }

    /** An internal target relative to its source's folder, as a part name; {@code ..} past the root is kept. */
    private static String resolve(String source, String target) {
        String path = target.startsWith("/") ? target.substring(1)
                : source.substring(0, source.lastIndexOf('/') + 1) + target;
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return "../" + path;
                }
                segments.remove(segments.size() - 1);
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    // ---- what the parts are ----------------------------------------------------------------------------------------

    private static String contentType(Package pkg, String name) {
        String override = pkg.overrides.get(name.toLowerCase(Locale.ROOT));
        return override != null ? override : pkg.defaults.getOrDefault(extension(name.toLowerCase(Locale.ROOT)), "");
    }

    private static void checkParts(Package pkg, List<ZipArchive.Part> parts, FileType type) {
        String root = ROOTS.get(type);
        for (ZipArchive.Part part : parts) {
            String name = part.name();
            String lower = part.lower();
            if (name.endsWith("/") || name.equals(CONTENT_TYPES)) {
                continue;
            }
            String extension = extension(lower);
            String contentType = contentType(pkg, name).toLowerCase(Locale.ROOT);
            String file = lower.substring(lower.lastIndexOf('/') + 1);
            if (EXECUTABLE.contains(extension) || contentType.contains("msdownload")
                    || contentType.contains("executable") || contentType.contains("javascript")) {
                throw new Defect("it holds an executable or script part: " + name);
            }
            if (file.startsWith("vbaproject") || file.startsWith("vbadata") || contentType.contains("vbaproject")
                    || contentType.contains("macroenabled")) {
                throw new Defect("it holds macros (" + name + "): save it as a plain ." + type.code());
            }
            if (lower.contains("/activex/") || contentType.contains("activex")) {
                throw new Defect("it holds an ActiveX control (" + name + ")");
            }
            if (contentType.contains("oleobject") || file.startsWith("oleobject")
                    || (lower.contains("/embeddings/") && !EMBEDDED_PACKAGES.contains(extension))) {
                throw new Defect("it holds an embedded OLE object (" + name + "), which can carry a program; "
                        + "insert the content itself, or attach the other file separately");
            }
            boolean inRoot = lower.startsWith(root) || PACKAGE_ROOTS.stream()
                    .anyMatch(r -> lower.startsWith(r.toLowerCase(Locale.ROOT))) || lower.equals("_rels/.rels");
            if (!inRoot) {
                throw new Defect("part " + name + " does not belong in a " + type.code() + " document");
            }
            boolean printerSettings = extension.equals("bin") && lower.contains("/printersettings/");
            if (!KINDS.contains(extension) && !printerSettings && !EMBEDDED_PACKAGES.contains(extension)) {
                throw new Defect("part " + name + " is not a kind of part a " + type.code() + " document holds");
            }
            if (contentType.isEmpty()) {
                throw new Defect("part " + name + " has no content type in " + CONTENT_TYPES);
            }
        }
    }

    private static void checkRelationships(Package pkg) {
        for (Relationship r : pkg.relationships) {
            String kind = r.type().substring(r.type().lastIndexOf('/') + 1);
            if (r.external()) {
                String target = r.target().trim();
                String scheme = target.contains(":") ? target.substring(0, target.indexOf(':')).toLowerCase(Locale.ROOT)
                        : "";
                boolean link = kind.equals("hyperlink") && (target.startsWith("#") || LINK_SCHEMES.contains(scheme));
                if (!link) {
                    throw new Defect("it links to an external " + kind + " (" + printable(target) + ", from "
                            + (r.source().isEmpty() ? "the package" : r.source()) + "): documents may link out only "
                            + "through web hyperlinks");
                }
            } else if (r.target().startsWith("../")) {
                throw new Defect("a relationship of " + (r.source().isEmpty() ? "the package" : r.source())
                        + " points outside the package (" + printable(r.target()) + ")");
            }
        }
    }

    private static String extension(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash ? name.substring(dot + 1) : "";
    }

    static String printable(String text) {
        return Sniff.printable(text.getBytes(StandardCharsets.UTF_8), 120);
    }
}
