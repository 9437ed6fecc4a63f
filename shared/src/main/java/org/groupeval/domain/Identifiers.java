package org.groupeval.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The formats of what a request names things by: the ids the service issues (groups, evidence files), and the codes
 * and numbers it takes from elsewhere (school codes, district codes, experts' token subjects, framework ids, ranking
 * revisions). A value without its format names nothing that could be stored, so it is refused before anything is
 * looked up: no over-long or malformed value ever reaches a table's key. Every check bounds the length before it
 * looks at the characters, and no pattern here can backtrack, so a check takes time linear in a bounded length
 * whatever the input.
 */
public final class Identifiers {

    /** The characters of an issued id after its prefix: lower-case Crockford base32 (no i, l, o, u). */
    public static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    /** An issued id is its prefix, '-', and this many characters of {@link #ALPHABET} (a ULID: time, then chance). */
    public static final int ISSUED_LENGTH = 26;
    public static final String GROUP = "g";
    public static final String EVIDENCE = "ev";
    public static final String CHANGE = "chg";

    public static final String GROUP_ID_RULE = "must be a group id as the service issues them: \"g-\" and 26 "
            + "characters 0-9 a-z without i, l, o, u (e.g. g-01kexamp1e0000000000000000)";
    public static final String EVIDENCE_ID_RULE = "must be an evidence id as the service issues them: \"ev-\" and 26 "
            + "characters 0-9 a-z without i, l, o, u (e.g. ev-01jd0a6k3m9v2x7c5b8n4q1r6t)";
    public static final String FRAMEWORK_ID_RULE = "must be a framework id: 1-64 letters, digits, '-' or '_', "
            + "starting with a letter or digit (e.g. ankang-2022)";
    public static final String SUBJECT_RULE = "must be the expert's token subject: 1–128 letters, digits or ._@:+=-";
    public static final String REVISION_RULE = "revision must be a whole number from 1 to 999999";

    public static final int MAX_SCHOOL_CODE = 20;
    public static final int MAX_SUBJECT = 128;
    public static final int MAX_FRAMEWORK_ID = 64;
    private static final int MAX_REVISION_DIGITS = 6;
    /** How much of a refused value a message quotes. */
    private static final int QUOTED = 40;

    private static final Pattern SCHOOL_CODE = Pattern.compile("[A-Za-z0-9]{1,20}");
    private static final Pattern DISTRICT = Pattern.compile("[0-9]{6}");
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._@:+=-]{1,128}");
    private static final Pattern FRAMEWORK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,6}");

    private Identifiers() {
    }

    /** Whether {@code raw} is an id issued with this prefix ({@code g-01kexamp1e0000000000000000}). */
    public static boolean isIssued(String prefix, String raw) {
        int start = prefix.length() + 1;
        if (raw == null || raw.length() != start + ISSUED_LENGTH || !raw.startsWith(prefix)
                || raw.charAt(prefix.length()) != '-') {
            return false;
        }
        for (int i = start; i < raw.length(); i++) {
            if (ALPHABET.indexOf(raw.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    public static boolean isGroupId(String raw) {
        return isIssued(GROUP, raw);
    }

    public static boolean isEvidenceId(String raw) {
        return isIssued(EVIDENCE, raw);
    }

    /** A school code: 1–20 letters or digits (compared upper-cased). */
    public static boolean isSchoolCode(String raw) {
        return raw != null && raw.length() <= MAX_SCHOOL_CODE && SCHOOL_CODE.matcher(raw).matches();
    }

    /** A district: its 6-digit administrative division code (GB/T 2260). */
    public static boolean isDistrict(String raw) {
        return raw != null && raw.length() == 6 && DISTRICT.matcher(raw).matches();
    }

    /** An expert's token subject as the identity provider issues it. */
    public static boolean isExpertSubject(String raw) {
        return raw != null && raw.length() <= MAX_SUBJECT && SUBJECT.matcher(raw).matches();
    }

    /** The id of a framework, and of the categories and indicators inside one. */
    public static boolean isFrameworkId(String raw) {
        return raw != null && raw.length() <= MAX_FRAMEWORK_ID && FRAMEWORK_ID.matcher(raw).matches();
    }

    /** A ranking revision (1–999999), or 400 naming {@code pointer}. */
    public static int revision(String raw, String pointer) {
        if (raw != null && raw.length() <= MAX_REVISION_DIGITS && DIGITS.matcher(raw).matches()
                && Integer.parseInt(raw) >= 1) {
            return Integer.parseInt(raw);
        }
        throw DomainException.invalid(pointer, REVISION_RULE + " (got " + quote(raw) + ")");
    }

    /**
     * A refused value as a message quotes it: as sent, but an over-long value only by its beginning and its length,
     * so that a refusal never echoes kilobytes back.
     */
    public static String quote(String raw) {
        if (raw == null) {
            return "nothing";
        }
        if (raw.length() <= QUOTED) {
            return "\"" + wellFormed(raw) + "\"";
        }
        return "\"" + wellFormed(raw.substring(0, QUOTED)) + "…\" (" + String.format(Locale.ROOT, "%,d", raw.length())
                + " characters)";
    }

    /**
     * The text with every unpaired surrogate (a cut pair, or half of one sent alone) shown as U+FFFD, for a message
     * or a pointer: half a character cannot be written as UTF-8.
     */
    public static String wellFormed(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
