package org.groupeval.web;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContextBuilder;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.json.Json;
import org.groupeval.lambda.FunctionHandler;
import org.groupeval.lambda.Startup;
import org.groupeval.store.StorageFailures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The base of every HTTP function ({@link FunctionHandler} for payload-2.0 events): dispatches on the event's
 * {@code routeKey} ({@code "POST /groups"}), renders domain refusals as problem+json, answers DynamoDB contention
 * with a 503 {@code busy} problem and {@code Retry-After}, hides genuine faults behind a 500 that names the request
 * id, and writes one structured access-log line per request. A payload that is not such an event is answered like
 * any bad request (400 problem), not with an exception: an HTTP function answers every request.
 */
public abstract class ApiHandler extends FunctionHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private volatile StorageFailures storageFailures;

    /**
     * The constructor Lambda calls (through the function's own no-arg constructor): the response and
     * {@code storedTypes}, the domain types the function reads from its tables and answers with, have their JSON
     * mapping prepared during init (class literals only).
     */
    protected ApiHandler(Class<?>... storedTypes) {
        super(APIGatewayV2HTTPEvent.class, Startup.preparing(withResponse(storedTypes)));
    }

    /** Tests, the local stack's tools and the benchmark start the handler with their own settings or beans. */
    protected ApiHandler(ApplicationContextBuilder builder) {
        super(APIGatewayV2HTTPEvent.class, builder);
    }

    private static Class<?>[] withResponse(Class<?>[] storedTypes) {
        Class<?>[] all = new Class<?>[storedTypes.length + 1];
        all[0] = APIGatewayV2HTTPResponse.class;
        System.arraycopy(storedTypes, 0, all, 1, storedTypes.length);
        return all;
    }

    /**
     * Before a SnapStart snapshot, besides the client and the JSON mapping: the built-in frameworks (read on first
     * use otherwise) and one unrouted request (a 404 problem) read, dispatched and written as Lambda's would be,
     * without an access-log line.
     */
    @Override
    protected void prime() {
        FrameworkCatalog.builtIn();
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("GET /_prime");
        event.setRawPath("/_prime");
        event.setHeaders(Map.of("accept", "application/json"));
        try {
            Json.MAPPER.writeValueAsBytes(dispatch(Json.MAPPER.readValue(Json.write(event),
                    APIGatewayV2HTTPEvent.class), false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Route key → route, exactly as template.yaml declares the function's HttpApi events. */
    protected abstract Map<String, Route> routes();

    /** The route keys this handler serves; the template consistency test compares them with template.yaml. */
    public final java.util.Set<String> routeKeys() {
        return routes().keySet();
    }

    @Override
    protected final APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context lambdaContext) {
        return dispatch(event, true);
    }

    /** An empty payload is answered as a bad request (the null event). */
    @Override
    protected final APIGatewayV2HTTPEvent whenEmpty() {
        return null;
    }

    /** An unreadable payload is answered as a bad request (the null event). */
    @Override
    protected final APIGatewayV2HTTPEvent whenUnreadable(IOException unreadable) {
        return null;
    }

    /** One request as an event object: {@link #handleRequest} after reading the payload (tests and tools). */
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return dispatch(event, true);
    }

    private APIGatewayV2HTTPResponse dispatch(APIGatewayV2HTTPEvent event, boolean log) {
        long started = System.nanoTime();
        ApiRequest request = null;
        ApiResponse response;
        String failure = null;
        try {
            if (event == null) {
                throw DomainException.invalid("", "The Lambda payload is not an API Gateway HTTP API request "
                        + "(payload format 2.0 JSON).");
            }
            request = new ApiRequest(event);
            Route route = routes().get(event.getRouteKey());
            if (route == null) {
                throw DomainException.notFound("No route " + event.getRouteKey() + " in this function.");
            }
            response = route.handle(request);
        } catch (DomainException e) {
            response = ApiResponse.problem(e);
        } catch (RuntimeException | Error e) {
            failure = e.getClass().getName() + ": " + e.getMessage();
            String requestId = request == null ? null : request.requestId();
            StorageFailures storage = storageFailures();
            if (storage.tooLarge(e)) {
                response = ApiResponse.problem(DomainException.tooLarge("What this request would store is larger "
                        + "than a record may be (400 KB); send less text or fewer entries."));
            } else if (storage.busy(e)) {
                response = ApiResponse.busy(requestId);
            } else {
                response = ApiResponse.internalError(requestId);
            }
        }
        if (log) {
            accessLog(event, request, response, started, failure);
        }
        return response.toEvent();
    }

    /** The storage's judgement of failures, found in the context when the first failure needs it. */
    private StorageFailures storageFailures() {
        if (storageFailures == null) {
            storageFailures = context() == null || !context().isRunning() ? StorageFailures.NONE
                    : context().findBean(StorageFailures.class).orElse(StorageFailures.NONE);
        }
        return storageFailures;
    }

    private static void accessLog(APIGatewayV2HTTPEvent event, ApiRequest request, ApiResponse response,
                                  long started, String failure) {
        // a fault is an ERROR; a refusal made from a failure (too large, busy: 503) is a WARN
        Map<String, Object> line = StructuredLog.event(failure == null ? "INFO"
                : response.status() >= 500 && response.status() != 503 ? "ERROR" : "WARN", "request");
        line.put("requestId", request == null ? null : request.requestId());
        line.put("route", event == null ? null : event.getRouteKey());
        line.put("role", request == null ? null
                : request.callerIfAny().map(c -> c.role().name()).orElse("ANONYMOUS"));
        line.put("status", response.status());
        line.put("latencyMs", (System.nanoTime() - started) / 1_000_000.0);
        line.put("responseBytes", response.bodyBytes());
        if (failure != null) {
            line.put("error", failure);
        }
        StructuredLog.write(line);
    }

    /** Convenience for subclasses building their route tables. */
    protected static Map<String, Route> routeTable(Object... keysAndRoutes) {
        Map<String, Route> table = new LinkedHashMap<>();
        for (int i = 0; i < keysAndRoutes.length; i += 2) {
            table.put((String) keysAndRoutes[i], (Route) keysAndRoutes[i + 1]);
        }
        return Map.copyOf(table);
    }
}
