package org.groupeval.domain.evidence;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A file's type comes from its bytes, never its name; size and SHA-256 cover every byte exactly once. */
class ContentInspectionTest {

    private static ContentInspection inspect(byte[] data) throws IOException {
        return ContentInspection.of(new ByteArrayInputStream(data));
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static byte[] with(byte[] head, int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        System.arraycopy(head, 0, data, 0, head.length);
        return data;
    }

    static byte[] zip(String... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : entries) {
                zip.putNextEntry(new ZipEntry(name));
                byte[] filler = new byte[50_000];
                new Random(name.hashCode()).nextBytes(filler);
                zip.write(filler);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void recognisesEveryAcceptedTypeByItsMagicBytes() throws Exception {
        assertEquals(Optional.of(FileType.PDF), inspect(with("%PDF-1.4".getBytes(StandardCharsets.US_ASCII), 500)).type());
        assertEquals(Optional.of(FileType.JPG), inspect(with(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF,
                (byte) 0xE0}, 500)).type());
        assertEquals(Optional.of(FileType.PNG), inspect(with(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A,
                '\n'}, 500)).type());
        assertEquals(Optional.of(FileType.MP4), inspect(with(new byte[] {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's',
                'o', 'm'}, 500)).type());
        assertEquals(Optional.of(FileType.DOCX), inspect(zip("[Content_Types].xml", "_rels/.rels",
                "word/document.xml")).type());
        assertEquals(Optional.of(FileType.XLSX), inspect(zip("[Content_Types].xml", "xl/workbook.xml")).type());
        assertEquals(Optional.of(FileType.PPTX), inspect(zip("[Content_Types].xml", "ppt/presentation.xml")).type());
    }

    @Test
    void namesWhatTheContentIsWhenItIsNoAcceptedType() throws Exception {
        assertEquals("a Windows executable", inspect(with(new byte[] {'M', 'Z'}, 300)).detected());
        assertEquals("an ELF executable", inspect(with(new byte[] {0x7F, 'E', 'L', 'F'}, 300)).detected());
        assertEquals("a script", inspect("#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.US_ASCII)).detected());
        assertEquals("a ZIP archive that is not a Word, Excel or PowerPoint document",
                inspect(zip("readme.txt", "word/document.xml")).detected());
        assertEquals("an ISO media file of brand 'qt' (not MP4)", inspect(with(new byte[] {0, 0, 0, 0x14, 'f', 't',
                'y', 'p', 'q', 't', ' ', ' '}, 300)).detected());
        assertEquals("empty", inspect(new byte[0]).detected());
        assertEquals(Optional.empty(), inspect("just text".getBytes(StandardCharsets.US_ASCII)).type());
    }

    @Test
    void sizeAndDigestCoverEveryByteWhateverTheDetectionRead() throws Exception {
        for (byte[] data : new byte[][] {zip("[Content_Types].xml", "word/a.xml", "word/b.xml"),
                with("%PDF-".getBytes(StandardCharsets.US_ASCII), 1_000_000), new byte[0], new byte[] {1}}) {
            ContentInspection inspection = inspect(data);
            assertEquals(data.length, inspection.size());
            assertEquals(sha256(data), inspection.sha256());
        }
    }
}
