package org.groupeval.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which schedules the local stack times itself, and the event a schedule delivers. */
class LocalSchedulesTest {

    @Test
    void rateExpressionsRunOnATimerCronAndOneTimeSchedulesOnDemandOnly() {
        assertEquals(Optional.of(Duration.ofMinutes(15)), LocalSchedules.rate("rate(15 minutes)"));
        assertEquals(Optional.of(Duration.ofHours(1)), LocalSchedules.rate("rate(1 hour)"));
        assertEquals(Optional.of(Duration.ofDays(2)), LocalSchedules.rate("rate(2 days)"));
        assertEquals(Optional.empty(), LocalSchedules.rate("cron(0 2 1 11 ? *)"));
        assertEquals(Optional.empty(), LocalSchedules.rate("at(2026-11-01T02:00:00)"));
    }

    @Test
    void theInputIsDeliveredWithSchedulersContextAttributesFilledIn() {
        SamTemplate.Schedule schedule = new SamTemplate.Schedule("Every", "rate(15 minutes)", "Asia/Shanghai",
                "{\"year\":\"auto\",\"scheduledTime\":\"<aws.scheduler.scheduled-time>\","
                        + "\"attempt\":\"<aws.scheduler.attempt-number>\"}");
        SamTemplate.Function function = new SamTemplate.Function("F", "x.Handler::handleRequest", Map.of(), List.of(),
                List.of(schedule), List.of(), Map.of());
        String event = LocalSchedules.event(function, schedule, Instant.parse("2026-11-01T02:00:00Z"));
        assertEquals("{\"year\":\"auto\",\"scheduledTime\":\"2026-11-01T02:00:00Z\",\"attempt\":\"1\"}", event);
        SamTemplate.Schedule classic = new SamTemplate.Schedule("Nightly", "cron(0 2 * * ? *)", "UTC", null);
        String envelope = LocalSchedules.event(function, classic, Instant.parse("2026-11-01T02:00:00Z"));
        assertTrue(envelope.contains("\"detail-type\":\"Scheduled Event\"") && envelope.contains(
                "\"time\":\"2026-11-01T02:00:00Z\""), envelope);
    }
}
