package org.groupeval.ranking;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContextBuilder;
import jakarta.inject.Inject;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.lambda.FunctionHandler;
import org.groupeval.lambda.Startup;
import org.groupeval.web.StructuredLog;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lambda entry point of the scheduled ranking (template.yaml, RankingScheduleFunction: a {@code ScheduleV2} event
 * every 15 minutes in Asia/Shanghai). It reads whatever JSON the schedule delivers (see {@link ScheduledTrigger}).
 * Each delivery ranks the cycles whose own {@code rankingAt} has passed at the scheduled time and that the schedule
 * has not ranked for it yet, once each ({@link ScheduledRankings}); an explicit {@code year} ranks that year now. A
 * failure is logged and rethrown ({@link FunctionHandler}), so Lambda retries the delivery and then sends it to the
 * dead-letter queue, whose alarm notifies the operators.
 */
public class RankingScheduleHandler extends FunctionHandler<JsonNode, Map<String, Object>> {


    @Inject
    RankingJob job;
    @Inject
    ScheduledRankings scheduled;
    @Inject
    Clock clock;

    /** The constructor Lambda calls. */
    public RankingScheduleHandler() {
        super(JsonNode.class, Startup.preparing());
    }

    /** Tests start the handler with their own settings or beans. */
    public RankingScheduleHandler(ApplicationContextBuilder builder) {
        super(JsonNode.class, builder);
    }

    @Override
    protected Map<String, Object> handle(JsonNode event, Context lambdaContext) {
        return handle(event, lambdaContext == null ? null : lambdaContext.getAwsRequestId());
    }

    /**
     * Before a SnapStart snapshot: the built-in frameworks, which a ranking reads. Not during init: most deliveries
     * find no cycle due and read none, and reading them on a spare thread cost such a cold start time rather than
     * saving it (docs/benchmarks.md, "Measures behind the figures").
     */
    @Override
    protected void prime() {
        FrameworkCatalog.builtIn();
    }

    /** The log line {@code scheduled ranking failed} names the failed cycles and the error (docs/ranking.md). */
    @Override
    protected String failureMessage() {
        return "scheduled ranking failed";
    }

    Map<String, Object> handle(JsonNode event, String requestId) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("requestId", requestId);
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
        List<ScheduledRankings.CycleOutcome> cycles = scheduled.runDue(trigger.scheduledTime(), trigger.trigger());
        List<ScheduledRankings.CycleOutcome> failed = cycles.stream()
                .filter(c -> c.outcome() == ScheduledRankings.Handled.FAILED).toList();
        response.put("status", cycles.isEmpty() ? "NOTHING_TO_RANK" : failed.isEmpty() ? "HANDLED" : "FAILED");
        response.put("scheduledTime", trigger.scheduledTime().toString());
        response.put("cycles", cycles);
        if (!failed.isEmpty()) {
            // logged and rethrown by FunctionHandler: Lambda retries the delivery, then sends it to the dead-letter
            // queue (alarmed)
            throw new IllegalStateException("scheduled ranking failed for " + failed.stream()
                    .map(c -> c.year() + " (" + c.error() + ")").collect(Collectors.joining(", ")));
        }
        line.put("outcome", response.get("status"));
        line.put("cycles", cycles);
        StructuredLog.info("scheduled ranking", line);
        return response;
    }
}
