package org.groupeval.domain.evidence.content;

import java.util.Locale;

/**
 * What bytes look like from their first few, in words: how the content check names a file of no accepted type and
 * what it found where a file's structure allows nothing ("a Windows executable at byte 9").
 */
public final class Sniff {

    private static final int LOOK = 512;

    private Sniff() {
    }

    /** A description of the bytes at {@code pos} ("a Windows executable", "HTML markup", "text", ...). */
    public static String at(Bytes bytes, long pos) {
        if (pos >= bytes.length()) {
            return "nothing";
        }
        if (bytes.startsWith(pos, "MZ")) {
            return "a Windows executable";
        }
        if (bytes.startsWith(pos, "\u007FELF")) {
            return "an ELF executable";
        }
        if (bytes.startsWith(pos, "\u00CA\u00FE\u00BA\u00BE") || bytes.startsWith(pos, "\u00CF\u00FA\u00ED\u00FE")) {
            return "a Mach-O executable";
        }
        if (bytes.startsWith(pos, "#!")) {
            return "a script";
        }
        if (bytes.startsWith(pos, "PK\u0003\u0004")) {
            return "a ZIP archive";
        }
        if (bytes.startsWith(pos, "\u00D0\u00CF\u0011\u00E0")) {
            return "a legacy Office (OLE2) document";
        }
        if (bytes.startsWith(pos, "%PDF-")) {
            return "a PDF document";
        }
        String head = bytes.ascii(pos, LOOK).toLowerCase(Locale.ROOT).stripLeading();
        if (head.startsWith("\u00ef\u00bb\u00bf")) {
            head = head.substring(3).stripLeading();
        }
        if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<script")
                || head.startsWith("<head") || head.startsWith("<body") || head.startsWith("<iframe")
                || head.startsWith("<svg") || head.startsWith("<?xml") || head.startsWith("<!--")) {
            return head.contains("<script") ? "HTML with a script" : "HTML or XML markup";
        }
        if (head.startsWith("<")) {
            return "markup";
        }
        int zeros = 0;
        int controls = 0;
        byte[] sample = bytes.get(pos, LOOK);
        for (byte b : sample) {
            if (b == 0) {
                zeros++;
            } else if ((b & 0xFF) < 0x20 && b != '\n' && b != '\r' && b != '\t') {
                controls++;
            }
        }
        return zeros + controls == 0 ? "text ('" + printable(sample, 24) + "')" : "binary data";
    }

    /** Up to {@code max} characters of the bytes, safe to show in a message. */
    static String printable(byte[] bytes, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length && out.length() < max; i++) {
            int b = bytes[i] & 0xFF;
            out.append(b >= 0x20 && b < 0x7F && b != '\'' ? (char) b : '.');
        }
        return out.toString();
    }
}
