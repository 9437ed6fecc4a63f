package org.groupeval.registration;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;
import org.groupeval.domain.group.GroupImport;
import org.groupeval.local.LambdaEvents;
import org.groupeval.local.LocalContext;
import org.groupeval.local.SampleEvent;
import org.groupeval.local.SampleXlsx;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.groupeval.registration.RegistrationHandlerTest.body;
import static org.groupeval.registration.RegistrationHandlerTest.city;
import static org.groupeval.registration.RegistrationHandlerTest.district;
import static org.groupeval.registration.RegistrationHandlerTest.school;
import static org.groupeval.registration.RegistrationHandlerTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Groups registered from a spreadsheet (POST /groups/import), its template, and every kind of bad spreadsheet: each
 * refused with the cell to fix, and nothing of the file written.
 */
class GroupImportTest {

    private static RegistrationHandler handler;

    @BeforeAll
    static void start() {
        RegistrationHandlerTest.start();
        handler = new RegistrationHandler();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    static APIGatewayV2HTTPResponse upload(byte[] xlsx, Map<String, String> claims) {
        return call(SampleEvent.of("registration/import-groups.json").claims(claims).header("Idempotency-Key", null)
                .bodyBytes(xlsx));
    }

    static APIGatewayV2HTTPResponse call(SampleEvent event) {
        return LambdaEvents.httpCall(handler, event.json(), LocalContext.of("test", "Registration"));
    }

    /** A row of the template's columns for a group of core school {@code p}C and members {@code p}M1, {@code p}M2. */
    static List<String> row(String p) {
        return new ArrayList<>(List.of("导入测试集团 " + p, "托管型", "610902", p + "C", "核心校 " + p,
                p + "M1 成员一校\n" + p + "M2 成员二校", "王老师", "0915-1234567", "office@example.org"));
    }

    static byte[] file(List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(GroupImport.LAYOUT.headers());
        all.addAll(rows);
        return SampleXlsx.sheet(GroupImport.SHEET, 1, all);
    }

    static JsonNode refused(APIGatewayV2HTTPResponse response, int status) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertTrue(response.getHeaders().get("Content-Type").startsWith("application/problem+json"));
        return body(response);
    }

    /** The error of the cell, by its pointer. */
    static JsonNode error(JsonNode problem, String pointer) {
        for (JsonNode e : problem.path("errors")) {
            if (e.get("pointer").asText().equals(pointer)) {
                return e;
            }
        }
        throw new AssertionError("no error at " + pointer + ": " + problem);
    }

    static boolean claimed(String school) {
        return RegistrationHandlerTest.groupOfSchool(school).isPresent();
    }

    // ---- the good import -----------------------------------------------------------------------------------------

