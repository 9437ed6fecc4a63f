package org.groupeval.domain.evidence;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.groupeval.local.SampleZip;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Real documents written by real libraries (PDFBox, POI, the JDK's image writers), and the hostile files that only
 * start like them, for the content checks' tests.
 */
final class SampleFiles {

    private SampleFiles() {
    }

    interface PdfEdit {
        void apply(PDDocument document) throws IOException;
    }

    /** A one-page PDF with a line of text; {@code compressed}: object streams and a cross-reference stream. */
    static byte[] pdf(String text, boolean compressed, PdfEdit... edits) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 720);
                content.showText(text);
                content.endText();
            }
            for (PdfEdit edit : edits) {
                edit.apply(document);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out, compressed ? CompressParameters.DEFAULT_COMPRESSION
                    : CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final PdfEdit JAVASCRIPT = d -> d.getDocumentCatalog().setOpenAction(
            new PDActionJavaScript("app.alert('hello');"));

    static final PdfEdit LAUNCH = d -> {
        PDActionLaunch launch = new PDActionLaunch();
        launch.getCOSObject().setString(COSName.F, "cmd.exe");
        d.getDocumentCatalog().setOpenAction(launch);
    };

    static final PdfEdit EMBEDDED_FILE = d -> {
        PDEmbeddedFile file = new PDEmbeddedFile(d, new ByteArrayInputStream(mz()));
        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile("setup.exe");
        spec.setEmbeddedFile(file);
        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.setNames(Map.of("setup.exe", spec));
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(d.getDocumentCatalog());
        names.setEmbeddedFiles(tree);
        d.getDocumentCatalog().setNames(names);
    };

    static final PdfEdit ENCRYPTED = d -> {
        StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "", new AccessPermission());
        policy.setEncryptionKeyLength(128);
        d.protect(policy);
    };

    /** A PDF changed once and saved incrementally (a second cross-reference section chained by /Prev). */
    static byte[] pdfUpdatedIncrementally(String text) {
        byte[] first = pdf(text, false);
        try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(first)) {
            document.getDocumentInformation().setTitle("集团章程 (修订)");
            document.getDocumentInformation().getCOSObject().setNeedToBeUpdated(true);
            document.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first bytes of a Windows executable (an MZ header pointing to a PE header). */
    static byte[] mz() {
        byte[] exe = new byte[2048];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[60] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        return exe;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---- Office ------------------------------------------------------------------------------------------------------

    static byte[] docx(String text) {
        try (XWPFDocument document = new XWPFDocument()) {
            document.createParagraph().createRun().setText(text);
            document.getProperties().getCoreProperties().setTitle(text);
            return write(document::write);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] xlsx(String text) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            workbook.createSheet("材料").createRow(0).createCell(0).setCellValue(text);
            return write(workbook::write);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pptx(String text) {
        try (XMLSlideShow show = new XMLSlideShow()) {
            XSLFTextBox box = show.createSlide().createTextBox();
            box.setText(text);
            return write(show::write);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface Writer {
        void write(java.io.OutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out);
        return out.toByteArray();
    }

    static byte[] withParts(byte[] zip, Map<String, byte[]> changed) {
        return SampleZip.withParts(zip, changed);
    }

    static byte[] zip(String name, byte[] content) {
        return SampleZip.zip(Map.of(name, content));
    }

    static byte[] part(byte[] zip, String name) {
        return SampleZip.parts(zip).get(name);
    }

    /** {@code count} bytes of zeros, deflated: a zip bomb's payload. */
    static byte[] zeros(int count) {
        return new byte[count];
    }

    // ---- images ------------------------------------------------------------------------------------------------------

    static byte[] image(String format) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(8, 8, 32, 24);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A minimal MP4: a file-type box, a movie box with its header, and a media-data box. */
    static byte[] mp4() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        box(out, "ftyp", concat(ascii("isom"), new byte[] {0, 0, 2, 0}, ascii("isomiso2mp41")));
        byte[] mvhd = new byte[100];
        mvhd[15] = (byte) 0xE8;
        mvhd[14] = 0x03;
        box(out, "moov", boxBytes("mvhd", mvhd));
        box(out, "mdat", new byte[64]);
        return out.toByteArray();
    }

    static byte[] boxBytes(String type, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        box(out, type, content);
        return out.toByteArray();
    }

    private static void box(ByteArrayOutputStream out, String type, byte[] content) {
        int size = 8 + content.length;
        out.write(size >>> 24);
        out.write(size >>> 16);
        out.write(size >>> 8);
        out.write(size);
        out.writeBytes(ascii(type));
        out.writeBytes(content);
    }
}
