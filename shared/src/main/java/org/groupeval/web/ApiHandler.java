package org.groupeval.web;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.executor.AbstractExecutor;
import org.crac.Resource;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.store.Contention;
import org.groupeval.store.DynamoDbClients;
import org.groupeval.store.ItemSize;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lambda entry point shared by every HTTP function: dispatches on the payload-2.0 {@code routeKey}
 * ({@code "POST /groups"}), renders domain refusals as problem+json, answers DynamoDB contention with a 503
 * {@code busy} problem and {@code Retry-After}, hides genuine faults behind a 500 that names the request id, and
 * writes one structured access-log line per request.
 *
 * <p>A stream handler: the payload's JSON is read and the response written by the project's mapper
 * ({@link HttpEvents}), which the init has already loaded and prepared for both types on its JSON thread, rather than
 * by the Lambda runtime's serialisation library (docs/benchmarks.md, "Measures behind the figures"). The Micronaut
 * context is the one micronaut-function-aws's {@code MicronautRequestHandler} would start ({@link AbstractExecutor}:
 * built from {@link #newApplicationContextBuilder()}, started, this handler injected), without its per-invocation
 * registration of the Lambda context as beans, which nothing here reads.
 */
public abstract class ApiHandler extends AbstractExecutor<Context> implements RequestStreamHandler {

    /**
     * SnapStart: before Lambda snapshots the initialised function, one round trip is made on the DynamoDB client
     * and one request goes through the dispatch, so that the restored function starts with the SDK's marshalling,
     * signing and HTTP classes and the JSON mapper loaded and initialised (not before its first request). Held in
     * a field: CRaC keeps only a weak reference to registered resources.
     */
    private Resource snapStartPriming;

    /** The constructor Lambda calls (through the function's own no-arg constructor). */
    protected ApiHandler() {
        start(buildApplicationContext(null));
        snapStartPriming = SnapStartPriming.register(this::prime);
    }

    /** Tests, the local stack's tools and the benchmark start the handler with their own settings or beans. */
    protected ApiHandler(ApplicationContextBuilder builder) {
        start(builder.build());
    }

    /** What {@code MicronautRequestHandler} does with its context: start it and inject this handler. */
    private void start(ApplicationContext context) {
        applicationContext = context;
        startEnvironment(context);
        context.inject(this);
    }

    /**
     * The context Lambda starts (the no-arg constructor): Micronaut's Lambda defaults, but singletons are created
     * when first needed rather than all at start-up (a handler needs only its stores and their clients; eager
     * creation also built JSON codecs and executors no handler uses), and no environment deduction or bootstrap
     * property-source lookup, which only scan the classpath. SnapStart still snapshots a primed handler: see
     * the priming below.
     */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaContexts.builder(primedTypes());
    }

    /**
     * The HTTP event and response, then the stored types: the types whose JSON mapping the init prepares, in the
     * order a request needs them. Class literals only: naming {@link HttpEvents} here would initialise it, and with
     * it the JSON mapper, on the calling thread instead of the JSON thread.
     */
    private Class<?>[] primedTypes() {
        Class<?>[] stored = storedTypes();
        Class<?>[] all = new Class<?>[stored.length + 2];
        all[0] = APIGatewayV2HTTPEvent.class;
        all[1] = APIGatewayV2HTTPResponse.class;
        System.arraycopy(stored, 0, all, 2, stored.length);
        return all;
    }

    /**
     * The domain types this function reads from its tables and answers with: their JSON mapping is prepared during
     * init, on the spare thread that primes the JSON mapper. Called while the handler is being constructed, so an
     * override returns constants and reads no field.
     */
    protected Class<?>[] storedTypes() {
        return new Class<?>[0];
    }

    /**
     * Loads and initialises what requests need (see {@link #snapStartPriming}): a real DynamoDB round trip, the
     * built-in frameworks (read on first use otherwise) and one unrouted request (a 404 problem) read, dispatched
     * and written as Lambda's would be, without an access-log line.
     */
    void prime() {
        applicationContext.findBean(DynamoDbClient.class).ifPresent(DynamoDbClients::prime);
        FrameworkCatalog.builtIn();
        Json.prime(primedTypes());
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("GET /_prime");
        event.setRawPath("/_prime");
        event.setHeaders(Map.of("accept", "application/json"));
        try {
            // the way a request comes: its payload read, dispatched (a 404 problem) and the response written
            HttpEvents.write(handle(HttpEvents.read(Json.write(event).getBytes(StandardCharsets.UTF_8)), false));
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

    /**
     * What Lambda calls: the payload is read as an HTTP API event, dispatched, and the response written. A payload
     * that is not such an event is answered like any bad request (400 problem), not with an exception.
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] payload = input.readAllBytes();
        APIGatewayV2HTTPEvent event;
        try {
            event = HttpEvents.read(payload);
        } catch (IOException unreadable) {
            event = null; // answered as a bad request below
        }
        output.write(HttpEvents.write(handle(event, true)));
    }

    /** One request as an event object: {@link #handleRequest} after reading the payload (tests and tools). */
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return handle(event, true);
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, boolean log) {
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
            if (ItemSize.exceeded(e)) {
                response = ApiResponse.problem(DomainException.tooLarge("What this request would store is larger "
                        + "than a record may be (400 KB); send less text or fewer entries."));
            } else if (Contention.busy(e)) {
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