    @Test
    void manyRowsAreAllRegisteredWithTheIdOfEachRow() {
        List<String> prefixes = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String p = unique();
            prefixes.add(p);
            rows.add(row(p));
        }
        APIGatewayV2HTTPResponse response = upload(file(rows), city());
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode answer = body(response);
        assertEquals(120, answer.get("created").asInt());
        for (int i = 0; i < 120; i++) {
            JsonNode r = answer.get("rows").get(i);
            assertEquals(i + 2, r.get("row").asInt());
            assertEquals(prefixes.get(i) + "C", r.get("coreSchool").asText());
            String id = r.get("groupId").asText();
            assertEquals(id, RegistrationHandlerTest.groupOfSchool(prefixes.get(i) + "M2").orElseThrow());
        }
        // a registered group as POST /groups registers one: read back with its members and contact
        JsonNode first = body(RegistrationHandlerTest.call(SampleEvent.of("registration/get-group.json")
                .path("groupId", answer.at("/rows/0/groupId").asText()).claims(city())));
        assertEquals("TRUSTEESHIP", first.get("type").asText());
        assertEquals(List.of(prefixes.get(0) + "M1", prefixes.get(0) + "M2"), List.of(
                first.at("/memberSchools/0/code").asText(), first.at("/memberSchools/1/code").asText()));
        assertEquals("成员二校", first.at("/memberSchools/1/name").asText());
        assertEquals("0915-1234567", first.at("/contact/phone").asText());
    }

    @Test
    void theIdempotencyKeyAnswersTheFirstImportAgain() {
        String p = unique();
        byte[] xlsx = file(List.of(row(p)));
        SampleEvent event = SampleEvent.of("registration/import-groups.json").claims(city())
                .header("Idempotency-Key", "import-" + p).bodyBytes(xlsx);
        APIGatewayV2HTTPResponse first = call(event);
        assertEquals(201, first.getStatusCode(), first.getBody());
        APIGatewayV2HTTPResponse again = call(event);
        assertEquals(201, again.getStatusCode(), again.getBody());
        assertEquals("true", again.getHeaders().get("Idempotent-Replayed"));
        assertEquals(body(first), body(again));
        byte[] other = file(List.of(row(unique())));
        assertEquals(422, call(SampleEvent.of("registration/import-groups.json").claims(city())
                .header("Idempotency-Key", "import-" + p).bodyBytes(other)).getStatusCode());
    }

    @Test
    void theTemplateIsDownloadedFilledInAndUploaded() throws Exception {
        APIGatewayV2HTTPResponse download = call(SampleEvent.of("registration/get-import-template.json")
                .claims(city()));
        assertEquals(200, download.getStatusCode(), download.getBody());
        assertTrue(download.getIsBase64Encoded());
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                download.getHeaders().get("Content-Type"));
        byte[] template = Base64.getDecoder().decode(download.getBody());
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(template))) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertEquals(List.of("集团名单", "填写说明", "选项"), sheets.stream().map(Sheet::getName).toList());
            List<org.dhatim.fastexcel.reader.Row> header = sheets.get(0).read();
            assertEquals(1, header.size());
            assertEquals(GroupImport.LAYOUT.headers(), header.get(0).stream().map(c -> c.getRawValue()).toList());
            assertEquals(Set.of("一体型", "托管型", "协作型", "紧密型", "联盟型", "项目型", "合作型"),
                    sheets.get(2).read().stream().map(r -> r.getCellText(0)).collect(Collectors.toSet()));
        }
        String p = unique();
        String q = unique();
        List<String> second = row(q);
        second.set(1, "COLLABORATIVE");
        byte[] filled = SampleXlsx.fill(template, "xl/worksheets/sheet1.xml", 2, List.of(row(p), second));
        APIGatewayV2HTTPResponse response = upload(filled, city());
        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals(2, body(response).get("created").asInt());
        assertTrue(claimed(q + "M1"));
    }

    @Test
    void onlyTheCityImportsOrDownloadsTheTemplate() {
        String p = unique();
        assertEquals(403, upload(file(List.of(row(p))), school(p + "C")).getStatusCode());
        assertEquals(403, upload(file(List.of(row(p))), district("610902")).getStatusCode());
        assertEquals(403, call(SampleEvent.of("registration/get-import-template.json").claims(school(p + "C")))
                .getStatusCode());
        assertFalse(claimed(p + "C"));
    }

    // ---- rows that break the rules -------------------------------------------------------------------------------

    @Test
    void everyInvalidCellIsNamedByRowAndColumnAndNothingIsWritten() {
        String a = unique();
        String b = unique();
        String c = unique();
        List<String> bad = row(b);
        bad.set(1, "超大型");
        bad.set(2, "6109");
        bad.set(5, b + "M1 成员一校\n" + b + "C 核心校");
        List<String> duplicate = row(c);
        duplicate.set(5, c + "M1 成员一校\n" + a + "M2 又一所");
        JsonNode problem = refused(upload(file(List.of(row(a), bad, duplicate)), city()), 400);
        JsonNode type = error(problem, "/rows/1/type");
        assertEquals(3, type.get("row").asInt());
        assertEquals("B", type.get("column").asText());
        assertEquals("集团类型", type.get("header").asText());
        assertEquals("C", error(problem, "/rows/1/district").get("column").asText());
        assertTrue(error(problem, "/rows/1/memberSchools").get("message").asText().contains("member 2"));
        JsonNode twice = error(problem, "/rows/2/memberSchools");
        assertEquals(4, twice.get("row").asInt());
        assertTrue(twice.get("message").asText().contains("also in row 2"), twice.toString());
        assertFalse(claimed(a + "C"));
        assertFalse(claimed(c + "C"));
    }

    @Test
    void aSchoolOfARegisteredGroupIsNamedWithItsHolder() {
        String taken = unique();
        String holder = RegistrationHandlerTest.registered(taken + "C", "610902", taken + "M");
        String p = unique();
        List<String> r = row(p);
        r.set(5, p + "M1 成员一校\n" + taken + "M 已有集团的学校");
        JsonNode problem = refused(upload(file(List.of(row(unique()), r)), city()), 400);
        JsonNode e = error(problem, "/rows/1/memberSchools");
        assertEquals("F", e.get("column").asText());
        assertTrue(e.get("message").asText().contains(holder), e.toString());
        assertFalse(claimed(p + "C"));
    }

    @Test
    void aSchoolRegisteredWhileTheFileIsWrittenUndoesEveryRowWritten() {
        List<String> prefixes = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            prefixes.add(unique());
            rows.add(row(prefixes.get(i)));
        }
        String last = prefixes.get(4);
        handler.imports.beforeWrite = row -> {
            if (row.index() == 4) {
                // another registration claims the last row's member school between the check and the write
                RegistrationHandlerTest.registered(unique() + "X", "610902", last + "M2");
            }
        };
        try {
            APIGatewayV2HTTPResponse response = upload(file(rows), city());
            JsonNode problem = refused(response, 409);
            assertEquals("urn:groupeval:problem:school-already-in-group", problem.get("type").asText());
            JsonNode e = error(problem, "/rows/4/memberSchools");
            assertEquals(6, e.get("row").asInt());
        } finally {
            handler.imports.beforeWrite = row -> { };
        }
        for (int i = 0; i < 4; i++) {
            assertFalse(claimed(prefixes.get(i) + "C"), "row " + (i + 2) + " was taken back");
            assertFalse(claimed(prefixes.get(i) + "M1"));
        }
        assertTrue(claimed(last + "M2"), "the other registration keeps its school");
        // the file without the taken school goes through
        List<String> fixed = row(last);
        fixed.set(5, last + "M1 成员一校");
        rows.set(4, fixed);
        assertEquals(201, upload(file(rows), city()).getStatusCode());
    }

    // ---- spreadsheets that are not the template ------------------------------------------------------------------

    @Test
    void aRenamedOrReorderedHeaderNamesTheColumn() {
        List<String> headers = new ArrayList<>(GroupImport.LAYOUT.headers());
        headers.set(2, "区县");
        String p = unique();
        JsonNode renamed = refused(upload(SampleXlsx.sheet(GroupImport.SHEET, 1, List.of(headers, row(p))), city()),
                400);
        JsonNode e = error(renamed, "/headers/2");
        assertEquals(1, e.get("row").asInt());
        assertEquals("C", e.get("column").asText());
        assertTrue(e.get("message").asText().contains("所属区县代码"));
        List<String> swapped = new ArrayList<>(GroupImport.LAYOUT.headers());
        swapped.set(3, GroupImport.LAYOUT.headers().get(4));
        swapped.set(4, GroupImport.LAYOUT.headers().get(3));
        JsonNode reordered = refused(upload(SampleXlsx.sheet(GroupImport.SHEET, 1, List.of(swapped, row(p))),
                city()), 400);
        assertTrue(error(reordered, "/headers/3").get("message").asText().contains("column E"));
        JsonNode otherSheet = refused(upload(SampleXlsx.sheet("Sheet1", 1, List.of(GroupImport.LAYOUT.headers(),
                row(p))), city()), 400);
        assertTrue(otherSheet.get("detail").asText().contains("集团名单"));
        assertFalse(claimed(p + "C"));
    }

    @Test
    void mergedCellsAndFormulasAreRefusedWithTheirCells() {
        String p = unique();
        List<List<String>> rows = new ArrayList<>();
        rows.add(GroupImport.LAYOUT.headers());
        rows.add(row(p));
        rows.add(row(unique()));
        byte[] merged = SampleXlsx.sheet(GroupImport.SHEET, 1, rows, sheet -> sheet.range(1, 6, 2, 6).merge());
        JsonNode m = error(refused(upload(merged, city()), 400), "/rows/0/contactName");
        assertEquals("G", m.get("column").asText());
        assertTrue(m.get("message").asText().contains("merged"));
        byte[] formula = SampleXlsx.sheet(GroupImport.SHEET, 1, rows, sheet -> sheet.formula(2, 2, "610900+2"));
        JsonNode f = error(refused(upload(formula, city()), 400), "/rows/1/district");
        assertEquals(3, f.get("row").asInt());
        assertTrue(f.get("message").asText().contains("formula"));
        assertFalse(claimed(p + "C"));
    }

    @Test
    void macrosAZipBombAndOtherFilesAreRefusedBeforeAnyRowIsRead() {
        String p = unique();
        byte[] good = file(List.of(row(p)));
        assertTrue(refused(upload(SampleXlsx.withMacros(good), city()), 400).get("detail").asText()
                .contains("macro"));
        assertTrue(refused(upload(SampleXlsx.withVbaProject(good), city()), 400).get("detail").asText()
                .contains("vbaProject.bin"));
        assertTrue(refused(upload(SampleXlsx.zipBomb(good, 40), city()), 400).get("detail").asText()
                .contains("zip bomb"));
        assertTrue(refused(upload("序号,名称\n1,x\n".getBytes(), city()), 400).get("detail").asText()
                .contains("not an Excel workbook"));
        assertFalse(claimed(p + "C"));
    }

    @Test
    void aFileOverFourMebibytesIsRefusedBeforeItIsRead() {
        // larger files never reach the function: API Gateway (and the local stack) refuse bodies over 10 MB, and a
        // Lambda invocation takes at most 6 MB (RegistrationEndToEndTest sends 50 MB through the stack)
        byte[] large = new byte[5 * 1024 * 1024];
        JsonNode problem = refused(upload(large, city()), 413);
        assertTrue(problem.get("detail").asText().contains("at most 4194304"), problem.toString());
    }

    @Test
    void aCellOfTenThousandCharactersIsNamed() {
        String p = unique();
        List<String> r = row(p);
        r.set(0, "集".repeat(10_000));
        JsonNode e = error(refused(upload(file(List.of(row(unique()), r)), city()), 400), "/rows/1/name");
        assertEquals(3, e.get("row").asInt());
        assertEquals("A", e.get("column").asText());
        assertTrue(e.get("message").asText().contains("10000"), e.toString());
        assertFalse(claimed(p + "C"));
    }

    @Test
    void aFileSentAsAnotherTypeIs415() {
        JsonNode problem = refused(call(SampleEvent.of("registration/import-groups.json").claims(city())
                .header("Content-Type", "application/json").body("{}")), 415);
        assertEquals("/headers/Content-Type", problem.at("/errors/0/pointer").asText());
    }
}
