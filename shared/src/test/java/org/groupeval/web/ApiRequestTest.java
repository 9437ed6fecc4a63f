package org.groupeval.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.function.Executable;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiRequestTest {

    private static ApiRequest withBody(String body) {
        return withBody(body, "application/json");
    }

    private static ApiRequest withBody(String body, String contentType) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setBody(body);
        if (contentType != null) {
            event.setHeaders(Map.of("Content-Type", contentType));
        }
        return new ApiRequest(event);
    }

    /** The body as API Gateway passes one it does not take for text: base64 of the bytes sent. */
    private static ApiRequest withBytes(byte[] body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setBody(Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);
        event.setHeaders(Map.of("content-type", "application/json; charset=utf-8"));
        return new ApiRequest(event);
    }

    private static DomainException refused(Executable read) {
        return assertThrows(DomainException.class, read);
    }

    record Member(String code, String name) {
    }

    record Registration(String name, Member core, List<Member> members) {
    }

    private static List<String> refusedPointers(String body) {
        DomainException e = assertThrows(DomainException.class, () -> withBody(body).json());
        assertEquals(400, e.status());
        return e.errors().stream().map(FieldError::pointer).toList();
    }

    @Test
    void numbersWithinEighteenIntegerAndTwentyFractionDigitsPass() {
        assertEquals("999999999999999999", withBody("{\"n\": 999999999999999999}").json().get("n").asText());
        withBody("{\"r\": 0.12345678901234567890, \"z\": 0.000, \"t\": 5.000000000000000000000000000, \"e\": 1e17,"
                + " \"neg\": -12.5, \"list\": [1, 2.5]}").json();
    }

    @Test
    void everyNumberBeyondTheBoundsIsNamedWithItsPointer() {
        assertEquals(List.of("/big"), refusedPointers("{\"big\": 1234567890123456789}"));
        assertEquals(List.of("/a/0/x", "/a/2", "/b~1c"), refusedPointers(
                "{\"a\": [{\"x\": 1e1000000000}, 3, 1e-21], \"b/c\": 0.123456789012345678901, \"ok\": 1}"));
        // zero with an absurd exponent reaches the domain as a plain zero (the JSON tree normalises it)
        assertEquals(0, withBody("{\"z\": 0e-1000000000}").json().get("z").decimalValue().compareTo(BigDecimal.ZERO));
        assertEquals(true, withBody("{\"z\": 0e-1000000000}").json().get("z").decimalValue().scale() <= 20);
        assertEquals(List.of(""), refusedPointers("1E+2147483647"));
    }

    @Test
    void theDetailNamesTheOnlyProblemOrCountsThem() {
        DomainException one = assertThrows(DomainException.class, () -> withBody("{\"a\": 1e30}").json());
        assertEquals("is out of range: numbers may have at most 18 digits before the decimal point and 20 after it",
                one.getMessage());
        DomainException two = assertThrows(DomainException.class, () -> withBody("[1e30, 1e-30]").json());
        assertEquals("the request body has 2 numbers out of range", two.getMessage());
    }

    @Test
    void aBodyIsReadOnlyWhenItIsSentAsJsonInUtf8() {
        for (String accepted : List.of("application/json", "application/json; charset=utf-8",
                "Application/JSON;charset=\"UTF-8\"", " application/json ; charset = utf-8 ")) {
            assertEquals(1, withBody("{\"a\": 1}", accepted).json().get("a").asInt(), accepted);
        }
        for (String refused : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; "
                + "boundary=x", "application/xml", "text/json", "application/json; charset=iso-8859-1",
                "application/json; charset=utf-16", "application/json; version=2", "application/jsonp",
                "application/problem+json", "application/merge-patch+json", "application/octet-stream", "*/*")) {
            DomainException e = refused(() -> withBody("{\"a\": 1}", refused).json());
            assertEquals(415, e.status(), refused);
            assertEquals("unsupported-media-type", e.type());
            assertEquals("/headers/Content-Type", e.errors().get(0).pointer());
            assertTrue(e.getMessage().contains(refused.length() > 40 ? refused.substring(0, 40) : refused),
                    e.getMessage());
        }
        DomainException none = refused(() -> withBody("{\"a\": 1}", null).bodyTree());
        assertEquals(415, none.status());
        assertTrue(none.getMessage().contains("no Content-Type"), none.getMessage());
        // no body at all is not a media-type question: it is missing
        assertEquals(400, refused(() -> withBody("  ", "text/plain").json()).status());
        assertEquals(Map.of(), withBody("", "text/plain").optionalBodyTree());
    }

    @Test
    void aKeyGivenTwiceInOneObjectIsRefusedWithItsPointer() {
        DomainException nested = refused(() -> withBody("{\"a\": {\"b\": 1, \"c\": 2, \"b\": 3}}").json());
        assertEquals(400, nested.status());
        assertEquals("/a/b", nested.errors().get(0).pointer());
        assertTrue(nested.errors().get(0).message().contains("'b'"), nested.errors().get(0).message());
        assertEquals(List.of("/rows/1/n"), refusedPointers("{\"rows\": [{\"n\": 1}, {\"n\": 1, \"n\": 1}]}"));
        assertEquals(List.of("/name"), pointers(refused(() -> withBody("{\"name\": \"a\", \"name\": \"b\"}")
                .bodyAs(Registration.class))));
        // the same key in different objects is fine
        withBody("{\"a\": {\"n\": 1}, \"b\": {\"n\": 1}, \"n\": [{\"n\": 1}]}").json();
    }

    @Test
    void halfASurrogatePairIsRefusedInAnyTextOrKeyWithItsPointer() {
        assertEquals(List.of("/name", "/members/1/name", "/x\ufffdy", "/a/0"), refusedPointers("{\"name\": "
                + "\"\\ud800\", \"members\": [{\"name\": \"ok 😀\"}, {\"name\": \"a\\udc00b\"}], "
                + "\"x\\ud800y\": 1, \"a\": [\"\\ud83d\"]}"));
        DomainException e = refused(() -> withBody("{\"n\": \"ab\\ud800\"}").json());
        assertTrue(e.getMessage().contains("not valid Unicode") && e.getMessage().contains("ud800")
                && e.getMessage().contains("character 3"), e.getMessage());
        // a whole pair, escaped or not, is a character like any other
        assertEquals("😀", withBody("{\"n\": \"\\ud83d\\ude00\"}").json().get("n").asText());
        DomainException both = refused(() -> withBody("{\"a\": 1e30, \"b\": \"\\udfff\"}").json());
        assertEquals("the request body has 1 number out of range and 1 text that are not valid Unicode",
                both.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithThePointerWhereTheyStand() {
        byte[] latin1 = "{\"a\": {\"b\": \"caf\u00e9\"}}".getBytes(StandardCharsets.ISO_8859_1);
        DomainException e = refused(() -> withBytes(latin1).json());
        assertEquals(400, e.status());
        assertEquals("/a/b", e.errors().get(0).pointer());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        // UTF-8 that spells a surrogate (CESU-8) is not UTF-8 either
        byte[] cesu = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        assertEquals(List.of("/a"), pointers(refused(() -> withBytes(cesu).json())));
        assertEquals("café", withBytes("{\"a\": \"café\"}".getBytes(StandardCharsets.UTF_8)).json().get("a")
                .asText());
    }

    @Test
    void aSyntaxErrorNamesWhereTheParserStoodAndNothingMayFollowTheValue() {
        assertEquals(List.of("/a/2"), refusedPointers("{\"a\": [1, 2, }"));
        DomainException trailing = refused(() -> withBody("{\"a\": 1} {\"b\": 2}").json());
        assertEquals(400, trailing.status());
    }

    @Test
    void everyMemberABoundTypeDoesNotHaveIsListedWithItsPointer() {
        DomainException e = refused(() -> withBody("{\"name\": \"n\", \"extra\": {\"deep\": 1}, "
                + "\"core\": {\"code\": \"S1\", \"zone\": 2}, \"members\": [{\"code\": \"S2\"}, "
                + "{\"code\": \"S3\", \"rank\": [1, 2]}], \"a/b\": true}").bodyAs(Registration.class));
        assertEquals(400, e.status());
        assertEquals(List.of("/extra", "/core/zone", "/members/1/rank", "/a~1b"), pointers(e));
        assertTrue(e.errors().get(0).message().contains("[core, members, name]"), e.errors().get(0).message());
        // a value of the wrong type stops the binding where it stands
        assertEquals(List.of("/core/code"), pointers(refused(() -> withBody("{\"x\": 1, \"core\": "
                + "{\"code\": [1]}}").bodyAs(Registration.class))));
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            many.append("\"u").append(i).append("\": ").append(i).append(", ");
        }
        assertEquals(ApiRequest.MAX_UNKNOWN_REPORTED, refused(() -> withBody(many.append("\"name\": \"n\"}")
                .toString()).bodyAs(Registration.class)).errors().size());
        assertEquals(new Registration("n", null, List.of(new Member("S2", "m"))), withBody("{\"name\": \"n\", "
                + "\"members\": [{\"code\": \"S2\", \"name\": \"m\"}]}").bodyAs(Registration.class));
    }

    private static List<String> pointers(DomainException e) {
        return e.errors().stream().map(FieldError::pointer).toList();
    }
}
