package org.groupeval.local.stack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequestHandler;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.groupeval.local.LocalHttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The local stack's OpenID Connect issuer, {@code no.nav.security:mock-oauth2-server} run inside the stack and
 * reached through its port under {@code /oidc/}: the issuer is {@code http://localhost:<port>/oidc/default}, with
 * discovery, JWKS, the authorization code flow with PKCE (its sign-in page lets a developer pick a demo identity:
 * {@link #loginPage}), refresh tokens and end-session. {@link #issue} mints tokens with the same keys (for
 * {@code /_local/token}), and {@link #verify} checks a bearer token as API Gateway's JWT authorizer does: the
 * signature against the issuer's JWKS, {@code iss}, {@code aud}, {@code exp} and {@code nbf}; the claims come back
 * as the authorizer passes them to a function. Exists only locally.
 */
public final class LocalIssuer {

    public static final String PREFIX = "/oidc";
    /** The issuer's id as mock-oauth2-server derives it from the URL path: its keys and token settings are its. */
    private static final String ISSUER_ID = "oidc/default";
    /** The web client's client id, and so the audience the API accepts (as the template's JwtAudience). */
    public static final String CLIENT_ID = "groupeval-web";
    private static final Duration LIFETIME = Duration.ofHours(12);
    /** Access and ID tokens of the sign-in flow live an hour; the client renews them with its refresh token. */
    private static final long FLOW_TOKEN_SECONDS = 3600;

    private final String issuer;
    /**
     * Keys made at start-up (not the library's published default keys): a token of another run or another
     * mock-oauth2-server is refused.
     */
    private final KeyProvider keyProvider = new KeyProvider(List.of(), JWSAlgorithm.RS256.getName());
    private final OAuth2TokenProvider keys = new OAuth2TokenProvider(keyProvider);
    private final OAuth2HttpRequestHandler handler;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** The issuer of a stack listening on {@code baseUrl} ({@code http://localhost:3000}). */
    public LocalIssuer(String baseUrl) {
        this.issuer = baseUrl + "/" + ISSUER_ID;
        Path page = loginPage();
        Set<no.nav.security.mock.oauth2.token.OAuth2TokenCallback> callbacks = new HashSet<>();
        callbacks.add(new DefaultOAuth2TokenCallback(ISSUER_ID, "local-user", "JWT", List.of(CLIENT_ID), Map.of(),
                FLOW_TOKEN_SECONDS));
        this.handler = new OAuth2HttpRequestHandler(new OAuth2Config(true, page.toString(), null, true, keys,
                callbacks));
        JWKSet jwks = keys.publicJwkSet(ISSUER_ID);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                new ImmutableJWKSet<>(jwks)));
        // API Gateway: iss equal to the configured issuer, aud containing the configured audience, exp and nbf
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(List.of(CLIENT_ID)),
                new JWTClaimsSet.Builder().issuer(issuer).build(), new HashSet<>(List.of("exp")), null));
    }

    public String issuer() {
        return issuer;
    }

    /** A token of this issuer for the web client's audience with {@code claims} (among them {@code sub}). */
    public String issue(Map<String, String> claims) {
        return issue(claims, keys);
    }

    /** As {@link #issue}, issued at {@code at} ({@code claims} may replace {@code iss} and {@code aud}): for tests. */
    String issueAt(Map<String, ?> claims, Instant at) {
        return issue(claims, new OAuth2TokenProvider(keyProvider, at));
    }

    private String issue(Map<String, ?> claims, OAuth2TokenProvider provider) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("iss", issuer);
        all.put("aud", List.of(CLIENT_ID));
        all.put("azp", CLIENT_ID);
        all.putAll(claims);
        return provider.jwt(all, LIFETIME, ISSUER_ID).serialize();
    }

    /** The token's claims as strings (as API Gateway passes them), or empty when the authorizer would refuse it. */
    public Optional<Map<String, String>> verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> {
            if (value instanceof Date d) {
                out.put(name, Long.toString(d.toInstant().getEpochSecond()));
            } else if (value instanceof List<?> l) {
                // the authorizer's format for arrays: "[a b]", one element as itself
                out.put(name, l.size() == 1 ? String.valueOf(l.get(0))
                        : "[" + String.join(" ", l.stream().map(String::valueOf).toList()) + "]");
            } else if (value != null) {
                out.put(name, String.valueOf(value));
            }
        });
        return Optional.of(out);
    }

    /** Whether {@code rawPath} is the issuer's. */
    static boolean owns(String rawPath) {
        return rawPath.equals(PREFIX) || rawPath.startsWith(PREFIX + "/");
    }

    /** The issuer's answer to a request under {@code /oidc/} that reached the stack at {@code baseUrl}. */
    LocalHttpServer.Response answer(LocalHttpServer.Request request, String baseUrl) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.merge(h.getKey(), h.getValue(), (a, b) -> a + ", " + b));
        // the URL as the browser sent it: the issuer's URLs (discovery, redirects) are built from it
        headers.remove("Host");
        headers.remove("host");
        String url = baseUrl + request.rawPath() + (request.rawQuery() == null || request.rawQuery().isEmpty() ? ""
                : "?" + request.rawQuery());
        byte[] body = request.body();
        OAuth2HttpRequest oauth = new OAuth2HttpRequest(Headers.of(headers), request.method().toUpperCase(Locale.ROOT),
                HttpUrl.get(url), body.length == 0 ? null : new String(body, StandardCharsets.UTF_8));
        OAuth2HttpResponse response = handler.getAuthorizationServer().invoke(oauth);
        byte[] out = response.getBytesBody() != null ? response.getBytesBody()
                : response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
        LocalHttpServer.Response answer = new LocalHttpServer.Response(response.getStatus(), out);
        for (kotlin.Pair<? extends String, ? extends String> header : response.getHeaders()) {
            answer.headers().add(header.getFirst(), header.getSecond());
        }
        answer.headers().set("Cache-Control", "no-store");
        return answer;
    }

    /**
     * The sign-in page (a file, as the issuer reads it): a developer picks a role and the school, district and
     * subject of a demo identity (the demo city's districts and core schools are listed); the page posts them as
     * the issuer's {@code username} and {@code claims}. "No role" signs in with a token that lacks the API's claims.
     */
    private static Path loginPage() {
        try (var in = LocalIssuer.class.getResourceAsStream("/local-sign-in.html")) {
            if (in == null) {
                throw new IllegalStateException("local-sign-in.html missing from the stack's resources");
            }
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder schools = new StringBuilder();
            StringBuilder districts = new StringBuilder();
            for (DemoCity.Identity id : DemoCity.identities()) {
                (id.school() == null ? districts : schools).append("<option value=\"")
                        .append(id.school() == null ? id.district() : id.school()).append("\">")
                        .append(id.label()).append("</option>\n");
            }
            html = html.replace("<!--SCHOOLS-->", schools).replace("<!--DISTRICTS-->", districts);
            Path file = Files.createTempFile("local-sign-in-", ".html");
            file.toFile().deleteOnExit();
            Files.writeString(file, html);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
