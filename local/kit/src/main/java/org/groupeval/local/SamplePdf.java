package org.groupeval.local;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Small, valid PDF documents for the local demo and the tests (uploaded evidence must be a real PDF: the upload
 * check reads its whole structure): objects, a cross-reference table with their byte offsets, a trailer.
 */
public final class SamplePdf {

    private SamplePdf() {
    }

    /** A one-page A4 document titled {@code title} (any text: the title is stored as UTF-16). */
    public static byte[] titled(String title) {
        StringBuilder hex = new StringBuilder("FEFF");
        for (char c : title.toCharArray()) {
            hex.append(String.format("%04X", (int) c));
        }
        String text = "BT /F1 18 Tf 72 770 Td (Evidence) Tj ET";
        return withObjects(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                        + " /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + text.length() + " >>\nstream\n" + text + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                "<< /Title <" + hex + "> /Producer (groupeval) >>");
    }

    /**
     * A PDF of these objects, numbered from 1 (object 1 is the catalog; an object whose body starts with
     * {@code << /Title} is the document information), with its cross-reference table and trailer.
     */
    public static byte[] withObjects(String... bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1));
        long[] offsets = new long[bodies.length];
        String info = "";
        for (int i = 0; i < bodies.length; i++) {
            offsets[i] = out.size();
            out.writeBytes(ascii((i + 1) + " 0 obj\n" + bodies[i] + "\nendobj\n"));
            if (bodies[i].startsWith("<< /Title")) {
                info = " /Info " + (i + 1) + " 0 R";
            }
        }
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (bodies.length + 1) + "\n0000000000 65535 f \n");
        for (long offset : offsets) {
            table.append(String.format("%010d 00000 n \n", offset));
        }
        table.append("trailer\n<< /Size ").append(bodies.length + 1).append(" /Root 1 0 R").append(info)
                .append(" >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        out.writeBytes(ascii(table.toString()));
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
