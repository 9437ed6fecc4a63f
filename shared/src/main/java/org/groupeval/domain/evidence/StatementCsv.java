package org.groupeval.domain.evidence;

import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.Indicator;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The statement of work as the 附件2 table, in CSV (RFC 4180: CRLF line ends, fields quoted when needed). Cells that
 * a spreadsheet would read as a formula are prefixed with an apostrophe. The web layer adds the UTF-8 byte-order
 * mark that makes Excel read the Chinese text correctly.
 */
public final class StatementCsv {

    public static final List<String> HEADERS = List.of("序号", "工作内容描述", "支撑指标编号", "支撑指标",
            "印证材料名称", "印证材料编号", "材料ID");

    private StatementCsv() {
    }

    public static String render(StatementOfWork statement, Framework framework, Map<String, Evidence> evidence) {
        StringBuilder csv = new StringBuilder();
        line(csv, HEADERS);
        for (StatementRow row : statement.rows()) {
            String indicatorName = framework.indicator(row.indicatorId()).map(Indicator::name)
                    .map(n -> n.zh() != null ? n.zh() : n.en()).orElse("");
            List<Evidence> cited = row.evidenceIds().stream().map(evidence::get).filter(e -> e != null).toList();
            line(csv, List.of(row.number(), row.description(), row.indicatorId(), indicatorName,
                    cited.stream().map(Evidence::title).collect(Collectors.joining("\n")),
                    cited.stream().map(Evidence::materialNumber).collect(Collectors.joining("\n")),
                    String.join("\n", row.evidenceIds())));
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    static String cell(String raw) {
        String value = raw == null ? "" : raw;
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            value = "'" + value;
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
