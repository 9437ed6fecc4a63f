package org.groupeval.web;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultDiagnosticInfoPopulator;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.DiagnosticInfoPopulator;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

/**
 * What Micronaut does with the Lambda {@link Context} on every invocation, reduced to nothing: by default it
 * registers the context, its identity, client context and logger as singletons of the application context (which
 * also drops the context's bean caches) and copies request and trace ids into the SLF4J MDC. No handler here
 * injects those beans or logs through SLF4J (requests are identified in the access log from the event itself),
 * and the per-invocation registration was most of the framework's warm overhead (bench: warm_overhead_ratio).
 */
final class LambdaContextBeans {

    private LambdaContextBeans() {
    }

    @Singleton
    @Replaces(DefaultLambdaContextFactory.class)
    static final class NoContextSingletons implements LambdaContextFactory {
        @Override
        public void registerSingletons(Context context) {
            // nothing reads the context through the bean context
        }
    }

    @Singleton
    @Replaces(DefaultDiagnosticInfoPopulator.class)
    static final class NoDiagnosticContext implements DiagnosticInfoPopulator {
        @Override
        public void populateMappingDiagnosticContextValues(Context context) {
            // no SLF4J logging: the access log names the request
        }

        @Override
        public void populateMappingDiagnosticContextWithXrayTraceId() {
            // as above
        }
    }
}
