package org.groupeval.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the functions template.yaml declares, the way Lambda does: each function's environment is applied (as
 * system properties: one JVM hosts them all), its handler class is created once through its public no-arg
 * constructor, and each invocation passes the event JSON through the runtime's own serialisation.
 */
public final class LocalFunctions {

    private final SamTemplate template;
    private final Map<String, Object> instances = new ConcurrentHashMap<>();

    public LocalFunctions(SamTemplate template, Map<String, String> extraEnvironment) {
        this.template = template;
        for (SamTemplate.Function function : template.functions()) {
            function.environment().forEach(LocalFunctions::setIfAbsent);
        }
        extraEnvironment.forEach(System::setProperty);
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    public SamTemplate template() {
        return template;
    }

    /** Invokes a function with an event given as JSON and returns the handler's response as JSON. */
    public String invoke(SamTemplate.Function function, String eventJson) {
        Object handler = instances.computeIfAbsent(function.logicalId(), id -> instantiate(function.handlerClass()));
        LocalContext context = LocalContext.of(UUID.randomUUID().toString(), function.logicalId());
        try {
            if (handler instanceof RequestStreamHandler stream) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, context);
                return out.toString(StandardCharsets.UTF_8);
            }
            @SuppressWarnings("unchecked")
            RequestHandler<Object, Object> requestHandler = (RequestHandler<Object, Object>) handler;
            Class<Object> inputType = inputType(handler.getClass());
            Object input = LambdaEvents.fromJson(eventJson, inputType);
            Object output = requestHandler.handleRequest(input, context);
            if (output == null) {
                return "null";
            }
            @SuppressWarnings("unchecked")
            Class<Object> outputType = (Class<Object>) output.getClass();
            return LambdaEvents.toJson(output, outputType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object instantiate(String className) {
        try {
            return Class.forName(className).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create handler " + className + ": " + e, e);
        }
    }

    /** The I of {@code RequestHandler<I, O>}, found on the handler's class hierarchy. */
    @SuppressWarnings("unchecked")
    static Class<Object> inputType(Class<?> handlerClass) {
        for (Class<?> c = handlerClass; c != null; c = c.getSuperclass()) {
            Type generic = c.getGenericSuperclass();
            if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> in
                    && p.getActualTypeArguments().length == 2) {
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
