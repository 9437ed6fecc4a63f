package org.groupeval.evidence;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.groupeval.domain.evidence.StatementXlsx;
import org.groupeval.evidence.EvidenceFixture.World;
import org.groupeval.local.SampleEvent;
import org.groupeval.local.SampleXlsx;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.groupeval.evidence.EvidenceFixture.body;
import static org.groupeval.evidence.EvidenceFixture.city;
import static org.groupeval.evidence.EvidenceFixture.declaration;
import static org.groupeval.evidence.EvidenceFixture.pdf;
import static org.groupeval.evidence.EvidenceFixture.school;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The statement of work on the 附件2 form: exported as .xlsx, read back from it, with the statement's rules and locks. */
class StatementXlsxTest {

    private static EvidenceFixture fx;

    @BeforeAll
    static void start() {
        fx = EvidenceFixture.get();
    }

    private static String evidence(World w, String indicator, String title, String number) {
        ObjectNode body = declaration(indicator, title + ".pdf", "application/pdf", pdf(title));
        body.put("title", title);
        body.put("materialNumber", number);
        return fx.declared(w, body).get("evidenceId").asText();
    }

    private static ObjectNode statement(Object[]... rows) {
        ObjectNode body = EvidenceFixture.JSON.createObjectNode();
        ArrayNode list = body.putArray("rows");
        for (Object[] r : rows) {
            ObjectNode row = list.addObject().put("number", (String) r[0]).put("description", (String) r[1])
                    .put("indicatorId", (String) r[2]);
            ArrayNode ids = row.putArray("evidenceIds");
            for (int i = 3; i < r.length; i++) {
                ids.add((String) r[i]);
            }
        }
        return body;
    }

