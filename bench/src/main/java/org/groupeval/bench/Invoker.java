package org.groupeval.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.util.Map;

/**
 * What the benchmark's child JVMs read from a handler's answer, which they get as JSON from the kit's
 * {@code LambdaInvoker} (the handler created and invoked as the Lambda runtime does).
 */
final class Invoker {

    private static final String STATUS_CODE = "\"statusCode\":";

    private Invoker() {
    }

    /**
     * The HTTP status of an API Gateway response; 200 for any other successful answer. Cheap (no JSON parsing): the
     * cold-start driver calls it before printing the marker the harness times.
     */
    static int status(String answer) {
        int at = answer.indexOf(STATUS_CODE);
        if (at < 0) {
            return 200;
        }
        int from = at + STATUS_CODE.length();
        while (from < answer.length() && answer.charAt(from) == ' ') {
            from++;
        }
        int to = from;
        while (to < answer.length() && Character.isDigit(answer.charAt(to))) {
            to++;
        }
        return Integer.parseInt(answer.substring(from, to));
    }

    /** An HTTP function's answer as API Gateway's model of it; null for other functions' answers. */
    static APIGatewayV2HTTPResponse http(String answer) {
        if (!answer.contains(STATUS_CODE)) {
            return null;
        }
        return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, Invoker.class.getClassLoader())
                .fromJson(answer);
    }

    static String header(String answer, String name) {
        APIGatewayV2HTTPResponse r = http(answer);
        if (r != null && r.getHeaders() != null) {
            for (Map.Entry<String, String> h : r.getHeaders().entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
        }
        return null;
    }
}
