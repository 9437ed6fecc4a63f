package org.groupeval.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.domain.group.GroupType;
import org.groupeval.domain.ranking.AwardSettings;
import org.groupeval.domain.ranking.Ranking;
import org.groupeval.domain.ranking.RankingEntry;
import org.groupeval.domain.ranking.RankingOutcome;
import org.groupeval.domain.ranking.RankingRun;
import org.groupeval.domain.ranking.ResultBasis;
import org.groupeval.domain.ranking.RunStatus;
import org.groupeval.local.LambdaEvents;
import org.groupeval.local.LocalContext;
import org.groupeval.local.SampleEvent;
import org.groupeval.store.ResultStore;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * Benchmark, not a test (surefire skips it: the name does not end in Test); the export figure of
 * docs/benchmarks.md. On a DynamoDB Local in its own JVM it stores a complete ranking revision of N groups (default
 * 10,000 in 100 districts: entries with a realistic spread of scores, bases, vetoes, fraud and earlier FAIL years,
 * ranked by the domain's {@link Ranking} and written as {@link RankingJob} writes them; untimed), then asks the
 * ranking function, through its Lambda entry point as API Gateway would, for {@code GET /cycles/{year}/results.xlsx}
 * as CITY: every result, a 全市 sheet and one sheet per district. It prints the export's wall time, the heap pools' peak during it, the file's size and
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
        Process dynamo = RankingBenchmark.startSeeded(0, "export");
        try {
            long seeding = System.nanoTime();
            try (ApplicationContext context = ApplicationContext.run()) {
                storeRanking(context.getBean(ResultStore.class), groups);
            }
            System.out.printf("export_seed_results: %d results stored in %.1f s (not timed)%n", groups,
                    (System.nanoTime() - seeding) / 1e9);
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

    /** A complete revision 1 of the benchmark year with {@code groups} results, and the LATEST pointer at it. */
    static void storeRanking(ResultStore store, int groups) {
        Framework framework = FrameworkCatalog.builtIn().latest("ankang-2022").orElseThrow();
        Random random = new Random(2026);
        List<String> types = List.copyOf(GroupType.codes());
        List<RankingEntry> entries = new ArrayList<>(groups);
        for (int i = 0; i < groups; i++) {
            int roll = random.nextInt(1000);
            BigDecimal score = BigDecimal.valueOf(4000 + random.nextInt(6001), 2);
            ResultBasis basis = roll < 20 ? ResultBasis.NOT_SUBMITTED : roll < 300 ? ResultBasis.DISTRICT
                    : ResultBasis.CITY;
            entries.add(new RankingEntry(String.format("g-bench%07d", i), "基准教育集团 第" + i + "号",
                    String.format("61%04d", i % 100), types.get(i % types.size()), basis,
                    basis == ResultBasis.NOT_SUBMITTED ? null : score, roll >= 990, roll >= 980 && roll < 990,
                    basis == ResultBasis.CITY || roll >= 200, basis == ResultBasis.DISTRICT && roll >= 250,
                    Map.of(), roll % 20 == 0, null));
        }
        RankingOutcome outcome = Ranking.rank(RankingBenchmark.YEAR, entries, AwardSettings.defaults(),
                framework::gradeBand);
        Instant now = Instant.now();
        RankingRun run = new RankingRun(RankingBenchmark.YEAR, 1, RunStatus.RUNNING, "BENCHMARK", "benchmark", now,
                null, now.plusSeconds(3600), "export-benchmark", framework.id(), framework.version(),
                AwardSettings.defaults(), null, null, null, null, 1L);
        if (!store.claim(run)) {
            throw new IllegalStateException("revision 1 of " + RankingBenchmark.YEAR + " is taken");
        }
        store.writeResults(RankingBenchmark.YEAR, 1, outcome.results());
        if (!store.complete(run.withStatus(RunStatus.COMPLETE, now, outcome.summary()), run.version())) {
            throw new IllegalStateException("the benchmark's revision changed while it was written");
        }
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
