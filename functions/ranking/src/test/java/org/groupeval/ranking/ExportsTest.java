package org.groupeval.ranking;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.groupeval.export.Xlsx;
import org.groupeval.local.SampleEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.groupeval.ranking.Fixtures.body;
import static org.groupeval.ranking.Fixtures.city;
import static org.groupeval.ranking.Fixtures.district;
import static org.groupeval.ranking.Fixtures.school;
import static org.groupeval.ranking.RankingHandlerTest.assertStatus;
import static org.groupeval.ranking.RankingHandlerTest.call;
import static org.groupeval.ranking.RankingHandlerTest.list;
import static org.groupeval.ranking.RankingHandlerTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The .xlsx exports (the results and the score matrix) through the Lambda entry point, read back with a spreadsheet
 * reader: sheets, headers, cell values and types, number formats, defused formulas, and who may export what. Years
 * 2031–2033 are this class's own.
 */
class ExportsTest {

    private static final int RESULTS_YEAR = 2031;
    private static final int MATRIX_YEAR = 2032;
    private static Fixtures fx;
    private static String a;
    private static String b;
    private static String c;
    private static String d;

    @BeforeAll
    static void rankAYear() {
        RankingHandlerTest.handler();
        fx = new Fixtures();
        int y = RESULTS_YEAR;
        fx.cycle(y);
        a = fx.group("城东教育集团", "INTEGRATED", "610902");
        b = fx.group("=HYPERLINK(\"http://x\",\"y\")", "TRUSTEESHIP", "610902");
        c = fx.group("-汉阴联盟", "ALLIANCE", "610921");
        d = fx.group("新区集团", "CLOSE", "610999");
        fx.reviewed(y, a, "610902", "97.1");
        fx.reviewed(y, b, "610902", "80");
        fx.reviewed(y, c, "610921", "88.456");
        fx.sheet(y, d, "610999", "district", "75", true, false, false, false, Map.of());
        assertStatus(201, run(y));
    }

    @Test
    void theResultsWorkbookHasTheCityAndEachDistrictWithNamesAndTypedCells() throws IOException {
        APIGatewayV2HTTPResponse response = xlsx("ranking/export-results-xlsx.json", RESULTS_YEAR, city());
        assertStatus(200, response);
        assertEquals(Xlsx.CONTENT_TYPE, response.getHeaders().get("Content-Type"));
        assertEquals("attachment; filename=\"results-2031-r1.xlsx\"", response.getHeaders().get("Content-Disposition"));
        assertTrue(response.getIsBase64Encoded());
        Map<String, List<Row>> sheets = sheets(response);
        assertEquals(List.of("全市", "汉滨区", "汉阴县", "610999"), new ArrayList<>(sheets.keySet()));
        List<Row> all = sheets.get("全市");
        assertEquals(ResultsXlsx.COLUMNS.stream().map(Xlsx.Column::header).toList(), texts(all.get(0)));
        assertEquals(5, all.size());
        Row first = all.get(1);
        assertEquals(List.of("1", "1", a, "城东教育集团", "汉滨区", "一体型", "97.1", "市级终评", "优秀", "否", "是", ""),
                texts(first).subList(0, 12));
        Cell score = first.getCell(6);
        assertEquals(CellType.NUMBER, score.getType());
        assertEquals(0, new BigDecimal("97.10").compareTo(score.asNumber()));
        assertEquals("0.00", score.getDataFormatString());
        assertEquals(CellType.NUMBER, first.getCell(0).getType());
        assertEquals(0, new BigDecimal("88.46").compareTo(all.get(2).getCell(6).asNumber()));
        // formula-like names stay text
        Row hostile = row(all, b);
        assertEquals("=HYPERLINK(\"http://x\",\"y\")", hostile.getCell(3).asString());
        assertEquals(CellType.STRING, hostile.getCell(3).getType());
        assertNull(hostile.getCell(3).getFormula());
        assertEquals("-汉阴联盟", row(all, c).getCell(3).asString());
        // the group the district did not recommend: its district result, flagged in Chinese
        Row notRecommended = row(all, d);
        assertEquals("610999", notRecommended.getCell(4).asString());
        assertEquals("区级初评", notRecommended.getCell(7).asString());
        assertEquals("区级未推荐", notRecommended.getCell(11).asString());
        // each district's sheet: its groups in district rank order
        List<Row> hanbin = sheets.get("汉滨区");
        assertEquals(3, hanbin.size());
        assertEquals(List.of(a, b), List.of(hanbin.get(1).getCell(2).asString(), hanbin.get(2).getCell(2).asString()));
        assertEquals(List.of("1", "2"), List.of(hanbin.get(1).getCell(1).getText(), hanbin.get(2).getCell(1).getText()));
        // content negotiation on the list route answers the same workbook
        APIGatewayV2HTTPResponse negotiated = call(SampleEvent.of("ranking/list-results.json").noQuery()
                .path("year", Integer.toString(RESULTS_YEAR)).header("Accept", Xlsx.CONTENT_TYPE).claims(city()));
        assertStatus(200, negotiated);
        assertEquals(sheets.keySet(), sheets(negotiated).keySet());
    }

