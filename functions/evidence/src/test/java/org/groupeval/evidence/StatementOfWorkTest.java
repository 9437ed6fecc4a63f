package org.groupeval.evidence;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupeval.evidence.EvidenceFixture.World;
import org.groupeval.local.SampleEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.groupeval.evidence.EvidenceFixture.assertProblem;
import static org.groupeval.evidence.EvidenceFixture.body;
import static org.groupeval.evidence.EvidenceFixture.city;
import static org.groupeval.evidence.EvidenceFixture.declaration;
import static org.groupeval.evidence.EvidenceFixture.district;
import static org.groupeval.evidence.EvidenceFixture.pdf;
import static org.groupeval.evidence.EvidenceFixture.school;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The statement of work (附件2): PUT/GET with optimistic concurrency, validation, the CSV export. */
class StatementOfWorkTest {

    private static EvidenceFixture fx;

    @BeforeAll
    static void start() {
        fx = EvidenceFixture.get();
    }

    private static ObjectNode statement(Object[]... rows) {
        ObjectNode body = EvidenceFixture.JSON.createObjectNode();
        ArrayNode list = body.putArray("rows");
        for (Object[] r : rows) {
            ObjectNode row = list.addObject();
            row.put("number", (String) r[0]);
            row.put("description", (String) r[1]);
            row.put("indicatorId", (String) r[2]);
            ArrayNode ids = row.putArray("evidenceIds");
            for (int i = 3; i < r.length; i++) {
                ids.add((String) r[i]);
            }
        }
        return body;
    }

    private static SampleEvent put(World w, Map<String, String> claims, ObjectNode body) {
        return EvidenceFixture.event("put-statement.json", w, claims).bodyJson(body);
    }

    private static APIGatewayV2HTTPResponse get(World w, String file, Map<String, String> claims) {
        return fx.call(EvidenceFixture.event(file, w, claims));
    }

    private static String evidence(World w, String indicator, String title, String number) {
        ObjectNode body = declaration(indicator, title + ".pdf", "application/pdf", pdf(title));
        body.put("title", title);
        body.put("materialNumber", number);
        return fx.declared(w, body).get("evidenceId").asText();
    }

    @Test
    void theSchoolFilesItsStatementAndReadersSeeItWithAnETag() {
        World w = fx.world();
        String charter = evidence(w, "A01", "集团章程", "A01-01");
        APIGatewayV2HTTPResponse created = fx.call(put(w, school(w.core()), statement(
                new Object[] {"1", "修订集团章程,明确成员校权利义务", "A01", charter},
                new Object[] {"2", "制定三年发展规划", "A02"})));
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals("\"1\"", created.getHeaders().get("ETag"));
        for (Map<String, String> reader : List.of(school(w.core()), district(w.district()), city())) {
            APIGatewayV2HTTPResponse read = get(w, "get-statement.json", reader);
            assertEquals(200, read.getStatusCode(), read.getBody());
            JsonNode s = body(read);
            assertEquals(2, s.get("rows").size());
            assertEquals(charter, s.at("/rows/0/evidenceIds/0").asText());
            assertEquals("\"1\"", read.getHeaders().get("ETag"));
        }
        assertProblem(get(w, "get-statement.json", district("999999")), 403);
        assertProblem(fx.call(put(w, district(w.district()), statement())), 403);
    }

    @Test
    void replacingTheStatementNeedsTheCurrentETag() {
        World w = fx.world();
        assertEquals(201, fx.call(put(w, school(w.core()), statement(new Object[] {"1", "work", "A03"})))
                .getStatusCode());
        ObjectNode next = statement(new Object[] {"1", "more work", "A03"});
        APIGatewayV2HTTPResponse missing = fx.call(put(w, school(w.core()), next));
        assertProblem(missing, 428);
        assertProblem(fx.call(put(w, school(w.core()), next).header("If-Match", "\"7\"")), 412);
        APIGatewayV2HTTPResponse updated = fx.call(put(w, school(w.core()), next).header("If-Match", "\"1\""));
        assertEquals(200, updated.getStatusCode(), updated.getBody());
        assertEquals("\"2\"", updated.getHeaders().get("ETag"));
        assertProblem(fx.call(put(w, school(w.core()), next).header("If-Match", "\"1\"")), 412);
        assertEquals("more work", body(get(w, "get-statement.json", city())).at("/rows/0/description").asText());
    }

    @Test
    void anEvidenceIdThatCannotBeOneIsRefusedWithItsPointerBeforeAnythingIsLookedUp() {
        World w = fx.world();
        String a01 = evidence(w, "A01", "章程", "A01-01");
        APIGatewayV2HTTPResponse response = fx.call(put(w, school(w.core()), statement(
                new Object[] {"1", "章程", "A01", "a".repeat(10_000), a01, "ev-short"})));
        assertProblem(response, 400);
        List<String> pointers = new java.util.ArrayList<>();
        body(response).get("errors").forEach(e -> pointers.add(e.get("pointer").asText()));
        assertEquals(List.of("/rows/0/evidenceIds/0", "/rows/0/evidenceIds/2"), pointers);
        assertTrue(body(response).at("/errors/0/message").asText().contains("10,000 characters"),
                body(response).toString());
    }

