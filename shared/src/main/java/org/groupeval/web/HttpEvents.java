package org.groupeval.web;

import org.groupeval.json.Json;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The HTTP API (payload format 2.0) event and response as JSON, read and written with the project's mapper.
 * The HTTP functions are stream handlers ({@link ApiHandler}): the Lambda runtime hands over the payload's bytes
 * instead of deserialising them with its own serialisation library, which on a cold start loads a second, shaded
 * Jackson and introspects the event model on the request's thread (330–430 ms on one C1-compiled core, measured in
 * docs/benchmarks.md), while this mapper and its (de)serialisers for these two types were prepared during init on
 * the JSON thread. Property names are the event model's own ({@code getIsBase64Encoded} → {@code isBase64Encoded}),
 * which are the payload's; fields the model does not know are ignored, as the runtime ignores them; absent values
 * are left out of the response, as the runtime leaves them out.
 */
public final class HttpEvents {

    private static final ObjectReader EVENT = Json.MAPPER.readerFor(APIGatewayV2HTTPEvent.class);
    private static final ObjectWriter RESPONSE = Json.MAPPER.writerFor(APIGatewayV2HTTPResponse.class);

    private HttpEvents() {
    }

    /**
     * The event in a Lambda payload; {@code null} for an empty payload or JSON {@code null}.
     *
     * @throws IOException the payload is not JSON, or not an object of the event's shape
     */
    public static APIGatewayV2HTTPEvent read(byte[] payload) throws IOException {
        if (payload.length == 0) {
            return null;
        }
        return EVENT.readValue(payload);
    }

    /** The response as the Lambda payload API Gateway reads. */
    public static byte[] write(APIGatewayV2HTTPResponse response) {
        try {
            return RESPONSE.writeValueAsBytes(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