    @Test
    void theResultsInJsonNameTheDistrictBesideItsCode() {
        JsonNode items = body(list(RESULTS_YEAR, city())).get("items");
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        items.forEach(i -> byId.put(i.get("groupId").asText(), i));
        assertEquals("汉滨区", byId.get(a).get("districtName").asText());
        assertEquals("汉阴县", byId.get(c).get("districtName").asText());
        assertFalse(byId.get(d).has("districtName"), "a code without a name has none");
        JsonNode one = body(RankingHandlerTest.result(RESULTS_YEAR, c, city()));
        assertEquals("汉阴县", one.get("districtName").asText());
        JsonNode history = body(call(SampleEvent.of("ranking/group-result-history.json").path("groupId", a)
                .claims(city())));
        assertEquals("汉滨区", history.get("items").get(0).get("districtName").asText());
    }

    @Test
    void aDistrictExportsItsOwnSheetAndNothingElse() throws IOException {
        APIGatewayV2HTTPResponse own = xlsx("ranking/export-results-xlsx.json", RESULTS_YEAR, district("610902"));
        assertStatus(200, own);
        Map<String, List<Row>> sheets = sheets(own);
        assertEquals(List.of("汉滨区"), new ArrayList<>(sheets.keySet()));
        assertEquals(3, sheets.get("汉滨区").size());
        APIGatewayV2HTTPResponse other = call(SampleEvent.of("ranking/export-results-xlsx.json")
                .path("year", Integer.toString(RESULTS_YEAR)).query("district", "610921").claims(district("610902")));
        assertStatus(403, other);
        assertStatus(403, xlsx("ranking/export-results-xlsx.json", RESULTS_YEAR,
                school(fx.coreSchool(a))));
        // CITY may export one district; a malformed one is named
        Map<String, List<Row>> one = sheets(call(SampleEvent.of("ranking/export-results-xlsx.json")
                .path("year", Integer.toString(RESULTS_YEAR)).query("district", "610921").claims(city())));
        assertEquals(List.of("汉阴县"), new ArrayList<>(one.keySet()));
        assertStatus(400, call(SampleEvent.of("ranking/export-results-xlsx.json")
                .path("year", Integer.toString(RESULTS_YEAR)).query("district", "6109").claims(city())));
        assertStatus(404, xlsx("ranking/export-results-xlsx.json", 2033, city()));
    }

