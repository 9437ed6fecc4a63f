package org.groupeval.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.groupeval.domain.DomainException;
import org.groupeval.store.Page;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageTokensTest {

    private static final String SECRET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final Instant ISSUED = Instant.parse("2026-09-01T02:00:00Z");
    private static final String CURSOR =
            "gsi1pk=DISTRICT#610902\u001fgsi1sk=TRUSTEESHIP#g-1\u001fpk=GROUP#g-1\u001fsk=GROUP";

    private static PageTokens tokens(Instant now) {
        return new PageTokens(SECRET, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** {@code GET /groups} by a district reviewer, changed by {@code change} (route, parameters, claims). */
    private static ApiRequest request(String nextToken, Consumer<APIGatewayV2HTTPEvent> change) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("GET /groups");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("type", "TRUSTEESHIP");
        query.put("limit", "20");
        if (nextToken != null) {
            query.put("nextToken", nextToken);
        }
        event.setQueryStringParameters(query);
        Map<String, String> claims = new HashMap<>(Map.of("sub", "reviewer-1", "role", "DISTRICT",
                "district", "610902"));
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                .withClaims(claims).build()).build()).build());
        change.accept(event);
        return new ApiRequest(event);
    }

    private static ApiRequest request(String nextToken) {
        return request(nextToken, e -> { });
    }

    private static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext().getAuthorizer().getJwt().getClaims();
    }

    /** The nextToken of a first page whose store cursor is {@link #CURSOR}. */
    private static String issued(PageTokens tokens, ApiRequest request, Object... resolved) {
        PageTokens.Paging first = tokens.paging(request, resolved);
        assertNull(first.start(), "no nextToken: the first page");
        return first.next(new Page<>(List.of("a"), CURSOR)).nextToken();
    }

    private static void assertRefused(PageTokens tokens, ApiRequest request, Object... resolved) {
        DomainException e = assertThrows(DomainException.class, () -> tokens.paging(request, resolved));
        assertEquals(400, e.status());
        assertEquals("/query/nextToken", e.errors().get(0).pointer());
        assertTrue(e.errors().get(0).message().contains("start again from the first page"), e.getMessage());
    }

    @Test
    void theNextPageStartsWhereTheStoreStoppedAndTheTokenShowsNothingOfIt() {
        PageTokens tokens = tokens(ISSUED);
        String token = issued(tokens, request(null));
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
        String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("DISTRICT") || raw.contains("GROUP") || raw.contains("g-1"), raw);
        assertEquals(CURSOR, tokens.paging(request(token)).start());
        assertNotEquals(token, issued(tokens, request(null)), "a fresh nonce each time");
        assertNull(tokens.paging(request(null)).next(new Page<>(List.of("z"), null)).nextToken(), "the last page");
    }

    @Test
    void aTokenHoldsForTheSameQueryAtAnyPageSizeAndInAnyParameterOrder() {
        PageTokens tokens = tokens(ISSUED);
        String token = issued(tokens, request(null));
        assertEquals(CURSOR, tokens.paging(request(token, e -> e.getQueryStringParameters().put("limit", "500")))
                .start());
        assertEquals(CURSOR, tokens.paging(request(token, e -> e.getQueryStringParameters().remove("limit")))
                .start());
        assertEquals(CURSOR, tokens.paging(request(token, e -> {
            Map<String, String> reordered = new LinkedHashMap<>();
            reordered.put("nextToken", token);
            reordered.put("type", " TRUSTEESHIP ");
            reordered.put("district", "");
            e.setQueryStringParameters(reordered);
        })).start());
    }

    @Test
    void everyAlteredTokenIsRefused() {
        PageTokens tokens = tokens(ISSUED);
        String token = issued(tokens, request(null));
        byte[] raw = Base64.getUrlDecoder().decode(token);
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        List<String> altered = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] flipped = raw.clone();
                flipped[i] ^= (byte) bit;
                altered.add(encoder.encodeToString(flipped));   // every bit of version, nonce, text and tag
            }
        }
        for (int length = 0; length < raw.length; length++) {
            altered.add(encoder.encodeToString(java.util.Arrays.copyOf(raw, length)));   // every truncation
        }
        altered.add(encoder.encodeToString(java.util.Arrays.copyOf(raw, raw.length + 1)));
        altered.add(token + "A");
        altered.add(token + "=");
        altered.add(token.substring(1));
        for (String bad : altered) {
            if (!bad.isEmpty()) {
                assertRefused(tokens, request(bad));
            }
        }
    }

    @Test
    void madeUpTokensAreRefused() {
        PageTokens tokens = tokens(ISSUED);
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        for (String forged : List.of("cGs9eB9zaz0", "cGs9R1JPVVAjeB9zaz1HUk9VUA", "%%%", "~", "not a token",
                "长长长", encoder.encodeToString(CURSOR.getBytes(StandardCharsets.UTF_8)),
                encoder.encodeToString(new byte[64]), "A".repeat(PageTokens.MAX_TOKEN_LENGTH + 1))) {
            assertRefused(tokens, request(forged));
        }
        // sealed under another key
        String elsewhere = issued(new PageTokens(SECRET.replace('0', '1'), Clock.fixed(ISSUED, ZoneOffset.UTC)),
                request(null));
        assertRefused(tokens, request(elsewhere));
    }

    @Test
    void aTokenServesOnlyTheListAndTheCallerItWasIssuedFor() {
        PageTokens tokens = tokens(ISSUED);
        String token = issued(tokens, request(null), 3);
        assertEquals(CURSOR, tokens.paging(request(token), 3).start());
        assertRefused(tokens, request(token), 4);                                          // another revision
        assertRefused(tokens, request(token));
        assertRefused(tokens, request(token, e -> e.setRouteKey("GET /cycles/{year}/results")), 3);
        assertRefused(tokens, request(token, e -> e.setPathParameters(Map.of("year", "2026"))), 3);
        assertRefused(tokens, request(token, e -> e.getQueryStringParameters().put("type", "INTEGRATED")), 3);
        assertRefused(tokens, request(token, e -> e.getQueryStringParameters().remove("type")), 3);
        assertRefused(tokens, request(token, e -> e.getQueryStringParameters().put("district", "610902")), 3);
        assertRefused(tokens, request(token, e -> claims(e).put("district", "610903")), 3);   // another district
        assertRefused(tokens, request(token, e -> claims(e).put("sub", "reviewer-2")), 3);    // another reviewer
        assertRefused(tokens, request(token, e -> claims(e).put("role", "CITY")), 3);
        assertRefused(tokens, request(token, e -> claims(e).put("school", "S001")), 3);
    }

    @Test
    void partsAreBoundUnambiguously() {
        PageTokens tokens = tokens(ISSUED);
        Consumer<APIGatewayV2HTTPEvent> split = e -> e.setQueryStringParameters(new LinkedHashMap<>(
                Map.of("ab", "c")));
        Consumer<APIGatewayV2HTTPEvent> joined = e -> e.setQueryStringParameters(new LinkedHashMap<>(
                Map.of("a", "bc")));
        String token = issued(tokens, request(null, split));
        assertRefused(tokens, request(null, joined.andThen(e -> e.getQueryStringParameters().put("nextToken", token))));
        String nulls = issued(tokens, request(null), (Object) null);
        assertRefused(tokens, request(nulls), "null");
    }

    @Test
    void aTokenExpiresADayAfterItWasIssued() {
        String token = issued(tokens(ISSUED), request(null));
        assertEquals(CURSOR, tokens(ISSUED.plus(PageTokens.LIFETIME)).paging(request(token)).start());
        assertRefused(tokens(ISSUED.plus(PageTokens.LIFETIME).plusSeconds(1)), request(token));
        assertEquals(Duration.ofHours(24), PageTokens.LIFETIME);
    }

    @Test
    void withoutASecretOfAtLeast32CharactersNothingStarts() {
        Clock clock = Clock.systemUTC();
        for (String secret : new String[] {null, "", "   ", "x".repeat(PageTokens.MIN_SECRET_LENGTH - 1)}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new PageTokens(secret, clock));
            assertTrue(e.getMessage().startsWith(PageTokens.SECRET + " is "), e.getMessage());
        }
        new PageTokens("x".repeat(PageTokens.MIN_SECRET_LENGTH), clock);
    }
}
