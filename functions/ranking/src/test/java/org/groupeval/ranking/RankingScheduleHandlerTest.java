package org.groupeval.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupeval.local.LambdaEvents;
import org.groupeval.local.LocalAws;
import org.groupeval.local.LocalContext;
import org.groupeval.local.LocalFunctions;
import org.groupeval.local.SamTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduled path, fed the payloads EventBridge delivers (events/ranking/scheduled-*.json): Scheduler's Input
 * as template.yaml declares it, and a classic "Scheduled Event".
 */
class RankingScheduleHandlerTest {

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

    @Test
    void theSchedulerPayloadRanksTheCycleWhoseCityDeadlinePassedAndARepeatedDeliveryChangesNothing() throws Exception {
        int y = 2024;
        fx.cycle(y);
        String a = fx.group("A", "TRUSTEESHIP", "610912");
        fx.reviewed(y, a, "610912", "83");
        ObjectNode event = (ObjectNode) Fixtures.JSON.readTree(LambdaEvents.sampleJson("ranking/scheduled-ranking.json"));
        event.put("scheduledTime", "2024-10-31T18:00:00Z");   // 1 November 02:00 Beijing time
        JsonNode first = invoke(event.toString());
        assertEquals("CREATED", first.get("status").asText(), first.toString());
        assertEquals(y, first.get("year").asInt());
        assertEquals(1, first.get("revision").asInt());
        JsonNode again = invoke(event.toString());
        assertEquals("UNCHANGED", again.get("status").asText());
        assertEquals(1, again.get("revision").asInt());
        assertEquals("SCHEDULE", handler.job.results.run(y, 1).orElseThrow().trigger());

        // the classic EventBridge "Scheduled Event" of the same night is the same request
        ObjectNode classic = (ObjectNode) Fixtures.JSON.readTree(
                LambdaEvents.sampleJson("ranking/scheduled-event-classic.json"));
        classic.put("time", "2024-10-31T18:00:05Z");
        JsonNode viaClassic = invoke(classic.toString());
        assertEquals("UNCHANGED", viaClassic.get("status").asText());
        assertEquals(y, viaClassic.get("year").asInt());
    }

    @Test
    void theTemplatesScheduleInputReachesTheHandlerAsTheLocalStackDeliversIt() {
        SamTemplate template = SamTemplate.load();
        SamTemplate.Function function = template.function("RankingScheduleFunction").orElseThrow();
        SamTemplate.Schedule schedule = function.schedules().get(0);
        assertEquals("Asia/Shanghai", schedule.timezone());
        assertEquals("cron(0 2 1 11 ? *)", schedule.expression());
        // locally Scheduler's placeholder stays unfilled: the handler falls back to its clock and ranks the cycle
        // whose city deadline passed most recently (whatever other tests left behind, a known year or nothing)
        String response = new LocalFunctions(template, Map.of()).invoke(function, schedule.input());
        assertTrue(response.contains("\"status\""), response);
    }

    @Test
    void beforeAnyCityDeadlineThereIsNothingToRank() throws Exception {
        JsonNode response = invoke("{\"trigger\":\"SCHEDULE\",\"year\":\"auto\",\"scheduledTime\":\"1999-11-01T00:00:00Z\"}");
        assertEquals("NOTHING_TO_RANK", response.get("status").asText());
    }

    @Test
    void aMalformedYearFailsLoudlySoSchedulerRetriesAndDeadLettersIt() {
        assertThrows(IllegalArgumentException.class, () -> invoke("{\"trigger\":\"SCHEDULE\",\"year\":\"last\"}"));
        assertThrows(RuntimeException.class, () -> invoke("{\"trigger\":\"SCHEDULE\",\"year\":1990}"));
    }
}
