package org.groupeval.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack's identity provider: issues HS256 tokens signed with a key made at start-up, and verifies them
 * the way the HTTP API's JWT authorizer would (signature, issuer, audience, expiry), yielding the claims map the
 * authorizer passes to functions. Exists only locally.
 */
public final class LocalTokens {

    public static final String ISSUER = "groupeval-local";
    public static final String AUDIENCE = "groupeval-api";
    private static final Duration LIFETIME = Duration.ofHours(12);

    private final byte[] key = new byte[32];

    public LocalTokens() {
        new SecureRandom().nextBytes(key);
    }

    public String issue(Map<String, String> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(LIFETIME)));
        claims.forEach(builder::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token's claims as strings (as API Gateway passes them), or empty when the token is not valid. */
    public Optional<Map<String, String>> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer()) || !claims.getAudience().contains(AUDIENCE)
                    || claims.getExpirationTime() == null || claims.getExpirationTime().before(new Date())) {
                return Optional.empty();
            }
            Map<String, String> out = new LinkedHashMap<>();
            claims.getClaims().forEach((name, value) -> {
                if (value instanceof Date d) {
                    out.put(name, Long.toString(d.toInstant().getEpochSecond()));
                } else if (value != null) {
                    out.put(name, value instanceof java.util.List<?> l && l.size() == 1 ? String.valueOf(l.get(0))
                            : String.valueOf(value));
                }
            });
            return Optional.of(out);
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}
