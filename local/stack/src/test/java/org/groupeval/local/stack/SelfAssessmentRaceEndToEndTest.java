package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The self-assessment submission racing a withdrawal and a statement change of the same group, over HTTP through the
 * local stack (the scoring and the evidence function), round after round. Submitting locks evidence and statement, so
 * whatever the timing, each change is either part of what was submitted (it was written first) or refused with 409
 * {@code self-assessment-submitted}; it is never written after the submission.
 *
 * <p>"After" is observed, not guessed: while the requests run, the group's sheet, evidence record and statement are
 * read again and again in one {@code TransactGetItems} (a serializable snapshot). Every snapshot that shows the sheet
 * submitted must already show the state the round ends with; a change written after the submission would be missing
 * from such a snapshot.
 */
class SelfAssessmentRaceEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int YEAR = 2099;
    private static final int ROUNDS = 30;
    private static final String SUBMITTED_TYPE = "urn:groupeval:problem:self-assessment-submitted";

    @RegisterExtension
    static final StackClient client = new StackClient();

    /** A cycle of its own, far enough ahead that its default deadlines (31 Aug, …, of that year) are open. */
    @BeforeAll
    static void openCycle() throws Exception {
        expect(client.send("POST", "/cycles", client.token("role=CITY&sub=race-city"),
                "{\"year\": " + YEAR + ", \"frameworkId\": \"ankang-2022\"}"), 201);
    }

    /** What one snapshot of the group held: the self sheet's status, the evidence's status, the statement's version. */
    private record Snapshot(String sheet, String evidence, long statement) {
    }

    @Test
    void aChangeRacingTheSubmissionIsEitherPartOfItOrRefused() throws Exception {
        int withdrawalsFirst = 0;
        int statementsFirst = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String core = "RACE" + round + "X" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
            String school = client.token("role=SCHOOL&school=" + core + "&sub=race-" + core);
            String groupId = expect(client.send("POST", "/groups", school, "{\"name\":\"竞态测试教育集团" + round
                    + "\",\"type\":\"CLOSE\",\"district\":\"610902\",\"coreSchool\":{\"code\":\"" + core
                    + "\",\"name\":\"核心校\"},\"memberSchools\":[{\"code\":\"" + core + "M\",\"name\":\"成员校\"}]}"),
                    201).get("groupId").asText();
            String base = "/groups/" + groupId + "/cycles/" + YEAR;
            expect(client.send("PUT", base + "/sheets/self", school,
                    DemoCity.sheet(new BigDecimal("85"), 2, null, null).toString()), 201);
            String evidenceId = declare(base, school);
            expect(client.send("PUT", base + "/statement", school, statement("修订集团章程", evidenceId)), 201);

            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                Future<HttpResponse<String>> submit = pool.submit(() -> {
                    start.await();
                    return client.send("POST", base + "/sheets/self/submit", school, null);
                });
                Future<HttpResponse<String>> withdraw = pool.submit(() -> {
                    start.await();
                    return client.send("DELETE", base + "/evidence/" + evidenceId, school, null);
                });
                Future<HttpResponse<String>> restate = pool.submit(() -> {
                    start.await();
                    return client.send("PUT", base + "/statement", school, statement("制定三年发展规划", null),
                            "If-Match", "\"1\"");
                });
                start.countDown();
                List<Snapshot> submittedSeen = new ArrayList<>();
                while (!(submit.isDone() && withdraw.isDone() && restate.isDone())) {
                    Snapshot s = snapshot(groupId, evidenceId);
                    if (s.sheet().equals("SUBMITTED")) {
                        submittedSeen.add(s);
                    }
                }
                Snapshot last = snapshot(groupId, evidenceId);
                String where = "round " + round + ", group " + groupId;

                assertEquals(200, submit.get().statusCode(), where + ": " + submit.get().body());
                assertEquals("SUBMITTED", last.sheet(), where);
                HttpResponse<String> w = withdraw.get();
                if (w.statusCode() == 204) {
                    withdrawalsFirst++;
                    assertEquals("WITHDRAWN", last.evidence(), where);
                } else {
                    assertLocked(w, where);
                    assertTrue(!last.evidence().equals("WITHDRAWN"), where + ": refused, yet withdrawn");
                }
                HttpResponse<String> r = restate.get();
                if (r.statusCode() == 200) {
                    statementsFirst++;
                    assertEquals(2, last.statement(), where);
                } else {
                    assertLocked(r, where);
                    assertEquals(1, last.statement(), where + ": refused, yet changed");
                }
                for (Snapshot seen : submittedSeen) {
                    assertEquals(last, seen, where + ": a change was written after the submission was seen");
                }

                // and from now on every change is refused
                assertLocked(client.send("PUT", base + "/statement", school, statement("补充说明", null),
                        "If-Match", "\"" + last.statement() + "\""), where);
                if (!last.evidence().equals("WITHDRAWN")) {
                    assertLocked(client.send("DELETE", base + "/evidence/" + evidenceId, school, null), where);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        System.out.printf("%d rounds: the withdrawal came first in %d, the statement change in %d; every other "
                + "change was refused%n", ROUNDS, withdrawalsFirst, statementsFirst);
    }

    private static void assertLocked(HttpResponse<String> response, String where) throws Exception {
        assertEquals(409, response.statusCode(), where + ": " + response.body());
        assertEquals(SUBMITTED_TYPE, JSON.readTree(response.body()).get("type").asText(), where);
    }

    private static Snapshot snapshot(String groupId, String evidenceId) {
        DynamoDbClient dynamo = client.stack().dynamo().client();
        String pk = "CYCLE#" + YEAR + "#GROUP#" + groupId;
        List<ItemResponse> items = dynamo.transactGetItems(t -> t.transactItems(
                get("ReviewTable", pk, "SHEET#self"), get("EvidenceTable", pk, "EVIDENCE#" + evidenceId),
                get("EvidenceTable", pk, "STATEMENT"))).responses();
        return new Snapshot(items.get(0).item().get("status").s(), items.get(1).item().get("status").s(),
                Long.parseLong(items.get(2).item().get("version").n()));
    }

    private static TransactGetItem get(String table, String pk, String sk) {
        return TransactGetItem.builder().get(g -> g.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk),
                "sk", AttributeValue.fromS(sk)))).build();
    }

    private static String declare(String base, String school) throws Exception {
        byte[] file = ("%PDF-1.7\n% " + base + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        return expect(client.send("POST", base + "/evidence", school, "{\"indicatorId\":\"A01\",\"title\":\"集团章程\","
                + "\"materialNumber\":\"A01-01\",\"fileName\":\"章程.pdf\",\"contentType\":\"application/pdf\","
                + "\"size\":" + file.length + ",\"sha256\":\"" + sha + "\"}"), 201).get("evidenceId").asText();
    }

    private static String statement(String description, String evidenceId) {
        return "{\"rows\":[{\"number\":\"1\",\"description\":\"" + description + "\",\"indicatorId\":\"A01\","
                + "\"evidenceIds\":[" + (evidenceId == null ? "" : "\"" + evidenceId + "\"") + "]}]}";
    }

    private static JsonNode expect(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