    @Test
    void aStatementTakesOnlyItsOwnMembers() {
        World w = fx.world();
        ObjectNode body = statement(new Object[] {"1", "章程", "A01"});
        body.put("signedBy", "校长");
        ((ObjectNode) body.at("/rows/0")).put("hours", 12);
        APIGatewayV2HTTPResponse response = fx.call(put(w, school(w.core()), body));
        assertProblem(response, 400);
        List<String> pointers = new java.util.ArrayList<>();
        body(response).get("errors").forEach(e -> pointers.add(e.get("pointer").asText()));
        assertEquals(List.of("/rows/0/hours", "/signedBy"), pointers);
    }

    @Test
    void rowsMustCiteLiveEvidenceOfTheirIndicatorAndEveryMistakeIsNamed() {
        World w = fx.world();
        String a01 = evidence(w, "A01", "章程", "A01-01");
        String withdrawn = evidence(w, "A01", "旧章程", "A01-02");
        assertEquals(204, fx.withdraw(w, withdrawn, school(w.core())).getStatusCode());
        World other = fx.world();
        String foreign = evidence(other, "A01", "别人的章程", "A01-01");
        APIGatewayV2HTTPResponse response = fx.call(put(w, school(w.core()), statement(
                new Object[] {"1", "章程", "A02", a01},
                new Object[] {"1", "", "Z99", withdrawn, foreign})));
        assertProblem(response, 400);
        List<String> pointers = new java.util.ArrayList<>();
        body(response).get("errors").forEach(e -> pointers.add(e.get("pointer").asText()));
        assertEquals(List.of("/rows/0/evidenceIds/0", "/rows/1/number", "/rows/1/description", "/rows/1/indicatorId",
                "/rows/1/evidenceIds/0", "/rows/1/evidenceIds/1"), pointers);
        assertProblem(get(w, "get-statement.json", school(w.core())), 404);
    }

    @Test
    void aLongStatementIsReadBeyondTheGeneralBodyLimitAndRefusedOnlyPastItsOwn() {
        World w = fx.world();
        Object[][] rows = new Object[90][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Object[] {String.valueOf(i + 1), "开展集团内教研活动".repeat(100), "A01"};
        }
        ObjectNode body = statement(rows);
        // about 245 KB of UTF-8: more than the 64 KiB other routes read, within the statement's 300,000 bytes
        assertTrue(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 200_000);
        APIGatewayV2HTTPResponse created = fx.call(put(w, school(w.core()), body));
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals(90, body(get(w, "get-statement.json", city())).get("rows").size());
        Object[][] more = java.util.Arrays.copyOf(rows, 120);
        for (int i = rows.length; i < more.length; i++) {
            more[i] = new Object[] {String.valueOf(i + 1), "开展集团内教研活动".repeat(100), "A01"};
        }
        APIGatewayV2HTTPResponse tooLong = fx.call(put(w, school(w.core()), statement(more)).header("If-Match", "\"1\""));
        assertProblem(tooLong, 400);
        assertTrue(body(tooLong).at("/errors/0/message").asText().startsWith("the statement is too large"),
                tooLong.getBody());
    }

    @Test
    void theStatementIsLockedOnceTheSelfAssessmentIsSubmitted() {
        World w = fx.world();
        fx.selfSheet(w, "SUBMITTED");
        APIGatewayV2HTTPResponse response = fx.call(put(w, school(w.core()), statement(new Object[] {"1", "x", "A01"})));
        assertProblem(response, 409);
        assertEquals("urn:groupeval:problem:self-assessment-submitted", body(response).get("type").asText());
    }

    @Test
    void theCsvExportOpensInExcelWithChineseHeaders() {
        World w = fx.world();
        String charter = evidence(w, "A01", "集团章程", "A01-01");
        String rules = evidence(w, "A01", "管理制度汇编", "A01-02");
        assertEquals(201, fx.call(put(w, school(w.core()), statement(
                new Object[] {"1", "修订章程, 并经理事会\"审议\"通过", "A01", charter, rules},
                new Object[] {"2", "=HYPERLINK(\"http://evil\")", "A02"}))).getStatusCode());
        APIGatewayV2HTTPResponse csv = get(w, "get-statement-csv.json", city());
        assertEquals(200, csv.getStatusCode(), csv.getBody());
        assertEquals("text/csv; charset=utf-8", csv.getHeaders().get("Content-Type"));
        assertEquals("attachment; filename=\"statement-" + w.groupId() + "-" + w.year() + ".csv\"",
                csv.getHeaders().get("Content-Disposition"));
        String text = csv.getBody();
        assertTrue(text.startsWith("\uFEFF序号,工作内容描述,支撑指标编号,支撑指标,印证材料名称,印证材料编号,材料ID\r\n"), text);
        assertTrue(text.contains("1,\"修订章程, 并经理事会\"\"审议\"\"通过\",A01,集团章程与管理制度,\"集团章程\n管理制度汇编\","
                + "\"A01-01\nA01-02\",\"" + charter + "\n" + rules + "\"\r\n"), text);
        assertTrue(text.contains("2,\"'=HYPERLINK(\"\"http://evil\"\")\",A02,"), "formulas are defused: " + text);
        assertProblem(get(w, "get-statement-csv.json", school("NOBODY1")), 403);
    }
}
