package org.groupeval.domain.evidence;

import org.groupeval.local.SamplePdf;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.groupeval.domain.evidence.SampleFiles.ascii;
import static org.groupeval.domain.evidence.SampleFiles.concat;
import static org.groupeval.domain.evidence.SampleFiles.mz;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file's type comes from its bytes, never its name; a file is sound only when the whole of it is what its type
 * allows (real files written by PDFBox, POI and the JDK pass; hostile ones that only start like them do not, and
 * the defect says what is wrong and where). Size and SHA-256 cover every byte exactly once.
 */
class ContentInspectionTest {

    private static ContentInspection inspect(byte[] data) {
        try {
            return ContentInspection.of(new ByteArrayInputStream(data));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertSound(FileType type, byte[] data) {
        ContentInspection inspection = inspect(data);
        assertEquals(Optional.of(type), inspection.type(), inspection.detected());
        assertEquals(Optional.empty(), inspection.defect(), type + ": " + inspection.defect());
    }

    /** The type is recognised and the defect says {@code expected}. */
    private static String assertDefect(FileType type, byte[] data, String expected) {
        ContentInspection inspection = inspect(data);
        assertEquals(Optional.of(type), inspection.type(), inspection.detected());
        assertTrue(inspection.defect().isPresent(), type + " passed, but should not have");
        assertTrue(inspection.defect().get().contains(expected), inspection.defect().get());
        return inspection.defect().get();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** A PDF written by hand: each string is an object's body, numbered from 1; object 1 is the catalog. */
    static byte[] handMadePdf(String... objects) {
        return SamplePdf.withObjects(objects);
    }

    static final String CATALOG = "<< /Type /Catalog /Pages 2 0 R >>";
    static final String PAGES = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
    static final String PAGE = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>";

    @Test
    void realFilesOfEveryAcceptedTypeAreSound() {
        assertSound(FileType.PDF, SampleFiles.pdf("Group charter 2026", false));
        assertSound(FileType.PDF, SampleFiles.pdf("Group charter 2026", true));
        assertSound(FileType.PDF, SampleFiles.pdfUpdatedIncrementally("Group charter 2026"));
        assertSound(FileType.PDF, handMadePdf(CATALOG, PAGES, PAGE));
        assertSound(FileType.PDF, SamplePdf.titled("集团章程 2026"));
        assertSound(FileType.DOCX, SampleFiles.docx("集团章程"));
        assertSound(FileType.XLSX, SampleFiles.xlsx("教师交流名单"));
        assertSound(FileType.PPTX, SampleFiles.pptx("集团化办学汇报"));
        assertSound(FileType.PNG, SampleFiles.image("png"));
        assertSound(FileType.JPG, SampleFiles.image("jpeg"));
        assertSound(FileType.MP4, SampleFiles.mp4());
    }

    /** The README's and docs/evidence.md's {@code printf ... > charter.pdf} writes a PDF the check accepts. */
    @Test
    void theDocumentedPrintfWritesASoundPdf() throws IOException {
        Path root = Path.of(System.getProperty("groupeval.repo.root", "..."));
        for (String doc : List.of("README.md", "docs/evidence.md")) {
            String line = Files.readAllLines(root.resolve(doc)).stream()
                    .filter(l -> l.startsWith("printf '%%PDF-") && l.endsWith("' > charter.pdf")).findFirst()
                    .orElseThrow(() -> new AssertionError(doc + " has no printf of charter.pdf"));
            String format = line.substring("printf '".length(), line.length() - "' > charter.pdf".length());
            assertSound(FileType.PDF, ascii(format.replace("\\n", "\n").replace("%%", "%")));
        }
    }

    @Test
    void aPdfHeaderFollowedByAnExecutableOrHtmlIsNoPdf() {
        assertDefect(FileType.PDF, concat(ascii("%PDF-1.7\n"), mz()), "a Windows executable at byte 9");
        assertDefect(FileType.PDF, ascii("%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body>"
                + "</html>\n%%EOF\n"), "HTML with a script at byte 9");
        assertDefect(FileType.PDF, ascii("%PDF-\n1 0 obj << >> endobj"), "names no PDF version");
    }

    @Test
    void aRealPdfWithSomethingAppendedOrInsertedIsNoLongerSound() {
        byte[] pdf = SampleFiles.pdf("charter", false);
        assertDefect(FileType.PDF, concat(pdf, mz()), "a Windows executable at byte " + pdf.length);
        assertDefect(FileType.PDF, concat(pdf, ascii("<script>fetch('https://example.org')</script>")),
                "HTML with a script at byte " + pdf.length);
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int second = text.indexOf("\n2 0 obj") + 1;
        String comment = "% a comment moves the objects after it\n";
        String startxref = text.substring(text.lastIndexOf("startxref"));
        long xref = Long.parseLong(startxref.split("\\s+")[1]);
        String shifted = text.substring(0, second) + comment + text.substring(second, text.lastIndexOf("startxref"))
                + "startxref\n" + (xref + comment.length()) + "\n%%EOF\n";
        assertDefect(FileType.PDF, shifted.getBytes(StandardCharsets.ISO_8859_1),
                "its cross-reference sections put object 2 at byte " + second + ", where no object starts");
    }

    @Test
    void aPdfThatCarriesScriptsLaunchActionsOrFilesIsRefused() {
        assertDefect(FileType.PDF, SampleFiles.pdf("x", false, SampleFiles.JAVASCRIPT), "JavaScript");
        assertDefect(FileType.PDF, SampleFiles.pdf("x", true, SampleFiles.JAVASCRIPT), "JavaScript");
        assertDefect(FileType.PDF, SampleFiles.pdf("x", false, SampleFiles.LAUNCH), "a launch action");
        assertDefect(FileType.PDF, SampleFiles.pdf("x", true, SampleFiles.EMBEDDED_FILE), "an embedded file");
        assertDefect(FileType.PDF, handMadePdf("<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /J#61vaScript "
                + "/J#53 (app.alert\\(1\\)) >> >>", PAGES, PAGE), "JavaScript (object 1)");
        assertDefect(FileType.PDF, SampleFiles.pdf("x", false, SampleFiles.ENCRYPTED), "encrypted");
    }

    @Test
    void aPdfMustHaveACatalogWithPages() {
        assertDefect(FileType.PDF, handMadePdf(CATALOG, "<< /Type /Pages /Kids [] /Count 0 >>"), "no pages");
        assertDefect(FileType.PDF, handMadePdf("<< /Type /Catalog /Pages 2 0 R", PAGES, PAGE), "at byte");
        assertDefect(FileType.PDF, ascii("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"),
                "'startxref' is missing");
    }

    @Test
    void anOfficeDocumentWithAProgramMacrosOrObjectsInsideIsRefused() {
        byte[] docx = SampleFiles.docx("集团章程");
        assertDefect(FileType.DOCX, SampleFiles.withParts(docx, Map.of("word/media/setup.exe", mz())),
                "executable or script part: word/media/setup.exe");
        assertDefect(FileType.DOCX, SampleFiles.withParts(docx, Map.of("word/vbaProject.bin", new byte[512])),
                "macros (word/vbaProject.bin)");
        assertDefect(FileType.DOCX, SampleFiles.withParts(docx, Map.of("word/embeddings/oleObject1.bin",
                concat(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}, mz()))), "embedded OLE object");
        assertDefect(FileType.DOCX, SampleFiles.withParts(docx, Map.of("word/activeX/activeX1.xml",
                ascii("<ax/>"))), "ActiveX");
        assertDefect(FileType.DOCX, SampleFiles.withParts(docx, Map.of("xl/workbook.xml", ascii("<workbook/>"))),
                "part xl/workbook.xml does not belong in a docx");
        assertDefect(FileType.DOCX, SampleFiles.withParts(docx, Map.of("word/notes.txt", ascii("hello"))),
                "not a kind of part");
    }

    @Test
    void anOfficeDocumentThatFetchesRemoteContentOrClimbsOutIsRefused() {
        byte[] docx = SampleFiles.docx("集团章程");
        String rels = new String(SampleFiles.part(docx, "word/_rels/document.xml.rels"), StandardCharsets.UTF_8);
        String remote = rels.replace("</Relationships>", "<Relationship Id=\"rId99\" Type=\"http://schemas."
                + "openxmlformats.org/officeDocument/2006/relationships/attachedTemplate\" Target=\"http://evil."
                + "example/t.dotm\" TargetMode=\"External\"/></Relationships>");
        assertDefect(FileType.DOCX, SampleFiles.withParts(docx, Map.of("word/_rels/document.xml.rels",
                ascii(remote))), "links to an external attachedTemplate (http://evil.example/t.dotm");
        String link = rels.replace("</Relationships>", "<Relationship Id=\"rId98\" Type=\"http://schemas."
                + "openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"https://www.ak.gov.cn/\""
                + " TargetMode=\"External\"/></Relationships>");
        assertSound(FileType.DOCX, SampleFiles.withParts(docx, Map.of("word/_rels/document.xml.rels", ascii(link))));
        ContentInspection climbing = inspect(SampleFiles.withParts(docx, Map.of("word/../../evil.xml",
                ascii("<x/>"))));
        assertTrue(climbing.detected().contains("climbs out of the package"), climbing.detected());
        String doctype = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
        ContentInspection xxe = inspect(SampleFiles.withParts(docx, Map.of("word/styles.xml", ascii(doctype))));
        assertTrue(xxe.detected().contains("word/styles.xml is not well-formed XML"), xxe.detected());
    }

    @Test
    void zipBombsAndArchivesWithSomethingAppendedAreRefused() {
        byte[] docx = SampleFiles.docx("集团章程");
        ContentInspection bomb = inspect(SampleFiles.withParts(docx, Map.of("word/media/image1.png",
                SampleFiles.zeros(50 * 1024 * 1024))));
        assertTrue(bomb.detected().contains("inflates to more than 200 times its compressed size (a zip bomb)"),
                bomb.detected());
        ContentInspection appended = inspect(concat(docx, mz()));
        assertTrue(appended.detected().contains("something follows the archive"), appended.detected());
    }

    @Test
    void aMacroEnabledDocumentIsAnotherType() {
        byte[] docx = SampleFiles.docx("集团章程");
        String types = new String(SampleFiles.part(docx, "[Content_Types].xml"), StandardCharsets.UTF_8)
                .replace("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                        "application/vnd.ms-word.document.macroEnabled.main+xml");
        ContentInspection docm = inspect(SampleFiles.withParts(docx, Map.of("[Content_Types].xml", ascii(types))));
        assertEquals(Optional.empty(), docm.type());
        assertEquals("a macro-enabled Word document (.docm)", docm.detected());
    }

    @Test
    void embeddedWorkbooksAreCheckedLikeTheDocument() {
        byte[] docx = SampleFiles.docx("集团章程");
        String types = new String(SampleFiles.part(docx, "[Content_Types].xml"), StandardCharsets.UTF_8)
                .replace("<Default ", "<Default Extension=\"xlsx\" ContentType=\"application/vnd.openxmlformats-"
                        + "officedocument.spreadsheetml.sheet\"/><Default ");
        byte[] xlsx = SampleFiles.xlsx("数据");
        assertSound(FileType.DOCX, SampleFiles.withParts(docx, Map.of("[Content_Types].xml", ascii(types),
                "word/embeddings/Microsoft_Excel_Worksheet.xlsx", xlsx)));
        byte[] withMacros = SampleFiles.withParts(xlsx, Map.of("xl/vbaProject.bin", new byte[512]));
        assertDefect(FileType.DOCX, SampleFiles.withParts(docx, Map.of("[Content_Types].xml", ascii(types),
                "word/embeddings/Microsoft_Excel_Worksheet.xlsx", withMacros)),
                "embedded part word/embeddings/Microsoft_Excel_Worksheet.xlsx is unsound: it holds macros");
    }

    @Test
    void picturesAndVideosEndWhereTheirStructureEnds() {
        byte[] png = SampleFiles.image("png");
        assertDefect(FileType.PNG, concat(png, mz()), "2048 bytes follow the image's end chunk (IEND) at byte "
                + png.length + " (a Windows executable)");
        byte[] damaged = png.clone();
        damaged[20] ^= 1;
        assertDefect(FileType.PNG, damaged, "chunk IHDR at byte 8 is damaged");
        byte[] jpeg = SampleFiles.image("jpeg");
        assertDefect(FileType.JPG, concat(jpeg, ascii("<html><script>alert(1)</script></html>")),
                "follow the image's end marker (EOI)");
        assertDefect(FileType.JPG, java.util.Arrays.copyOf(jpeg, jpeg.length - 2), "without its end marker (EOI)");
        assertSound(FileType.JPG, concat(jpeg, jpeg));
        assertDefect(FileType.MP4, concat(SampleFiles.mp4(), mz()), "follow its last box");
    }

    @Test
    void namesWhatTheContentIsWhenItIsNoAcceptedType() {
        assertEquals("a Windows executable", inspect(mz()).detected());
        assertEquals("an ELF executable", inspect(concat(new byte[] {0x7F, 'E', 'L', 'F'}, new byte[300]))
                .detected());
        assertEquals("a script", inspect(ascii("#!/bin/sh\nrm -rf /\n")).detected());
        assertEquals("HTML with a script", inspect(ascii("<!DOCTYPE html><html><script>x()</script>")).detected());
        assertEquals("a ZIP archive that is not a Word, Excel or PowerPoint document",
                inspect(SampleFiles.zip("readme.txt", ascii("hello"))).detected());
        assertEquals("an ISO media file of brand 'qt' (not MP4)", inspect(concat(new byte[] {0, 0, 0, 0x14, 'f',
                't', 'y', 'p', 'q', 't', ' ', ' '}, new byte[300])).detected());
        assertEquals("empty", inspect(new byte[0]).detected());
        assertEquals(Optional.empty(), inspect(ascii("just text")).type());
    }

    @Test
    void sizeAndDigestCoverEveryByteWhateverTheChecksRead() throws Exception {
        byte[] random = new byte[1_000_000];
        new Random(7).nextBytes(random);
        for (byte[] data : new byte[][] {SampleFiles.docx("x"), concat(ascii("%PDF-1.7\n"), random),
                SampleFiles.pdf("x", true), new byte[0], new byte[] {1}}) {
            ContentInspection inspection = inspect(data);
            assertEquals(data.length, inspection.size());
            assertEquals(sha256(data), inspection.sha256());
        }
    }
}
