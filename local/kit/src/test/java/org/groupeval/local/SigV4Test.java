package org.groupeval.local;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The gateway's signature check against AWS's published presigned-URL example (S3 docs, "Query string auth"). */
class SigV4Test {

    private static final Map<String, String> SECRETS = Map.of("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final String URL = "https://examplebucket.s3.amazonaws.com/test.txt"
            + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    private static SigV4.Refusal check(String url, Instant now) {
        URI uri = URI.create(url);
        return SigV4.check(new SigV4.Request("GET", uri.getRawPath(), uri.getRawQuery(),
                name -> name.equals("host") ? "examplebucket.s3.amazonaws.com" : null), SECRETS, now);
    }

    @Test
    void acceptsAwsPublishedExampleWithinItsLifetime() {
        assertNull(check(URL, Instant.parse("2013-05-24T12:00:00Z")));
    }

    @Test
    void refusesItOnceExpiredAsS3Does() {
        SigV4.Refusal refusal = check(URL, Instant.parse("2013-05-25T00:00:01Z"));
        assertEquals(403, refusal.status());
        assertEquals("AccessDenied", refusal.code());
        assertEquals("Request has expired", refusal.message());
    }

    @Test
    void refusesATamperedUrl() {
        SigV4.Refusal refusal = check(URL.replace("test.txt", "other.txt"), Instant.parse("2013-05-24T12:00:00Z"));
        assertEquals("SignatureDoesNotMatch", refusal.code());
        assertEquals(403, check(URL.replace("AKIAIOSFODNN7EXAMPLE%2F", "SOMEONEELSE%2F"),
                Instant.parse("2013-05-24T12:00:00Z")).status());
    }

    @Test
    void refusesAUrlSignedForLaterThanTheClockSkewAllows() {
        // the example was signed at 2013-05-24T00:00:00Z: 16 minutes before that, it is not valid yet
        SigV4.Refusal refusal = check(URL, Instant.parse("2013-05-23T23:44:00Z"));
        assertEquals(403, refusal.status());
        assertEquals("AccessDenied", refusal.code());
        assertEquals("Request is not yet valid", refusal.message());
        // within the allowed skew it is accepted
        assertNull(check(URL, Instant.parse("2013-05-23T23:46:00Z")));
    }

    @Test
    void refusesAParameterGivenTwice() {
        Instant during = Instant.parse("2013-05-24T12:00:00Z");
        for (String extra : new String[] {"&X-Amz-Signature=0000", "&X-Amz-Expires=604800",
                "&X-Amz-Date=20130524T000000Z", "&x-id=PutObject&x-id=GetObject"}) {
            SigV4.Refusal refusal = check(URL + extra, during);
            assertEquals(403, refusal.status(), extra);
            assertEquals("AccessDenied", refusal.code(), extra);
        }
    }

    @Test
    void refusesUnsignedRequests() {
        assertEquals("AccessDenied", check("https://examplebucket.s3.amazonaws.com/test.txt",
                Instant.parse("2013-05-24T12:00:00Z")).code());
    }

    @Test
    void decodesAwsChunkedBodies() {
        byte[] chunked = ("5;chunk-signature=abc\r\nhello\r\n6;chunk-signature=def\r\n world\r\n"
                + "0;chunk-signature=ghi\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("hello world", new String(S3Gateway.decodeAwsChunked(chunked),
                java.nio.charset.StandardCharsets.US_ASCII));
    }
}
