package org.groupeval.domain.evidence;

import org.groupeval.domain.Csv;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.Indicator;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The statement of work as the 附件2 table, in CSV ({@link Csv}: RFC 4180, formula cells defused).
 */
public final class StatementCsv {

    public static final List<String> HEADERS = List.of("序号", "工作内容描述", "支撑指标编号", "支撑指标",
            "印证材料名称", "印证材料编号", "材料ID");

    private StatementCsv() {
    }

    public static String render(StatementOfWork statement, Framework framework, Map<String, Evidence> evidence) {
        StringBuilder csv = new StringBuilder();
        Csv.appendRow(csv, HEADERS);
        for (StatementRow row : statement.rows()) {
            String indicatorName = framework.indicator(row.indicatorId()).map(Indicator::name)
                    .map(n -> n.zh() != null ? n.zh() : n.en()).orElse("");
            List<Evidence> cited = row.evidenceIds().stream().map(evidence::get).filter(e -> e != null).toList();
            Csv.appendRow(csv, List.of(row.number(), row.description(), row.indicatorId(), indicatorName,
                    cited.stream().map(Evidence::title).collect(Collectors.joining("\n")),
                    cited.stream().map(Evidence::materialNumber).collect(Collectors.joining("\n")),
                    String.join("\n", row.evidenceIds())));
        }
        return csv.toString();
    }
}
