package org.groupeval.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;

/**
 * The Micronaut context every function starts ({@link FunctionHandler}): Lambda's environments ({@code function},
 * {@code lambda}), singletons created when first needed rather than all at start-up, no environment deduction or
 * bootstrap property-source lookup (both only scan the classpath), no banner. Tests start a handler on this builder
 * with beans or settings of their own ({@code LambdaContexts.builder().singletons(...)}).
 *
 * <p>Lazy singletons are worth a quarter of a second of a cold start where a route needs few of the function's beans
 * (docs/benchmarks.md, "Measures behind the figures": the evidence list route builds no S3 client or
 * presigner). Micronaut's own {@code LambdaApplicationContextBuilder} is not used: its constructor makes every
 * {@code @Singleton} eager in a way {@code eagerInitSingletons(false)} cannot undo.
 */
public final class LambdaContexts {

    private LambdaContexts() {
    }

    public static ApplicationContextBuilder builder() {
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
