package org.groupeval.domain.evidence;

import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The 附件2 table as CSV: Chinese headers, RFC 4180 quoting, CRLF, formulas defused. */
class StatementCsvTest {

    private static final Framework CHENGDU = FrameworkCatalog.builtIn().find("chengdu-2023", "1").orElseThrow();

    @Test
    void rendersTheTableWithIndicatorNamesAndCitedMaterials() {
        Evidence charter = new Evidence("ev-1", "g-1", 2026, "B01", "集团章程", "B01-01", "a.pdf", "application/pdf",
                1, "00", EvidenceStatus.VERIFIED, null, Instant.EPOCH, "u", Instant.EPOCH, null, null, 1);
        StatementOfWork statement = new StatementOfWork("g-1", 2026, List.of(
                new StatementRow("1", "制定章程,\"经审议\"", "B01", List.of("ev-1")),
                new StatementRow("2", "+1 成员校", "B03", List.of())), Instant.EPOCH, "u", 1);
        String csv = StatementCsv.render(statement, CHENGDU, Map.of("ev-1", charter));
        String b01 = CHENGDU.indicator("B01").orElseThrow().name().zh();
        String b03 = CHENGDU.indicator("B03").orElseThrow().name().zh();
        assertEquals("序号,工作内容描述,支撑指标编号,支撑指标,印证材料名称,印证材料编号,材料ID\r\n"
                + "1,\"制定章程,\"\"经审议\"\"\",B01," + b01 + ",集团章程,B01-01,ev-1\r\n"
                + "2,'+1 成员校,B03," + b03 + ",,,\r\n", csv);
    }
}
