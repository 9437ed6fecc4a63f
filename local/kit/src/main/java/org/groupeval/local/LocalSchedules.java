package org.groupeval.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's schedules on one machine. Each delivers to its function the event EventBridge Scheduler delivers:
 * the schedule's {@code Input} with Scheduler's context attributes filled in ({@code <aws.scheduler.scheduled-time>}
 * and the others), or, without an {@code Input}, a classic "Scheduled Event". They fire on demand (the local
 * stack's {@code POST /_local/schedules/{name}}, optionally for a given scheduled time) and, for {@code rate(...)}
 * expressions, on their own timer as in AWS (first one period after the start). {@code cron(...)} and {@code at(...)}
 * schedules fire on demand only.
 */
public final class LocalSchedules implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

    /** A schedule and the function it invokes. */
    public record Target(SamTemplate.Function function, SamTemplate.Schedule schedule) {
    }

    private final LocalFunctions functions;
    private final List<Target> targets = new ArrayList<>();
    private ScheduledExecutorService timer;

    public LocalSchedules(SamTemplate template, LocalFunctions functions) {
        this.functions = functions;
        for (SamTemplate.Function function : template.functions()) {
            for (SamTemplate.Schedule schedule : function.schedules()) {
                targets.add(new Target(function, schedule));
            }
        }
    }

    public List<Target> targets() {
        return List.copyOf(targets);
    }

    public Optional<Target> find(String scheduleName) {
        return targets.stream().filter(t -> t.schedule().eventName().equals(scheduleName)).findFirst();
    }

    /** Delivers the schedule's event for {@code scheduledTime}; the function's response, or its exception. */
    public String fire(Target target, Instant scheduledTime) {
        return functions.invoke(target.function(), event(target.function(), target.schedule(), scheduledTime));
    }

    /**
     * Fires every {@code rate(...)} schedule on its own timer, for the time it fires; a failed run is written to
     * {@code log} as one JSON line (in AWS, Lambda would retry it and then dead-letter the event).
     */
    public synchronized void startTimers(PrintStream log) {
        for (Target target : targets) {
            Optional<Duration> period = rate(target.schedule().expression());
            if (period.isEmpty()) {
                continue;
            }
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "local-schedules");
                    t.setDaemon(true);
                    return t;
                });
            }
            long millis = period.get().toMillis();
            timer.scheduleAtFixedRate(() -> {
                try {
                    fire(target, Instant.now());
                } catch (RuntimeException e) {
                    ObjectNode line = JSON.createObjectNode();
                    line.put("level", "ERROR");
                    line.put("message", "scheduled invocation failed");
                    line.put("schedule", target.schedule().eventName());
                    line.put("function", target.function().logicalId());
                    line.put("error", String.valueOf(e.getMessage()));
                    log.println(line);
                }
            }, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** The period of a {@code rate(N unit)} expression; empty for {@code cron(...)} and {@code at(...)}. */
    public static Optional<Duration> rate(String expression) {
        Matcher m = RATE.matcher(expression.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    /**
     * The payload a schedule delivers at {@code scheduledTime}: EventBridge Scheduler passes the target's
     * {@code Input} with its context attributes replaced; without one, the classic EventBridge "Scheduled Event".
     */
    public static String event(SamTemplate.Function function, SamTemplate.Schedule schedule, Instant scheduledTime) {
        String arn = "arn:aws:scheduler:local:000000000000:schedule/default/" + function.logicalId()
                + schedule.eventName();
        if (schedule.input() != null && !schedule.input().isBlank()) {
            return schedule.input()
                    .replace("<aws.scheduler.scheduled-time>", scheduledTime.toString())
                    .replace("<aws.scheduler.schedule-arn>", arn)
                    .replace("<aws.scheduler.execution-id>", UUID.randomUUID().toString())
                    .replace("<aws.scheduler.attempt-number>", "1");
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.scheduler");
        event.put("account", "000000000000");
        event.put("time", scheduledTime.toString());
        event.put("region", "local");
        event.putArray("resources").add(arn);
        event.putObject("detail");
        try {
            return JSON.writeValueAsString(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
