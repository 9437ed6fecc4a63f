package org.groupeval.ranking;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.web.Json;
import org.groupeval.web.LambdaContexts;
import org.groupeval.web.StructuredLog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda entry point of the scheduled annual ranking (template.yaml, RankingScheduleFunction, a {@code ScheduleV2}
 * event in Asia/Shanghai after the city deadline). A stream handler, so it reads whatever JSON the schedule delivers
 * (see {@link ScheduledTrigger}). Idempotent: a delivery repeated by Scheduler's retry policy or by Lambda finds the
 * revision already made on the same inputs and changes nothing. A failure is rethrown so Scheduler retries it and,
 * after the last attempt, parks the event in the dead-letter queue.
 */
public class RankingScheduleHandler implements RequestStreamHandler, AutoCloseable {

    private final ApplicationContext context;
    final RankingJob job;
    Clock clock;

    /** The constructor Lambda calls. */
    public RankingScheduleHandler() {
        this(withCatalogLoading(LambdaContexts.builder()));
    }

    /** The built-in frameworks (JSON data files) are read on their own thread while the context starts. */
    private static ApplicationContextBuilder withCatalogLoading(ApplicationContextBuilder builder) {
        Thread catalog = new Thread(FrameworkCatalog::builtIn, "framework-catalog-init");
        catalog.setDaemon(true);
        catalog.start();
        return builder;
    }

    /** Tests start the handler with their own settings or beans. */
    public RankingScheduleHandler(ApplicationContextBuilder builder) {
        this.context = builder.start();
        this.job = context.getBean(RankingJob.class);
        this.clock = context.getBean(Clock.class);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambdaContext) throws IOException {
        byte[] raw = input.readAllBytes();
        JsonNode event = raw.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(raw);
        Map<String, Object> response = handle(event, lambdaContext == null ? null : lambdaContext.getAwsRequestId());
        output.write(Json.write(response).getBytes(StandardCharsets.UTF_8));
    }

    Map<String, Object> handle(JsonNode event, String requestId) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("requestId", requestId);
        try {
            ScheduledTrigger trigger = ScheduledTrigger.parse(event, clock.instant());
            line.put("trigger", trigger.trigger());
            line.put("scheduledTime", trigger.scheduledTime().toString());
            Optional<Integer> year = trigger.year() != null ? Optional.of(trigger.year())
                    : job.yearDueAt(trigger.scheduledTime());
            Map<String, Object> response = new LinkedHashMap<>();
            if (year.isEmpty()) {
                line.put("outcome", "NOTHING_TO_RANK");
                StructuredLog.info("scheduled ranking", line);
                response.put("status", "NOTHING_TO_RANK");
                response.put("detail", "no cycle's city deadline has passed at " + trigger.scheduledTime());
                return response;
            }
            RankingJob.Outcome outcome = job.run(year.get(), trigger.trigger(), "scheduler");
            line.put("year", year.get());
            line.put("revision", outcome.run().revision());
            line.put("outcome", outcome.disposition().name());
            StructuredLog.info("scheduled ranking", line);
            response.put("status", outcome.disposition().name());
            response.put("year", year.get());
            response.put("revision", outcome.run().revision());
            response.put("inputDigest", outcome.run().inputDigest());
            return response;
        } catch (RuntimeException e) {
            line.put("error", e.getClass().getName() + ": " + e.getMessage());
            StructuredLog.error("scheduled ranking failed", line);
            throw e;
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
