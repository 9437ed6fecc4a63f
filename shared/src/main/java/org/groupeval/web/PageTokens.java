package org.groupeval.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.access.Caller;
import org.groupeval.store.Page;
import org.groupeval.store.Tables;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code nextToken} of every list route: the store's cursor (where its query stopped) sealed with AES-256-GCM
 * under a key the deployment holds ({@value #SECRET}), so that a caller can neither read it nor make up or alter
 * one. Each token is bound, as GCM's additional authenticated data, to the list it was issued for and the caller it
 * was issued to: the route, its path parameters, its query parameters other than {@code limit} and
 * {@code nextToken}, whatever the handler resolved on the caller's behalf (the ranking revision a results list
 * reads), and the caller's role, subject, school and district. It expires {@link #LIFETIME} after it was issued.
 *
 * <p>A token that is not base64url, is too short or too long, does not authenticate under the key and that binding
 * (altered, made up, or from another list or caller), names another format version or has expired is the caller's
 * error: 400 naming {@code /query/nextToken}, before any store is asked. The store only ever sees cursors it wrote.
 *
 * <p>Token: base64url (no padding) of {@code version (1 byte) ‖ nonce (12 bytes) ‖ AES-GCM(expiry epoch seconds
 * (8 bytes) ‖ cursor (UTF-8)) ‖ tag (16 bytes)}. The AES key is HMAC-SHA256 of a fixed label under the secret, so
 * any secret of at least {@value #MIN_SECRET_LENGTH} characters makes a full 256-bit key.
 */
@Singleton
public final class PageTokens {

    /** The setting (environment variable; locally a system property) holding the secret. */
    public static final String SECRET = "PAGE_TOKEN_SECRET";
    /** The shortest secret accepted: a shorter (or missing) one stops the function from starting. */
    public static final int MIN_SECRET_LENGTH = 32;
    /** How long a token may be used after it was issued. */
    public static final Duration LIFETIME = Duration.ofHours(24);
    /** Longer nextTokens are refused unread (a real one is a few hundred characters). */
    static final int MAX_TOKEN_LENGTH = 2048;

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int EXPIRY_BYTES = Long.BYTES;
    private static final byte[] KEY_LABEL = "groupeval page token key v1".getBytes(StandardCharsets.UTF_8);
    /** Lambda's Java runtimes re-seed SecureRandom when a SnapStart snapshot is restored: nonces stay unique. */
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final Clock clock;

    /**
     * @param secret the deployment's secret, at least {@value #MIN_SECRET_LENGTH} characters
     * @throws IllegalStateException when it is missing or shorter: no list could be paged without it
     */
    public PageTokens(String secret, Clock clock) {
        if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(SECRET + " is " + (secret == null || secret.isBlank() ? "not set"
                    : "shorter than " + MIN_SECRET_LENGTH + " characters") + ": template.yaml gives every function "
                    + "that pages a list the page-token secret (PageTokenSecret); without it nextTokens cannot be "
                    + "issued or checked, so the function does not start");
        }
        this.key = new SecretKeySpec(hmacSha256(secret.strip().getBytes(StandardCharsets.UTF_8), KEY_LABEL), "AES");
        this.clock = clock;
    }

    /**
     * The tokens of a function, with the secret from its environment: a handler that pages injects them, so a
     * function without the secret fails while it starts instead of serving lists it cannot page.
     */
    @Inject
    public PageTokens(Clock clock) {
        this(Tables.setting(SECRET, null), clock);
    }

    /** The paging of one list request: the cursor to start from, and how the next page's token is made. */
    public final class Paging {
        private final byte[] binding;
        private final String start;

        private Paging(byte[] binding, String start) {
            this.binding = binding;
            this.start = start;
        }

        /** Where the store's query starts: the cursor the caller's nextToken carries, or null for the first page. */
        public String start() {
            return start;
        }

        /** The page with its store cursor sealed into a nextToken for this list and caller (null on the last page). */
        public <T> Page<T> next(Page<T> page) {
            return new Page<>(page.items(), page.nextToken() == null ? null : seal(page.nextToken(), binding));
        }
    }

    /**
     * Opens the request's {@code nextToken} (if any) for the list this request asks for.
     *
     * @param resolved what the handler decided on the caller's behalf that the route and parameters do not show
     *                 (e.g. the ranking revision a results list reads), bound into the token as well
     * @throws DomainException 400 naming {@code /query/nextToken} when the token does not open
     */
    public Paging paging(ApiRequest request, Object... resolved) {
        byte[] binding = binding(request, resolved);
        String start = request.nextToken().map(token -> open(token, binding)).orElse(null);
        return new Paging(binding, start);
    }

    // ---- the codec ------------------------------------------------------------------------------------------------

    String seal(String cursor, byte[] binding) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] text = cursor.getBytes(StandardCharsets.UTF_8);
        ByteBuffer plain = ByteBuffer.allocate(EXPIRY_BYTES + text.length)
                .putLong(clock.instant().plus(LIFETIME).getEpochSecond()).put(text);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, binding);
            byte[] sealed = cipher.doFinal(plain.array());
            ByteBuffer token = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed);
            return ENCODER.encodeToString(token.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a page token: " + e.getMessage(), e);
        }
    }

    String open(String token, byte[] binding) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw invalid();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
        // only the one spelling this service writes (no padding, no stray bits in the last character)
        if (!ENCODER.encodeToString(raw).equals(token) || raw.length < 1 + NONCE_BYTES + EXPIRY_BYTES + TAG_BITS / 8
                || raw[0] != VERSION) {
            throw invalid();
        }
        byte[] plain;
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(raw, 1, 1 + NONCE_BYTES), binding);
            plain = cipher.doFinal(raw, 1 + NONCE_BYTES, raw.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException altered) {
            throw invalid();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open a page token: " + e.getMessage(), e);
        }
        ByteBuffer payload = ByteBuffer.wrap(plain);
        if (clock.instant().getEpochSecond() > payload.getLong()) {
            throw invalid();
        }
        return StandardCharsets.UTF_8.decode(payload).toString();
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] binding) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(new byte[] {VERSION});
        cipher.updateAAD(binding);
        return cipher;
    }

    private static DomainException invalid() {
        return DomainException.invalid("/query/nextToken", "nextToken is not one this list issued to you, or it has "
                + "expired (a token holds for " + LIFETIME.toHours() + " hours, for the query and the caller it was "
                + "issued for); start again from the first page, without nextToken");
    }

    // ---- what a token is bound to ---------------------------------------------------------------------------------

    /**
     * The list and the caller, written unambiguously (each part as its length and its UTF-8 bytes): the route key,
     * the path parameters, the query parameters but {@code limit} and {@code nextToken} (a caller may change the
     * page size between pages), the resolved values and the caller.
     */
    static byte[] binding(ApiRequest request, Object... resolved) {
        Binding b = new Binding();
        b.add("route").add(request.routeKey());
        b.add("path").addAll(request.event().getPathParameters());
        Map<String, String> query = new TreeMap<>();
        if (request.event().getQueryStringParameters() != null) {
            request.event().getQueryStringParameters().forEach((name, value) -> {
                if (!name.equals("limit") && !name.equals("nextToken") && value != null && !value.isBlank()) {
                    query.put(name, value.trim());
                }
            });
        }
        b.add("query").addAll(query);
        b.add("resolved");
        for (Object value : resolved) {
            b.add(value == null ? null : value.toString());
        }
        Caller caller = request.caller();
        b.add("caller").add(caller.role().name()).add(caller.subject()).add(caller.school()).add(caller.district());
        return b.bytes.toByteArray();
    }

    private static final class Binding {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Binding add(String part) {
            if (part == null) {
                bytes.write(0xFF);  // no length starts with 0xFF: null differs from every string
                return this;
            }
            byte[] utf8 = part.getBytes(StandardCharsets.UTF_8);
            bytes.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(utf8.length).array());
            bytes.writeBytes(utf8);
            return this;
        }

        Binding addAll(Map<String, String> parameters) {
            Map<String, String> sorted = parameters == null ? Map.of() : new TreeMap<>(parameters);
            add(Integer.toString(sorted.size()));
            sorted.forEach((name, value) -> add(name).add(value));
            return this;
        }
    }

    private static byte[] hmacSha256(byte[] secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable: " + e.getMessage(), e);
        }
    }
}
