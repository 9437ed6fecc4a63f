package org.groupeval.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Calls a handler the way the Lambda Java runtime does: one instance made through its public no-arg constructor,
 * the event JSON turned into the handler's input type by aws-lambda-java-serialization, the output turned back
 * into JSON the same way.
 */
final class Invoker {

    private static final String STATUS_CODE = "\"statusCode\":";

    private final Object handler;
    private final Class<Object> inputType;

    private Invoker(Object handler) {
        this.handler = handler;
        this.inputType = handler instanceof RequestStreamHandler ? null : inputType(handler.getClass());
    }

    static Invoker create(String handlerClass) {
        try {
            return new Invoker(Class.forName(handlerClass).getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create handler " + handlerClass + ": " + e, e);
        }
    }

    /** The input as the runtime hands it over (for a stream handler: the bytes). */
    Object parse(String eventJson) {
        if (inputType == null) {
            return eventJson.getBytes(StandardCharsets.UTF_8);
        }
        return LambdaEventSerializers.serializerFor(inputType, Invoker.class.getClassLoader()).fromJson(eventJson);
    }

    @SuppressWarnings("unchecked")
    Object invoke(Object input, Context context) {
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                stream.handleRequest(new ByteArrayInputStream((byte[]) input), out, context);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
        return ((RequestHandler<Object, Object>) handler).handleRequest(input, context);
    }

    /** The output as the runtime would send it back. */
    @SuppressWarnings("unchecked")
    static String toJson(Object output) {
        if (output == null) {
            return "null";
        }
        if (output instanceof String s) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Class<Object> type = (Class<Object>) output.getClass();
        LambdaEventSerializers.serializerFor(type, Invoker.class.getClassLoader()).toJson(output, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The HTTP status of an API Gateway response, returned as an object (a {@code RequestHandler}) or written as JSON
     * (a stream handler); 200 for any other successful output. Cheap (no JSON parsing): the cold-start driver calls
     * it before printing the marker the harness times.
     */
    static int status(Object output) {
        if (output instanceof APIGatewayV2HTTPResponse r) {
            return r.getStatusCode();
        }
        if (output instanceof String s) {
            int at = s.indexOf(STATUS_CODE);
            if (at >= 0) {
                int from = at + STATUS_CODE.length();
                while (from < s.length() && s.charAt(from) == ' ') {
                    from++;
                }
                int to = from;
                while (to < s.length() && Character.isDigit(s.charAt(to))) {
                    to++;
                }
                return Integer.parseInt(s.substring(from, to));
            }
        }
        return 200;
    }

    /** An HTTP function's response as API Gateway's model of it, however the handler gave it; null for others. */
    static APIGatewayV2HTTPResponse http(Object output) {
        if (output instanceof APIGatewayV2HTTPResponse r) {
            return r;
        }
        if (output instanceof String s && s.contains(STATUS_CODE)) {
            return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, Invoker.class.getClassLoader())
                    .fromJson(s);
        }
        return null;
    }

    static String header(Object output, String name) {
        APIGatewayV2HTTPResponse r = http(output);
        if (r != null && r.getHeaders() != null) {
            for (Map.Entry<String, String> h : r.getHeaders().entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Class<Object> inputType(Class<?> handlerClass) {
        for (Class<?> c = handlerClass; c != null; c = c.getSuperclass()) {
            Type generic = c.getGenericSuperclass();
            if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length == 2
                    && p.getActualTypeArguments()[0] instanceof Class<?> in) {
                return (Class<Object>) in;
            }
            for (Type i : c.getGenericInterfaces()) {
                if (i instanceof ParameterizedType p && p.getRawType() == RequestHandler.class
                        && p.getActualTypeArguments()[0] instanceof Class<?> in) {
                    return (Class<Object>) in;
                }
            }
        }
        for (Method m : handlerClass.getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()) {
                return (Class<Object>) m.getParameterTypes()[0];
            }
        }
        return Object.class;
    }
}