    @Test
    void theScoreMatrixHasAStageSheetEachWithTheFrameworksIndicatorsAsColumns() throws IOException {
        int y = MATRIX_YEAR;
        fx.cycle(y);
        String e = fx.group("城南教育集团", "INTEGRATED", "610902");
        String f = fx.group("@石泉集团", "TRUSTEESHIP", "610922");
        fx.scoredSheet(y, e, "610902", "self", "95.5", true, Map.of("A01", "6", "A02", "3.5"), "1");
        fx.scoredSheet(y, e, "610902", "district", "90.25", true, Map.of("A01", "5.25", "A02", "3"), "0");
        fx.scoredSheet(y, f, "610922", "district", "70", false, Map.of("A01", "2"), "0");
        fx.scoredSheet(y, e, "610902", "city", "91", true, Map.of("A01", "5.5", "A02", "3.5"), "2");

        APIGatewayV2HTTPResponse response = xlsx("ranking/export-score-matrix.json", y, city());
        assertStatus(200, response);
        assertEquals("attachment; filename=\"scores-2032.xlsx\"", response.getHeaders().get("Content-Disposition"));
        Map<String, List<Row>> sheets = sheets(response);
        assertEquals(List.of("自查自评", "区级初评", "市级终评"), new ArrayList<>(sheets.keySet()));
        List<String> headers = texts(sheets.get("区级初评").get(0));
        assertEquals(List.of("集团编号", "集团名称", "区", "状态", "A01 集团章程与管理制度 (6.00)",
                "A02 集团发展规划与年度工作 (4.00)"), headers.subList(0, 6));
        assertEquals(List.of("加分", "总分", "等级"), headers.subList(headers.size() - 3, headers.size()));
        List<Row> district = sheets.get("区级初评");
        assertEquals(3, district.size());
        Row first = district.get(1);
        assertEquals(List.of(e, "城南教育集团", "汉滨区", "已提交"), texts(first).subList(0, 4));
        Cell a01 = first.getCell(4);
        assertEquals(CellType.NUMBER, a01.getType());
        assertEquals(0, new BigDecimal("5.25").compareTo(a01.asNumber()));
        assertEquals("0.00", a01.getDataFormatString());
        assertEquals(0, new BigDecimal("90.25").compareTo(first.getCell(headers.size() - 2).asNumber()));
        assertEquals("良好", first.getCell(headers.size() - 1).asString());
        Row draft = district.get(2);
        assertEquals(List.of(f, "@石泉集团", "石泉县", "草稿"), texts(draft).subList(0, 4));
        assertNull(draft.getCell(1).getFormula());
        assertEquals(2, sheets.get("自查自评").size());
        assertEquals(0, new BigDecimal("2").compareTo(sheets.get("市级终评").get(1).getCell(headers.size() - 3)
                .asNumber()));

        // a district sees its own groups only; schools none; a missing cycle is 404
        Map<String, List<Row>> own = sheets(xlsx("ranking/export-score-matrix.json", y, district("610922")));
        assertEquals(2, own.get("区级初评").size());
        assertEquals(f, own.get("区级初评").get(1).getCell(0).asString());
        assertEquals(1, own.get("自查自评").size());
        assertStatus(403, call(SampleEvent.of("ranking/export-score-matrix.json").path("year", Integer.toString(y))
                .query("district", "610902").claims(district("610922"))));
        assertStatus(403, xlsx("ranking/export-score-matrix.json", y, school(fx.coreSchool(e))));
        assertStatus(404, xlsx("ranking/export-score-matrix.json", 2033, city()));
        assertStatus(400, call(SampleEvent.of("ranking/export-score-matrix.json").path("year", Integer.toString(y))
                .query("district", "x").claims(city())));
    }

    private static APIGatewayV2HTTPResponse xlsx(String event, int year, Map<String, String> claims) {
        return call(SampleEvent.of(event).path("year", Integer.toString(year)).claims(claims));
    }

    /** The workbook of a response, sheet by sheet in order, every row read. */
    static Map<String, List<Row>> sheets(APIGatewayV2HTTPResponse response) throws IOException {
        assertStatus(200, response);
        byte[] bytes = Base64.getDecoder().decode(response.getBody());
        Map<String, List<Row>> sheets = new LinkedHashMap<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes),
                new ReadingOptions(true, false))) {
            for (Sheet sheet : wb.getSheets().toList()) {
                sheets.put(sheet.getName(), sheet.read());
            }
        }
        return sheets;
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < row.getCellCount(); i++) {
            Cell cell = row.getCell(i);
            texts.add(cell == null ? "" : cell.getType() == CellType.NUMBER
                    ? cell.asNumber().stripTrailingZeros().toPlainString() : cell.getText());
        }
        return texts;
    }

    private static Row row(List<Row> rows, String groupId) {
        return rows.stream().filter(r -> groupId.equals(r.getCell(2).asString())).findFirst()
                .orElseThrow(() -> new AssertionError("no row of " + groupId));
    }
}
