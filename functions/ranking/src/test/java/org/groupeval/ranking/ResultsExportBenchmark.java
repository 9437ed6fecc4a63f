package org.groupeval.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import org.groupeval.local.LambdaEvents;
import org.groupeval.local.LocalContext;
import org.groupeval.local.SampleEvent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * Benchmark, not a test (surefire skips it: the name does not end in Test); the export figure of
 * docs/benchmarks.md. On a DynamoDB Local in its own JVM it seeds N groups (default 10,000: 100 districts, sheets as
 * {@link RankingBenchmark} makes them) and ranks them (untimed), then asks the ranking function, through its Lambda
 * entry point as API Gateway would, for {@code GET /cycles/{year}/results.xlsx} as CITY: every result, a 全市 sheet
 * and one sheet per district. It prints the export's wall time, the heap pools' peak during it, the file's size and
 * the size of the whole Lambda response (the base64 body in its JSON envelope) against the 6 MB a synchronous Lambda
 * response may have. The bench harness runs it with Lambda's JVM flags and {@code -Xmx256m}.
 */
public final class ResultsExportBenchmark {

    /** A synchronous Lambda invocation's response may hold 6 MB (6,291,456 bytes). */
    static final int LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;

    private ResultsExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Process dynamo = RankingBenchmark.startSeeded(groups, "export");
        try {
            try (ApplicationContext context = ApplicationContext.run()) {
                context.getBean(RankingJob.class).run(RankingBenchmark.YEAR, "BENCHMARK", "benchmark");
            }
            String event = SampleEvent.of("ranking/export-results-xlsx.json")
                    .path("year", Integer.toString(RankingBenchmark.YEAR))
                    .claims(Map.of("sub", "user-city", "role", "CITY")).json();
            try (RankingHandler handler = new RankingHandler()) {
                System.gc();
                List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP).toList();
                heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                long start = System.nanoTime();
                String response = LambdaEvents.call(handler, event, LocalContext.of("export", "RankingFunction"));
                long wallNanos = System.nanoTime() - start;
                long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                JsonNode answer = Fixtures.JSON.readTree(response);
                if (answer.path("statusCode").asInt() != 200) {
                    throw new IllegalStateException("the export answered " + response.substring(0,
                            Math.min(600, response.length())));
                }
                byte[] file = Base64.getDecoder().decode(answer.path("body").asText());
                int responseBytes = response.getBytes(StandardCharsets.UTF_8).length;
                System.out.println("export_xlsx_groups: " + groups);
                System.out.println("export_xlsx_sheets: " + sheets(file));
                System.out.printf("export_xlsx_ms: %d%n", wallNanos / 1_000_000);
                System.out.printf("export_xlsx_heap_pools_peak_mb: %d%n", peak / (1024 * 1024));
                System.out.printf("export_xlsx_file_kb: %d%n", file.length / 1024);
                System.out.printf("export_xlsx_response_kb: %d (base64 in the Lambda response; the limit is %d)%n",
                        responseBytes / 1024, LAMBDA_RESPONSE_LIMIT / 1024);
                System.out.printf("export_xlsx_response_vs_limit: %.2f%n", (double) responseBytes / LAMBDA_RESPONSE_LIMIT);
            }
        } finally {
            dynamo.destroy();
            dynamo.waitFor(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    /** The number of worksheets in a workbook (read from a file: its entries carry their sizes after the data). */
    private static long sheets(byte[] xlsx) throws IOException {
        Path copy = Files.createTempFile("export-benchmark", ".xlsx");
        try {
            Files.write(copy, xlsx);
            try (ZipFile zip = new ZipFile(copy.toFile())) {
                return zip.stream().filter(e -> e.getName().startsWith("xl/worksheets/sheet")).count();
            }
        } finally {
            Files.delete(copy);
        }
    }
}
