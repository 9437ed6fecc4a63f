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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lambda entry point of the scheduled ranking (template.yaml, RankingScheduleFunction: a {@code ScheduleV2} event
 * every 15 minutes in Asia/Shanghai). A stream handler, so it reads whatever JSON the schedule delivers (see
 * {@link ScheduledTrigger}). Each delivery ranks the cycles whose own {@code rankingAt} has passed at the scheduled
 * time and that the schedule has not ranked for it yet, once each ({@link ScheduledRankings}); an explicit
 * {@code year} ranks that year now. A failure is logged and rethrown, so Lambda retries the delivery and then
 * sends it to the dead-letter queue, whose alarm notifies the operators.
 */
public class RankingScheduleHandler implements RequestStreamHandler, AutoCloseable {

    private final ApplicationContext context;
    final RankingJob job;
    final ScheduledRankings scheduled;
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
        this.scheduled = context.getBean(ScheduledRankings.class);
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
            Map<String, Object> response = new LinkedHashMap<>();
            if (trigger.year() != null) {
                // an operator's re-run of one year (aws lambda invoke): ranks it now, whatever its rankingAt
                RankingJob.Outcome outcome = job.run(trigger.year(), trigger.trigger(), "scheduler");
                line.put("year", trigger.year());
                line.put("revision", outcome.run().revision());
                line.put("outcome", outcome.disposition().name());
                StructuredLog.info("scheduled ranking", line);
                response.put("status", outcome.disposition().name());
                response.put("year", trigger.year());
                response.put("revision", outcome.run().revision());
                response.put("inputDigest", outcome.run().inputDigest());
                return response;
            }
            List<ScheduledRankings.CycleOutcome> cycles = scheduled.runDue(trigger.scheduledTime(),
                    trigger.trigger());
            List<ScheduledRankings.CycleOutcome> failed = cycles.stream()
                    .filter(c -> c.outcome() == ScheduledRankings.Handled.FAILED).toList();
            response.put("status", cycles.isEmpty() ? "NOTHING_TO_RANK" : failed.isEmpty() ? "HANDLED" : "FAILED");
            response.put("scheduledTime", trigger.scheduledTime().toString());
            response.put("cycles", cycles);
            line.put("outcome", response.get("status"));
            line.put("cycles", cycles);
            if (!failed.isEmpty()) {
                // rethrown below: Lambda retries the delivery, then sends it to the dead-letter queue (alarmed)
                throw new IllegalStateException("scheduled ranking failed for " + failed.stream()
                        .map(c -> c.year() + " (" + c.error() + ")").collect(Collectors.joining(", ")));
            }
            StructuredLog.info("scheduled ranking", line);
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
