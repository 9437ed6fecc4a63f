package org.groupeval.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import org.groupeval.domain.DomainException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lambda entry point shared by every HTTP function: dispatches on the payload-2.0 {@code routeKey}
 * ({@code "POST /groups"}), renders domain refusals as problem+json, hides genuine faults behind a 500 that names
 * the request id, and writes one structured access-log line per request.
 */
public abstract class ApiHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    protected ApiHandler() {
        super();
    }

    protected ApiHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** Route key → route, exactly as template.yaml declares the function's HttpApi events. */
    protected abstract Map<String, Route> routes();

    /** The route keys this handler serves; the template consistency test compares them with template.yaml. */
    public final java.util.Set<String> routeKeys() {
        return routes().keySet();
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        long started = System.nanoTime();
        ApiRequest request = null;
        ApiResponse response;
        String failure = null;
        try {
            if (event == null) {
                throw DomainException.invalid("", "empty event");
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
            response = ApiResponse.internalError(request == null ? null : request.requestId());
        }
        accessLog(event, request, response, started, failure);
        return response.toEvent();
    }

    private static void accessLog(APIGatewayV2HTTPEvent event, ApiRequest request, ApiResponse response,
                                  long started, String failure) {
        Map<String, Object> line = StructuredLog.event(failure == null ? "INFO" : "ERROR", "request");
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
