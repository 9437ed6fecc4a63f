package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The local stack fires the template's ranking schedule as EventBridge Scheduler does: the same handler, the same
 * event with the scheduled time filled in. A cycle created through the API is ranked at its own rankingAt, once.
 */
class ScheduleEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final StackClient client = new StackClient();

    static JsonNode fire(String scheduledTime) throws Exception {
        HttpResponse<String> r = client.send("POST", "/_local/schedules/RankingSchedule?scheduledTime="
                + scheduledTime.replace("+", "%2B"), null, null);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void aCycleIsRankedByTheScheduleAtItsOwnRankingAtOnce() throws Exception {
        String city = client.token("role=CITY");
        HttpResponse<String> created = client.send("POST", "/cycles", city, "{\"year\": 2031, \"frameworkId\": "
                + "\"ankang-2022\", \"deadlines\": {\"city\": \"2031-11-20T23:59:59+08:00\"}, "
                + "\"rankingAt\": \"2031-11-21T09:30:00+08:00\"}");
        assertEquals(201, created.statusCode(), created.body());

        JsonNode early = fire("2031-11-21T09:15:00+08:00");
        assertEquals("RankingScheduleFunction", early.get("function").asText());
        assertEquals("NOTHING_TO_RANK", early.get("result").get("status").asText(), early.toString());

        JsonNode due = fire("2031-11-21T09:30:00+08:00");
        assertEquals("2031-11-21T01:30:00Z", due.get("scheduledTime").asText());
        JsonNode cycle = due.get("result").get("cycles").get(0);
        assertEquals(2031, cycle.get("year").asInt());
        assertEquals("CREATED", cycle.get("outcome").asText(), due.toString());
        assertEquals("ALREADY_RANKED", fire("2031-11-21T09:45:00+08:00").get("result").get("cycles").get(0)
                .get("outcome").asText());

        HttpResponse<String> latest = client.send("GET", "/cycles/2031/rankings/latest", city, null);
        assertEquals(200, latest.statusCode(), latest.body());
        assertEquals(1, JSON.readTree(latest.body()).get("revision").asInt());
        assertEquals("SCHEDULE", JSON.readTree(latest.body()).get("trigger").asText());
    }

    @Test
    void aScheduledTimeThatIsNotATimeIs400() throws Exception {
        HttpResponse<String> r = client.send("POST", "/_local/schedules/RankingSchedule?scheduledTime=tomorrow",
                null, null);
        assertEquals(400, r.statusCode(), r.body());
    }
}
