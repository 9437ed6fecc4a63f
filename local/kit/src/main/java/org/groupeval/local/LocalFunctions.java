package org.groupeval.local;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the functions template.yaml declares, the way Lambda does: each function's environment is applied (as
 * system properties: one JVM hosts them all), its handler class is created once and invoked as the Lambda runtime
 * does ({@link LambdaInvoker}).
 */
public final class LocalFunctions {

    private final SamTemplate template;
    private final Map<String, LambdaInvoker> instances = new ConcurrentHashMap<>();

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
        LambdaInvoker handler = instances.computeIfAbsent(function.logicalId(),
                id -> LambdaInvoker.create(function.handlerClass()));
        return handler.invoke(eventJson, LocalContext.of(UUID.randomUUID().toString(), function.logicalId()));
    }
}
