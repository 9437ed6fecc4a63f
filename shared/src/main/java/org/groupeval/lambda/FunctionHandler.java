package org.groupeval.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectReader;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import jakarta.inject.Inject;
import org.crac.Resource;
import org.groupeval.json.Json;
import org.groupeval.store.DynamoDbClients;
import org.groupeval.web.StructuredLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one bootstrap of every Lambda function: HTTP routes ({@code ApiHandler}), the S3 notification of an upload,
 * an EventBridge event and a schedule each extend it with what their invocations do, and nothing else. Every
 * function is a {@link RequestStreamHandler} reading its event of type {@code I} and writing its answer {@code O} as
 * JSON with the project's own mapper ({@link Json#MAPPER}), so the Lambda runtime never loads its own serialisation
 * library (a second, shaded Jackson that introspects the event model on the first request's thread: 330–430 ms of a
 * cold start, docs/benchmarks.md).
 *
 * <h2>Init (the constructor Lambda calls, through the function's no-arg constructor)</h2>
 * <ol>
 *   <li>On spare threads, while the rest goes on: the DynamoDB client is built, handed to the context as soon as it
 *   is, and primed with one round trip ({@code DynamoDbClients.startEarly}); the JSON mapper and the (de)serialisers
 *   of the input, the output and the stored types are prepared ({@link Json#prime}); then the function's own
 *   {@link Startup} work (the upload check's S3 client).</li>
 *   <li>On the calling thread: the Micronaut context ({@link LambdaContexts}: lazy singletons, nothing scanned) is
 *   built and started, and the handler's {@code @Inject} members are injected.</li>
 *   <li>SnapStart: a CRaC resource ({@link SnapStartPriming}) primes, before the snapshot, what the first invocation
 *   after a restore would otherwise load: a DynamoDB round trip, the JSON mapping, and {@link #prime} (the HTTP
 *   functions dispatch one unrouted request; the upload check makes an S3 round trip; the schedule reads the built-in
 *   frameworks).</li>
 * </ol>
 * A function that cannot start fails its init: any failure of the context, of a bean or of the injection, and an
 * {@code @Inject} member left unset, throws out of the constructor, after one {@code function did not start} line
 * in the log. Lambda reports the init error and retries it on the next invocation; no invocation is served by a
 * half-started function. Which of these measures is worth its place, and by how much, is measured by
 * {@code ./bench/run} (docs/benchmarks.md, "Measures behind the figures").
 *
 * <h2>Invocation</h2>
 * The payload is read as {@code I} (an empty payload as an event without members, {@link #whenEmpty}; an unreadable
 * one fails, {@link #whenUnreadable}), {@link #handle handled}, and the answer written as JSON. An exception out of
 * {@code handle} is logged as one structured {@code ERROR} line ({@link #failureMessage}, the request id and the
 * error) and rethrown, so that Lambda retries an asynchronous event and finally dead-letters it; the HTTP functions
 * answer every request and throw nothing.
 *
 * <p>Tests, the local stack's tools and the benchmark start a handler on a context builder of their own
 * ({@link #FunctionHandler(Class, ApplicationContextBuilder)}): the same context start and injection, without the
 * init's spare threads and SnapStart.
 *
 * @param <I> the event as the function reads it
 * @param <O> the answer it writes
 */
public abstract class FunctionHandler<I, O> implements RequestStreamHandler, AutoCloseable {

    private final Class<I> inputType;
    private final Class<?>[] prepared;
    private final ApplicationContext context;
    /** CRaC holds registered resources weakly: the handler keeps its own. Null when started by a test's builder. */
    private final Resource snapStartPriming;
    /** Made on the first invocation, from the deserialiser the init prepared on the JSON thread. */
    private volatile ObjectReader reader;

    /** The constructor Lambda calls (through the function's no-arg constructor): see "Init" above. */
    protected FunctionHandler(Class<I> inputType, Startup startup) {
        this.inputType = inputType;
        this.prepared = prepared(inputType, startup);
        DynamoDbClients.startEarly();
        Startup.spareThread("json", () -> Json.prime(prepared)).run();
        startup.start();
        this.context = start(LambdaContexts.builder());
        this.snapStartPriming = SnapStartPriming.register(this::primeBeforeSnapshot);
    }

    /** Tests and tools: the handler on a context of their own, without the init's spare threads or SnapStart. */
    protected FunctionHandler(Class<I> inputType, ApplicationContextBuilder context) {
        this.inputType = inputType;
        this.prepared = new Class<?>[] {inputType};
        this.context = start(context);
        this.snapStartPriming = null;
    }

    private static Class<?>[] prepared(Class<?> inputType, Startup startup) {
        List<Class<?>> types = new ArrayList<>();
        types.add(inputType);
        types.addAll(startup.types());
        return types.toArray(new Class<?>[0]);
    }

    /** Starts the context and injects this handler; any failure fails the init, loudly. */
    private ApplicationContext start(ApplicationContextBuilder builder) {
        ApplicationContext started = null;
        try {
            started = builder.build();
            started.start();
            started.inject(this);
            requireInjected(started);
            return started;
        } catch (RuntimeException | Error e) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("function", getClass().getSimpleName());
            line.put("error", e.getClass().getName() + ": " + e.getMessage());
            StructuredLog.error("function did not start", line);
            if (started != null) {
                try {
                    started.close();
                } catch (RuntimeException alsoFailing) {
                    e.addSuppressed(alsoFailing);
                }
            }
            throw new IllegalStateException(getClass().getSimpleName() + " did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Micronaut injects only what its annotation processor saw: a handler compiled without it would start with its
     * {@code @Inject} members unset and fail every invocation instead. They are checked here.
     */
    private void requireInjected(ApplicationContext started) {
        for (Class<?> type = getClass(); type != FunctionHandler.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!field.isAnnotationPresent(Inject.class)) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    if (field.get(this) == null) {
                        throw new IllegalStateException(type.getSimpleName() + "." + field.getName()
                                + " was not injected (was the class compiled with micronaut-inject-java?)");
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** The function's work for one event; an exception is logged and rethrown (Lambda retries or dead-letters). */
    protected abstract O handle(I input, Context lambdaContext);

    /** The input of an empty payload: by default an event without members, as {@code {}} reads. */
    protected I whenEmpty() throws IOException {
        return reader().readValue("{}");
    }

    /** The input of a payload that is not JSON of the event's shape; by default it fails the invocation. */
    protected I whenUnreadable(IOException unreadable) throws IOException {
        throw unreadable;
    }

    /** The message of the log line of a failed invocation. */
    protected String failureMessage() {
        return "invocation failed";
    }

    /** More to do before a SnapStart snapshot (after the DynamoDB round trip and the JSON mapping). */
    protected void prime() {
    }

    /** The started context, for {@link #prime}. */
    protected final ApplicationContext context() {
        return context;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context lambdaContext)
            throws IOException {
        output.write(invoke(input.readAllBytes(), lambdaContext));
    }

    /** One invocation, payload in, answer out, as {@link #handleRequest} makes it. */
    protected final byte[] invoke(byte[] payload, Context lambdaContext) throws IOException {
        I event;
        if (payload.length == 0) {
            event = whenEmpty();
        } else {
            try {
                event = reader().readValue(payload);
            } catch (IOException unreadable) {
                event = whenUnreadable(unreadable);
            }
        }
        O answer;
        try {
            answer = handle(event, lambdaContext);
        } catch (RuntimeException | Error e) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("requestId", lambdaContext == null ? null : lambdaContext.getAwsRequestId());
            line.put("function", getClass().getSimpleName());
            line.put("error", e.getClass().getName() + ": " + e.getMessage());
            StructuredLog.error(failureMessage(), line);
            throw e;
        }
        return Json.MAPPER.writeValueAsBytes(answer);
    }

    private ObjectReader reader() {
        ObjectReader current = reader;
        if (current == null) {
            current = Json.MAPPER.readerFor(inputType);
            reader = current;
        }
        return current;
    }

    private void primeBeforeSnapshot() {
        context.findBean(DynamoDbClient.class).ifPresent(DynamoDbClients::prime);
        Json.prime(prepared);
        try {
            prime();
        } catch (RuntimeException notPrimed) {
            // the first invocation after the restore loads it instead
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
