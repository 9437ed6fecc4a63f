package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local OIDC issuer under {@code /oidc/default}: discovery on the stack's own port, its sign-in page, the
 * authorization code flow with PKCE, and the gateway accepting exactly the tokens API Gateway's JWT authorizer would.
 */
class LocalIssuerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final StackClient client = new StackClient();

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(client.uri(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postForm(String url, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return client.http().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void discoveryNamesTheIssuerOnTheStacksPort() throws Exception {
        HttpResponse<String> r = get("/oidc/default/.well-known/openid-configuration", null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode discovery = JSON.readTree(r.body());
        String issuer = client.stack().baseUrl() + "/oidc/default";
        assertEquals(issuer, discovery.get("issuer").asText());
        assertEquals(issuer, client.stack().issuer().issuer());
        assertEquals(issuer + "/jwks", discovery.get("jwks_uri").asText());
        assertTrue(discovery.get("end_session_endpoint").asText().startsWith(issuer));
        assertEquals(200, get("/oidc/default/jwks", null).statusCode());
    }

    @Test
    void signInWithPkceThroughTheSignInPageGivesATokenTheApiAccepts() throws Exception {
        String issuer = client.stack().issuer().issuer();
        String verifier = "local-issuer-test-verifier-0123456789-abcdefghijkl";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = client.stack().baseUrl() + "/callback";
        String authorize = issuer + "/authorize?client_id=groupeval-web&response_type=code&scope=openid&state=s1"
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";

        HttpResponse<String> page = client.http().send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        // the demo city's districts and core schools to pick from
        assertTrue(page.body().contains("610902 汉滨区") && page.body().contains("AK90200"), page.body());

        HttpResponse<String> signedIn = postForm(authorize, Map.of("username", "teacher-1",
                "claims", "{\"role\":\"SCHOOL\",\"school\":\"AK90200\"}"));
        assertEquals(302, signedIn.statusCode(), signedIn.body());
        String location = signedIn.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(redirect + "?code="), location);
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");

        HttpResponse<String> tokens = postForm(issuer + "/token", Map.of("grant_type", "authorization_code",
                "code", code, "client_id", "groupeval-web", "redirect_uri", redirect, "code_verifier", verifier));
        assertEquals(200, tokens.statusCode(), tokens.body());
        JsonNode body = JSON.readTree(tokens.body());
        assertTrue(body.has("refresh_token"), "renewal needs a refresh token: " + body);
        for (String kind : List.of("access_token", "id_token")) {
            Map<String, String> claims = client.stack().issuer().verify(body.get(kind).asText()).orElseThrow();
            assertEquals("teacher-1", claims.get("sub"));
            assertEquals("SCHOOL", claims.get("role"));
            assertEquals("AK90200", claims.get("school"));
            assertEquals("groupeval-web", claims.get("aud"));
        }
        // the claims reach the handler: this school may read cycles, and is refused another school's group
        assertEquals(200, get("/cycles", body.get("access_token").asText()).statusCode());
        assertEquals(403, get("/groups/g-01kexamp1e0000000000000000", body.get("access_token").asText()).statusCode());
    }

    @Test
    void theGatewayRefusesWhatTheJwtAuthorizerWould() throws Exception {
        LocalIssuer issuer = client.stack().issuer();
        Map<String, String> city = Map.of("sub", "c1", "role", "CITY");
        Instant now = Instant.now();
        assertEquals(200, get("/cycles", issuer.issueAt(city, now)).statusCode());
        Map<String, String> refused = Map.of(
                "expired", issuer.issueAt(city, now.minus(Duration.ofHours(13))),
                "not yet valid", issuer.issueAt(city, now.plus(Duration.ofHours(1))),
                "another audience", issuer.issueAt(Map.of("sub", "c1", "role", "CITY", "aud", "other-client"), now),
                "another issuer", issuer.issueAt(Map.of("sub", "c1", "role", "CITY",
                        "iss", "http://localhost:1/oidc/default"), now),
                "another issuer's keys", new LocalIssuer(client.stack().baseUrl()).issue(city),
                "unsigned", "eyJhbGciOiJub25lIn0." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                        ("{\"sub\":\"c1\",\"role\":\"CITY\",\"iss\":\"" + issuer.issuer()
                                + "\",\"aud\":\"groupeval-web\",\"exp\":4102444800}").getBytes(StandardCharsets.UTF_8))
                        + ".");
        refused.forEach((what, token) -> {
            try {
                HttpResponse<String> r = get("/cycles", token);
                assertEquals(401, r.statusCode(), what + ": " + r.body());
                assertTrue(r.body().contains("urn:groupeval:problem:unauthenticated"), what);
            } catch (Exception e) {
                throw new AssertionError(what, e);
            }
        });
    }

    @Test
    void localTokensAreTheIssuers() throws Exception {
        JsonNode answer = JSON.readTree(get("/_local/token?role=DISTRICT&district=610902", null).body());
        Map<String, String> claims = client.stack().issuer().verify(answer.get("token").asText()).orElseThrow();
        assertEquals(client.stack().issuer().issuer(), claims.get("iss"));
        assertEquals("groupeval-web", claims.get("aud"));
        assertEquals("610902", claims.get("district"));
    }
}
