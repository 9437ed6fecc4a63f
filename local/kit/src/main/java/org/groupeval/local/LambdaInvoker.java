package org.groupeval.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * A handler invoked the way the Lambda Java runtime invokes it: created once through its public no-arg constructor;
 * a {@link RequestStreamHandler} is handed the event's bytes and its answer is the bytes it writes; a
 * {@link RequestHandler} is handed its input type deserialised by the runtime's own library
 * (aws-lambda-java-serialization) and its output is serialised back the same way. The local stack, the tests and the
 * benchmark's child JVMs invoke handlers through it; it needs nothing but the Lambda runtime's libraries, so the
 * benchmark puts it on the classpath of a function's code without the rest of the kit.
 */
public final class LambdaInvoker {

    private final Object handler;
    /** The input type of a RequestHandler; null for a stream handler. */
    private final Class<Object> inputType;

    private LambdaInvoker(Object handler) {
        this.handler = handler;
        this.inputType = handler instanceof RequestStreamHandler ? null : inputType(handler.getClass());
    }

    /** The handler class as Lambda creates it, through its public no-arg constructor. */
    public static LambdaInvoker create(String handlerClass) {
        try {
            return new LambdaInvoker(Class.forName(handlerClass).getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create handler " + handlerClass + ": " + e, e);
        }
    }

    /** A handler made otherwise (a test's, on a context of its own). */
    public static LambdaInvoker of(Object handler) {
        return new LambdaInvoker(handler);
    }

    /** The input as the runtime hands it over: the bytes for a stream handler, else the deserialised event. */
    public Object parse(String eventJson) {
        if (inputType == null) {
            return eventJson.getBytes(StandardCharsets.UTF_8);
        }
        return LambdaEventSerializers.serializerFor(inputType, LambdaInvoker.class.getClassLoader()).fromJson(eventJson);
    }

    /** One invocation of a {@link #parse parsed} input; the answer as the runtime sends it back (JSON). */
    @SuppressWarnings("unchecked")
    public String invoke(Object input, Context context) {
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                stream.handleRequest(new ByteArrayInputStream((byte[]) input), out, context);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
        Object output = ((RequestHandler<Object, Object>) handler).handleRequest(input, context);
        if (output == null) {
            return "null";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Class<Object> type = (Class<Object>) output.getClass();
        LambdaEventSerializers.serializerFor(type, LambdaInvoker.class.getClassLoader()).toJson(output, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The event's JSON in, the answer's JSON out. */
    public String invoke(String eventJson, Context context) {
        return invoke(parse(eventJson), context);
    }

    /** The I of {@code RequestHandler<I, O>}, found on the handler's class hierarchy. */
    @SuppressWarnings("unchecked")
    static Class<Object> inputType(Class<?> handlerClass) {
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
