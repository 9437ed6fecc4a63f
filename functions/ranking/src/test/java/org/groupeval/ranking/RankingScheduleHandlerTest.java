package org.groupeval.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupeval.domain.ranking.ScheduledRun;
import org.groupeval.local.LambdaEvents;
import org.groupeval.local.LocalAws;
import org.groupeval.local.LocalContext;
import org.groupeval.local.LocalFunctions;
import org.groupeval.local.LocalSchedules;
import org.groupeval.local.SamTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduled path, fed the payloads EventBridge delivers (events/ranking/scheduled-*.json): Scheduler's Input
 * as template.yaml declares it, and a classic "Scheduled Event". The schedule fires every 15 minutes; each cycle is
 * ranked at its own rankingAt, once, whatever the deliveries.
 */
class RankingScheduleHandlerTest {

    private static final Map<String, Object> AWARD = Map.of("ratio", 0.30, "scope", "PER_GRADE",
            "tiePolicy", "NONE_AT_CUTOFF");

    private static RankingScheduleHandler handler;
    private static Fixtures fx;

    @BeforeAll
    static void start() {
        LocalAws.start();
        handler = new RankingScheduleHandler();
        fx = new Fixtures();
    }

    static JsonNode invoke(String json) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out,
                LocalContext.of("s", "RankingScheduleFunction"));
        return Fixtures.JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    /** The template's Input as Scheduler fills it in for a delivery at {@code scheduledTime}. */
    static JsonNode deliver(Instant scheduledTime) throws Exception {
        ObjectNode event = (ObjectNode) Fixtures.JSON.readTree(
                LambdaEvents.sampleJson("ranking/scheduled-ranking.json"));
        event.put("scheduledTime", scheduledTime.toString());
        return invoke(event.toString());
    }

    /** What the delivery did with one year's cycle, or null when the cycle was not due. */
    static JsonNode outcomeOf(JsonNode response, int year) {
        for (JsonNode cycle : response.path("cycles")) {
            if (cycle.get("year").asInt() == year) {
                return cycle;
            }
        }
        return null;
    }

    static void cycleRankedAt(int year, String frameworkId, String rankingAt) {
        fx.cycle(year, frameworkId, AWARD, Map.of("self", year + "-08-31T23:59:59+08:00",
                "district", year + "-09-30T23:59:59+08:00", "city", year + "-10-31T23:59:59+08:00"), rankingAt);
    }

    @Test
    void aCycleIsRankedAtItsOwnRankingAtOnceWhateverTheDeliveries() throws Exception {
        int y = 2023;
        // this city moved every deadline past 1 November; it ranks on 5 December, 10:00 Beijing time
        fx.cycle(y, "ankang-2022", AWARD, Map.of("self", "2023-11-10T23:59:59+08:00",
                "district", "2023-11-20T23:59:59+08:00", "city", "2023-11-30T23:59:59+08:00"),
                "2023-12-05T10:00:00+08:00");
        String a = fx.group("A", "TRUSTEESHIP", "610912");
        fx.reviewed(y, a, "610912", "83");
        Instant rankingAt = Instant.parse("2023-12-05T02:00:00Z");

        assertEquals(null, outcomeOf(deliver(rankingAt.minus(Duration.ofMinutes(15))), y), "not yet due");
        assertTrue(handler.job.results.highestRun(y).isEmpty());

        JsonNode first = outcomeOf(deliver(rankingAt), y);
        assertEquals("CREATED", first.get("outcome").asText(), first.toString());
        assertEquals(1, first.get("revision").asInt());
        assertEquals("SCHEDULE", handler.job.results.run(y, 1).orElseThrow().trigger());

        // the same delivery again (a Scheduler retry, a duplicate), and the next ticks: nothing more
        for (Instant at : List.of(rankingAt, rankingAt.plus(Duration.ofMinutes(15)),
                rankingAt.plus(Duration.ofHours(6)))) {
            JsonNode again = outcomeOf(deliver(at), y);
            assertEquals("ALREADY_RANKED", again.get("outcome").asText(), again.toString());
            assertEquals(1, again.get("revision").asInt());
        }
        assertEquals(1, handler.job.results.highestRun(y).orElseThrow().revision());
        ScheduledRun marker = handler.job.results.scheduledRun(y, rankingAt).orElseThrow();
        assertEquals(ScheduledRun.Status.DONE, marker.status());
        assertEquals(1, marker.attempts());

        // the classic EventBridge "Scheduled Event" of the same moment is the same request
        ObjectNode classic = (ObjectNode) Fixtures.JSON.readTree(
                LambdaEvents.sampleJson("ranking/scheduled-event-classic.json"));
        classic.put("time", "2023-12-05T02:00:05Z");
        assertEquals("ALREADY_RANKED", outcomeOf(invoke(classic.toString()), y).get("outcome").asText());
    }

    @Test
    void simultaneousDuplicateDeliveriesRankTheCycleOnce() throws Exception {
        int y = 2028;
        cycleRankedAt(y, "ankang-2022", "2028-11-01T02:00:00+08:00");
        String a = fx.group("A", "CLOSE", "610913");
        fx.reviewed(y, a, "610913", "91");
        Instant at = Instant.parse("2028-10-31T18:00:00Z");
        List<String> outcomes = new ArrayList<>();
        for (JsonNode delivered : Fixtures.atOnce(6, () -> deliver(at))) {
            outcomes.add(outcomeOf(delivered, y).get("outcome").asText());
        }
        assertEquals(1, outcomes.stream().filter("CREATED"::equals).count(), outcomes.toString());
        assertTrue(outcomes.stream().allMatch(o -> o.equals("CREATED") || o.equals("ALREADY_RANKED")
                || o.equals("RUNNING_ELSEWHERE")), outcomes.toString());
        assertEquals(1, handler.job.results.highestRun(y).orElseThrow().revision());
        assertEquals(ScheduledRun.Status.DONE, handler.job.results.scheduledRun(y, at).orElseThrow().status());
    }

    @Test
    void aRankingAtMovedBeforeItFiredIsHonoured() throws Exception {
        int y = 2029;
        cycleRankedAt(y, "ankang-2022", "2029-11-01T02:00:00+08:00");
        String a = fx.group("A", "CLOSE", "610914");
        fx.reviewed(y, a, "610914", "78");
        // the city moves the ranking a week later before 1 November
        cycleRankedAt(y, "ankang-2022", "2029-11-08T02:00:00+08:00");
        assertEquals(null, outcomeOf(deliver(Instant.parse("2029-10-31T18:00:00Z")), y));
        assertTrue(handler.job.results.highestRun(y).isEmpty());
        JsonNode ranked = outcomeOf(deliver(Instant.parse("2029-11-07T18:00:00Z")), y);
        assertEquals("CREATED", ranked.get("outcome").asText());
        // a rankingAt more than the catch-up (7 days) behind the scheduled time is not the schedule's any more
        assertEquals(null, outcomeOf(deliver(Instant.parse("2029-11-16T18:00:00Z")), y));
    }

    @Test
    void aFailedRunFailsLoudlyAndIsRetriedByTheNextDeliveryUntilItRanks() throws Exception {
        int y = 2030;
        cycleRankedAt(y, "no-such-framework", "2030-11-01T02:00:00+08:00");
        String a = fx.group("A", "CLOSE", "610915");
        fx.reviewed(y, a, "610915", "88");
        Instant at = Instant.parse("2030-10-31T18:00:00Z");
        // rethrown, so Lambda retries it and then dead-letters the event
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> deliver(at));
        assertTrue(failed.getMessage().contains("2030"), failed.getMessage());
        assertEquals(ScheduledRun.Status.FAILED, handler.job.results.scheduledRun(y, at).orElseThrow().status());
        assertThrows(IllegalStateException.class, () -> deliver(at.plus(Duration.ofMinutes(15))));
        ScheduledRun twice = handler.job.results.scheduledRun(y, at).orElseThrow();
        assertEquals(2, twice.attempts());
        assertTrue(twice.error().contains("framework"), twice.error());

        // the city fixes the cycle: the next delivery ranks it, once
        cycleRankedAt(y, "ankang-2022", "2030-11-01T02:00:00+08:00");
        JsonNode ranked = outcomeOf(deliver(at.plus(Duration.ofMinutes(30))), y);
        assertEquals("CREATED", ranked.get("outcome").asText());
        assertEquals(3, ranked.get("attempt").asInt());
        assertEquals("ALREADY_RANKED", outcomeOf(deliver(at.plus(Duration.ofMinutes(45))), y).get("outcome").asText());
    }

    @Test
    void anOperatorsRerunOfOneYearRanksItNow() throws Exception {
        int y = 2024;
        fx.cycle(y);
        String a = fx.group("A", "TRUSTEESHIP", "610916");
        fx.reviewed(y, a, "610916", "83");
        JsonNode first = invoke("{\"trigger\":\"MANUAL\",\"year\":2024}");
        assertEquals("CREATED", first.get("status").asText(), first.toString());
        assertEquals(1, first.get("revision").asInt());
        assertEquals("UNCHANGED", invoke("{\"trigger\":\"MANUAL\",\"year\":\"2024\"}").get("status").asText());
    }

    @Test
    void theTemplatesScheduleFiresEveryQuarterHourAndItsFailuresAreAlarmed() {
        SamTemplate template = SamTemplate.load();
        SamTemplate.Function function = template.function("RankingScheduleFunction").orElseThrow();
        SamTemplate.Schedule schedule = function.schedules().get(0);
        assertEquals("Asia/Shanghai", schedule.timezone());
        assertEquals("rate(15 minutes)", schedule.expression());
        assertEquals(Duration.ofMinutes(15), LocalSchedules.rate(schedule.expression()).orElseThrow());

        // Scheduler's delivery failures and the function's own (after Lambda's retries) go to one queue ...
        Map<String, Object> events = SamTemplate.map(function.properties().get("Events"));
        Map<String, Object> dlq = SamTemplate.map(SamTemplate.map(SamTemplate.map(
                events.get(schedule.eventName())).get("Properties")).get("DeadLetterConfig"));
        Map<String, Object> onFailure = SamTemplate.map(SamTemplate.map(SamTemplate.map(
                function.properties().get("EventInvokeConfig")).get("DestinationConfig")).get("OnFailure"));
        Object queueArn = Map.of("Fn::GetAtt", List.of("RankingScheduleDeadLetterQueue", "Arn"));
        assertEquals(queueArn, dlq.get("Arn"));
        assertEquals(queueArn, onFailure.get("Destination"));
        // ... whose first message raises an alarm that notifies the operations topic
        Map<String, Object> alarm = SamTemplate.map(template.resources().get("RankingScheduleFailureAlarm")
                .get("Properties"));
        assertEquals("ApproximateNumberOfMessagesVisible", alarm.get("MetricName"));
        assertEquals(0, ((Number) alarm.get("Threshold")).intValue());
        assertEquals("GreaterThanThreshold", alarm.get("ComparisonOperator"));
        assertEquals(Map.of("Fn::GetAtt", List.of("RankingScheduleDeadLetterQueue", "QueueName")),
                SamTemplate.map(SamTemplate.list(alarm.get("Dimensions")).get(0)).get("Value"));
        assertEquals(List.of(Map.of("Ref", "OperationsAlarmTopic")), alarm.get("AlarmActions"));

        // the local stack delivers the same event: Scheduler's placeholder filled in with the time it fires
        String event = LocalSchedules.event(function, schedule, Instant.parse("1999-11-01T00:00:00Z"));
        assertTrue(event.contains("\"scheduledTime\":\"1999-11-01T00:00:00Z\""), event);
        String response = new LocalFunctions(template, Map.of()).invoke(function, event);
        assertTrue(response.contains("\"status\":\"NOTHING_TO_RANK\""), response);
    }

    @Test
    void aMalformedYearFailsLoudlySoTheDeliveryIsRetriedAndDeadLettered() {
        assertThrows(IllegalArgumentException.class, () -> invoke("{\"trigger\":\"SCHEDULE\",\"year\":\"last\"}"));
        assertThrows(RuntimeException.class, () -> invoke("{\"trigger\":\"SCHEDULE\",\"year\":1990}"));
    }
}
