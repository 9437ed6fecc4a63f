package org.groupeval.web;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import org.groupeval.store.DynamoDbClients;

/**
 * The Micronaut context every Lambda entry point starts (HTTP handlers through {@link ApiHandler}, the scheduled
 * ranking directly): Lambda's environments, singletons created when first needed, no environment deduction or
 * bootstrap property-source lookup (they only scan the classpath), no banner. It also starts the init phase's
 * side work: the DynamoDB client is built and primed, and the JSON mapper primed, on their own threads while
 * Micronaut starts on the calling one (docs/benchmarks.md, "Measures behind the figures").
 */
public final class LambdaContexts {

    private LambdaContexts() {
    }

    /**
     * @param stored the domain types the function reads from its tables and answers with, whose JSON mapping is
     *               prepared on the JSON thread
     */
    public static ApplicationContextBuilder builder(Class<?>... stored) {
        DynamoDbClients.startEarly();
        Thread json = new Thread(() -> Json.prime(stored), "json-init");
        json.setDaemon(true);
        json.start();
        // Not micronaut-function-aws's LambdaApplicationContextBuilder: it calls eagerInitSingletons(true), which
        // adds @Singleton to the eagerly created annotations, and eagerInitSingletons(false) cannot take it out
        // again (it only adds). Its environments are kept.
        return ApplicationContext.builder()
                .environments(Environment.FUNCTION, "lambda")
                .eagerInitSingletons(false)
                .eagerInitConfiguration(false)
                .deduceEnvironment(false)
                .deduceCloudEnvironment(false)
                .bootstrapEnvironment(false)
                .banner(false);
    }
}
