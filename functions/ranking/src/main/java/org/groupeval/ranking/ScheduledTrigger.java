package org.groupeval.ranking;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What a scheduled invocation asks for, read from either payload the function may receive:
 * <ul>
 *   <li>EventBridge Scheduler (template.yaml {@code ScheduleV2}): the schedule's {@code Input} JSON as it is, e.g.
 *   {@code {"trigger":"SCHEDULE","year":"auto","scheduledTime":"2026-10-31T18:00:00Z"}} (Scheduler fills in
 *   {@code <aws.scheduler.scheduled-time>});</li>
 *   <li>a classic EventBridge "Scheduled Event" ({@code {"detail-type":"Scheduled Event","source":"aws.events",
 *   "time":"...","detail":{}}}), where an optional {@code detail.year} names the year.</li>
 * </ul>
 * {@code year} is a four-digit year (rank that year now) or {@code "auto"} (or absent): the cycles whose
 * {@code rankingAt} has passed at the scheduled time, so a delivery retried later still judges by the time it was
 * scheduled for.
 */
record ScheduledTrigger(String trigger, Integer year, Instant scheduledTime) {

    static ScheduledTrigger parse(JsonNode event, Instant now) {
        JsonNode source = event;
        Instant time = null;
        if ("Scheduled Event".equals(event.path("detail-type").asText(null))) {
            source = event.path("detail");
            time = instant(event.path("time").asText(null));
        }
        String trigger = source.path("trigger").asText("SCHEDULE");
        if (time == null) {
            time = instant(source.path("scheduledTime").asText(null));
        }
        JsonNode rawYear = source.path("year");
        Integer year = null;
        if (rawYear.isInt()) {
            year = rawYear.asInt();
        } else if (rawYear.isTextual() && rawYear.asText().matches("\\d{4}")) {
            year = Integer.parseInt(rawYear.asText());
        } else if (!rawYear.isMissingNode() && !rawYear.isNull() && !"auto".equals(rawYear.asText())) {
            throw new IllegalArgumentException("scheduled event names year '" + rawYear.asText()
                    + "': expected a four-digit year or \"auto\"");
        }
        return new ScheduledTrigger(trigger.isBlank() ? "SCHEDULE" : trigger, year, time == null ? now : time);
    }

    /** An ISO-8601 instant; anything else (e.g. an unfilled Scheduler placeholder) is no time at all. */
    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
