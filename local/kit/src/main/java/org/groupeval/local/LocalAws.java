package org.groupeval.local;

import java.util.Map;

/**
 * The emulated AWS of a test JVM: one DynamoDB Local with the template's tables, and the environment template.yaml
 * gives the functions (table names, ...), applied as system properties so handlers built through their no-arg
 * Lambda constructors find them.
 */
public final class LocalAws {

    private static boolean started;

    private LocalAws() {
    }

    public static synchronized DynamoDbLocal start() {
        DynamoDbLocal dynamo = DynamoDbLocal.shared();
        if (!started) {
            new LocalFunctions(SamTemplate.load(), Map.of("DYNAMODB_ENDPOINT", dynamo.endpoint()));
            started = true;
        }
        return dynamo;
    }
}
