package org.groupeval.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** The plain-Java (no framework) baseline for a non-HTTP trigger (schedule, S3): same DynamoDB and S3 calls. */
public final class PlainEventHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final PlainReplay replay = new PlainReplay();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Map.of("result", replay.handle());
    }
}
