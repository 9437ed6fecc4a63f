package org.groupeval.store;

import org.groupeval.domain.Identifiers;

import java.security.SecureRandom;

/**
 * Opaque, URL-safe, time-ordered ids (a ULID in lower-case Crockford base32 behind a short prefix), so lists keyed
 * by id come out in creation order without a timestamp index. Their format is {@link Identifiers#isIssued}.
 */
public final class Ids {

    private static final char[] ALPHABET = Identifiers.ALPHABET.toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId(String prefix) {
        char[] out = new char[Identifiers.ISSUED_LENGTH];
        long time = System.currentTimeMillis();
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long bits = 0;
        int available = 0;
        int pos = 10;
        for (byte b : random) {
            bits = (bits << 8) | (b & 0xff);
            available += 8;
            while (available >= 5 && pos < out.length) {
                out[pos++] = ALPHABET[(int) ((bits >>> (available - 5)) & 31)];
                available -= 5;
            }
        }
        return prefix + "-" + new String(out);
    }
}
