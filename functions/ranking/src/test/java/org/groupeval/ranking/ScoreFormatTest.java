package org.groupeval.ranking;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.groupeval.local.LocalAws;
import org.groupeval.local.SampleEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.groupeval.ranking.Fixtures.body;
import static org.groupeval.ranking.Fixtures.city;
import static org.groupeval.ranking.RankingHandlerTest.assertStatus;
import static org.groupeval.ranking.RankingHandlerTest.call;
import static org.groupeval.ranking.RankingHandlerTest.list;
import static org.groupeval.ranking.RankingHandlerTest.publish;
import static org.groupeval.ranking.RankingHandlerTest.result;
import static org.groupeval.ranking.RankingHandlerTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every score the ranking shows has two decimals, as the sheets' do: results, the run's cutoffs and ties, the
 * group history, explanations and the CSV. The raw JSON text is checked (a parsed number would hide "98" vs 98.00).
 */
class ScoreFormatTest {

    private static final Instant REGISTERED = Instant.parse("2000-01-01T00:00:00Z");
    private static Fixtures fx;

    @BeforeAll
    static void start() {
        LocalAws.start();
        RankingHandlerTest.handler();
        fx = new Fixtures();
    }

    static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "expected " + part + " in " + text);
    }

    @Test
    void resultsRunsExplanationsAndTheCsvShowEveryScoreWithTwoDecimals() {
        int y = 2000;
        fx.cycle(y, Map.of("ratio", 0.5, "scope", "PER_GRADE", "tiePolicy", "BREAK_BY_CATEGORIES",
                        "tieBreakCategories", List.of("teaching")),
                Map.of("self", "2000-08-31T23:59:59+08:00", "district", "2000-09-30T23:59:59+08:00",
                        "city", "2000-10-31T23:59:59+08:00"), "2000-11-01T02:00:00+08:00");
        String a = fx.group("甲", "INTEGRATED", "610917", REGISTERED);
        String b = fx.group("乙", "CLOSE", "610917", REGISTERED);
        String c = fx.group("丙", "CLOSE", "610917", REGISTERED);
        String d = fx.group("丁", "CLOSE", "610917", REGISTERED);
        fx.reviewed(y, a, "610917", "98");
        fx.reviewed(y, b, "610917", "90.5");
        // two GOOD groups tied at 85 for one award place, broken by a category subtotal stored as 30
        for (String g : List.of(c, d)) {
            fx.sheet(y, g, "610917", "district", "85", true, false, false, true, Map.of());
            fx.sheet(y, g, "610917", "city", "85", true, false, false, false,
                    Map.of("teaching", g.equals(c) ? "30" : "29.5"));
        }
        APIGatewayV2HTTPResponse ran = run(y);
        assertStatus(201, ran);
        assertContains(ran.getBody(), "\"cutoffs\":{\"EXCELLENT\":98.00,\"GOOD\":85.00}");
        assertContains(ran.getBody(), "\"cutoffScore\":85.00");
        assertContains(ran.getBody(), "\"tiedScore\":85.00");
        assertContains(ran.getBody(), "\"score\":85.00");

        String listed = list(y, city()).getBody();
        assertContains(listed, "\"score\":98.00");
        assertContains(listed, "\"score\":90.50");
        assertContains(listed, "\"cutoffScore\":98.00");
        String one = result(y, a, city()).getBody();
        assertContains(one, "\"score\":98.00");
        assertContains(one, "98.00 from the city's final review");
        assertContains(one, "90.00 ≤ score");
        String tied = result(y, c, city()).getBody();
        assertContains(tied, "2 groups tied at 85.00");
        assertContains(tied, "teaching 30.00");

        assertStatus(200, publish(y, 1));
        String history = call(SampleEvent.of("ranking/group-result-history.json").path("groupId", b)
                .claims(city())).getBody();
        assertContains(history, "\"score\":90.50");

        String csv = call(SampleEvent.of("ranking/export-results.json").path("year", Integer.toString(y))
                .claims(city())).getBody();
        assertContains(csv, ",98.00,");
        assertContains(csv, ",90.50,");
        assertEquals(98, body(list(y, city())).get("items").get(0).get("score").asInt());
    }
}