    private static byte[] exported(World w) {
        APIGatewayV2HTTPResponse xlsx = fx.call(EvidenceFixture.event("get-statement-xlsx.json", w, city()));
        assertEquals(200, xlsx.getStatusCode(), xlsx.getBody());
        assertTrue(xlsx.getIsBase64Encoded());
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                xlsx.getHeaders().get("Content-Type"));
        return Base64.getDecoder().decode(xlsx.getBody());
    }

    private static SampleEvent upload(World w, byte[] xlsx, Map<String, String> claims) {
        return EvidenceFixture.event("put-statement-xlsx.json", w, claims).bodyBytes(xlsx);
    }

    private static List<List<String>> form(List<String>... rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(StatementXlsx.LAYOUT.headers());
        all.addAll(List.of(rows));
        return all;
    }

    @Test
    void theExportIsThe附件2FormAndReadsBackUnchanged() throws Exception {
        World w = fx.world();
        String charter = evidence(w, "A01", "集团章程", "A01-01");
        String rules = evidence(w, "A01", "管理制度汇编", "A01-02");
        APIGatewayV2HTTPResponse saved = fx.call(EvidenceFixture.event("put-statement.json", w, school(w.core()))
                .bodyJson(statement(new Object[] {"1", "修订章程,经理事会审议通过", "A01", charter, rules},
                        new Object[] {"2", "=HYPERLINK(\"http://evil\")", "A02"},
                        new Object[] {"3", "@SUM(1,2) +1 -1", "A02"})));
        assertEquals(201, saved.getStatusCode(), saved.getBody());
        byte[] xlsx = exported(w);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertEquals(List.of("附件2"), sheets.stream().map(Sheet::getName).toList());
            List<Row> rows = sheets.get(0).read();
            assertTrue(rows.get(0).getCellText(0).endsWith(w.year() + "年工作推进情况统计表"), rows.get(0).toString());
            assertEquals(List.of("序号", "集团工作推进情况", "指标类别", "印证材料名称及编号", "材料ID"),
                    rows.get(1).stream().map(c -> c.getRawValue()).toList());
            assertEquals("A01 集团章程与管理制度", rows.get(2).getCellText(2));
            assertEquals("集团章程（A01-01）\n管理制度汇编（A01-02）", rows.get(2).getCellText(3));
            assertEquals(charter + "\n" + rules, rows.get(2).getCellText(4));
            // text that looks like a formula is a string cell, shown as typed and never computed
            assertEquals(CellType.STRING, rows.get(3).getCell(1).getType());
            assertNull(rows.get(3).getCell(1).getFormula());
            assertEquals("=HYPERLINK(\"http://evil\")", rows.get(3).getCellText(1));
            assertEquals(CellType.STRING, rows.get(4).getCell(1).getType());
        }
        // read back as it was written: the same rows, a new version
        APIGatewayV2HTTPResponse back = fx.call(upload(w, xlsx, school(w.core())).header("If-Match", "\"1\""));
        assertEquals(200, back.getStatusCode(), back.getBody());
        JsonNode statement = body(back);
        assertEquals(2, statement.get("version").asInt());
        assertEquals(body(saved).get("rows"), statement.get("rows"));
    }

    @Test
    void aFilledInFormIsSavedWithIfMatchAsTheStatementIs() {
        World w = fx.world();
        String charter = evidence(w, "A01", "集团章程", "A01-01");
        byte[] first = SampleXlsx.sheet("附件2", 2, form(List.of("1", "修订章程", "A01", "", charter)));
        APIGatewayV2HTTPResponse created = fx.call(upload(w, first, school(w.core())));
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals(charter, body(created).at("/rows/0/evidenceIds/0").asText());
        // the statement exists: If-Match is required (428), a stale one refused (412)
        byte[] second = SampleXlsx.sheet("附件2", 2, form(List.of("1", "修订章程并公布", "A01 集团章程与管理制度")));
        assertEquals(428, fx.call(upload(w, second, school(w.core()))).getStatusCode());
        assertEquals(412, fx.call(upload(w, second, school(w.core())).header("If-Match", "\"7\"")).getStatusCode());
        assertEquals(200, fx.call(upload(w, second, school(w.core())).header("If-Match", "\"1\"")).getStatusCode());
        // only the core school files it
        assertEquals(403, fx.call(upload(w, second, city()).header("If-Match", "\"2\"")).getStatusCode());
    }

    @Test
    void invalidRowsAreNamedByRowAndColumnAndNothingIsSaved() {
        World w = fx.world();
        byte[] bad = SampleXlsx.sheet("附件2", 2, form(List.of("1", "修订章程", "Z99"),
                List.of("1", "", "A02", "", "ev-01jd0a6k3m9v2x7c5b8n4q1r6t")));
        APIGatewayV2HTTPResponse response = fx.call(upload(w, bad, school(w.core())));
        assertEquals(400, response.getStatusCode(), response.getBody());
        Map<String, JsonNode> errors = new java.util.HashMap<>();
        body(response).get("errors").forEach(e -> errors.put(e.get("pointer").asText(), e));
        assertEquals("C", errors.get("/rows/0/indicatorId").get("column").asText());
        assertEquals(3, errors.get("/rows/0/indicatorId").get("row").asInt());
        assertEquals(4, errors.get("/rows/1/number").get("row").asInt());
        assertEquals("B", errors.get("/rows/1/description").get("column").asText());
        assertEquals("E", errors.get("/rows/1/evidenceIds").get("column").asText());
        assertEquals(404, fx.call(EvidenceFixture.event("get-statement.json", w, city())).getStatusCode());
        // a formula and a merged cell are refused with their cells too
        byte[] formula = SampleXlsx.sheet("附件2", 2, form(List.of("1", "x", "A01")),
                sheet -> sheet.formula(2, 1, "CONCATENATE(\"修订\",\"章程\")"));
        JsonNode f = body(fx.call(upload(w, formula, school(w.core()))));
        assertEquals("/rows/0/description", f.at("/errors/0/pointer").asText(), f.toString());
        byte[] merged = SampleXlsx.sheet("附件2", 2, form(List.of("1", "x", "A01"), List.of("2", "y", "A01")),
                sheet -> sheet.range(2, 1, 3, 1).merge());
        assertTrue(body(fx.call(upload(w, merged, school(w.core())))).at("/errors/0/message").asText()
                .contains("merged"));
        assertTrue(body(fx.call(upload(w, SampleXlsx.withMacros(formula), school(w.core())))).get("detail")
                .asText().contains("macro"));
        assertEquals(404, fx.call(EvidenceFixture.event("get-statement.json", w, city())).getStatusCode());
    }

    @Test
    void theFormIsRefusedOnceTheSelfAssessmentIsSubmitted() {
        World w = fx.world();
        fx.selfSheet(w, "SUBMITTED");
        byte[] form = SampleXlsx.sheet("附件2", 2, form(List.of("1", "修订章程", "A01")));
        APIGatewayV2HTTPResponse response = fx.call(upload(w, form, school(w.core())));
        assertEquals(409, response.getStatusCode(), response.getBody());
        assertEquals("urn:groupeval:problem:self-assessment-submitted", body(response).get("type").asText());
        assertFalse(fx.call(EvidenceFixture.event("get-statement.json", w, city())).getStatusCode() == 200);
    }
}
