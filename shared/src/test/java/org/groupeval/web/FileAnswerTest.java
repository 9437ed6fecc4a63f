package org.groupeval.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.groupeval.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileAnswerTest {

    @Test
    void aFileIsAnsweredBase64EncodedAsPayload2CarriesBinaryBodies() {
        byte[] content = {0x50, 0x4b, 0x03, 0x04, (byte) 0xff, 0x00};
        ApiResponse response = ApiResponse.file("application/octet-stream", "a.bin", content);
        APIGatewayV2HTTPResponse event = response.toEvent();
        assertTrue(event.getIsBase64Encoded());
        assertArrayEquals(content, Base64.getDecoder().decode(event.getBody()));
        assertEquals("attachment; filename=\"a.bin\"", event.getHeaders().get("Content-Disposition"));
        assertEquals(content.length, response.bodyBytes());
        assertEquals(false, ApiResponse.ok("x").toEvent().getIsBase64Encoded());
    }

    @Test
    void aFileLargerThanOneLambdaResponseCarriesIsRefusedWithWhatToAskFor() {
        assertEquals(200, ApiResponse.file("application/octet-stream", "a", new byte[ApiResponse.MAX_FILE_BYTES])
                .toEvent().getStatusCode());
        assertTrue(4L * ApiResponse.MAX_FILE_BYTES / 3 + 64 * 1024 < 6L * 1024 * 1024,
                "base64 and the envelope fit Lambda's 6 MB response");
        DomainException refused = assertThrows(DomainException.class,
                () -> ApiResponse.file("application/octet-stream", "a", new byte[ApiResponse.MAX_FILE_BYTES + 1]));
        assertEquals(422, refused.status());
        assertEquals("export-too-large", refused.type());
        assertTrue(refused.detail().contains("?district="), refused.detail());
    }
}
