package org.groupeval.ranking;

import io.micronaut.context.ApplicationContext;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.GroupType;
import org.groupeval.domain.group.School;
import org.groupeval.local.DynamoDbLocal;
import org.groupeval.local.LocalTables;
import org.groupeval.local.SamTemplate;
import org.groupeval.store.DynamoDbClients;
import org.groupeval.store.StoredItem;
import org.groupeval.web.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark, not a test (surefire skips it: the name does not end in Test). Generates a cycle of N groups (default
 * 100,000: every group type, 100 districts, district and city sheets with realistic spreads, vetoes, fraud, groups
 * not recommended and groups with nothing submitted) on a DynamoDB Local running in its own JVM, then runs the
 * ranking once, as the scheduled function would, and prints
 * <pre>
 * ranking_100k_seconds: X
 * ranking_100k_peak_heap_mb: Y
 * </pre>
 * Peak heap is this JVM's (the ranking and the SDK; DynamoDB Local runs in a child process). How to run it:
 * docs/ranking.md, "Benchmark".
 */
public final class RankingBenchmark {

    private static final int YEAR = 2026;

    public static void main(String[] args) throws Exception {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int port = DynamoDbLocal.freePort();
        Process dynamo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx3g", "-cp", System.getProperty("java.class.path"), DynamoDbLocalProcess.class.getName(),
                Integer.toString(port)).inheritIO().start();
        try {
            String endpoint = "http://localhost:" + port;
            System.setProperty("DYNAMODB_ENDPOINT", endpoint);
            SamTemplate template = SamTemplate.load();
            DynamoDbClient client = awaitDynamo();
            LocalTables.createAll(client, template);
            for (SamTemplate.Function f : template.functions()) {
                f.environment().forEach((k, v) -> {
                    if (System.getProperty(k) == null) {
                        System.setProperty(k, v);
                    }
                });
            }
            long genStart = System.nanoTime();
            generate(client, groups);
            System.out.printf("generated %d groups with their sheets in %.1f s%n", groups,
                    (System.nanoTime() - genStart) / 1e9);

            try (ApplicationContext context = ApplicationContext.run()) {
                RankingJob job = context.getBean(RankingJob.class);
                System.gc();
                List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP).toList();
                heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                long start = System.nanoTime();
                RankingJob.Outcome outcome = job.run(YEAR, "BENCHMARK", "benchmark");
                double seconds = (System.nanoTime() - start) / 1e9;
                long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                String label = groups % 1000 == 0 ? (groups / 1000) + "k" : Integer.toString(groups);
                System.out.println("ranking groups: " + outcome.run().summary().groups() + ", revision "
                        + outcome.run().revision() + ", awarded " + outcome.run().summary().awarded());
                System.out.printf("ranking_%s_seconds: %.1f%n", label, seconds);
                System.out.printf("ranking_%s_peak_heap_mb: %d%n", label, peak / (1024 * 1024));
                long again = System.nanoTime();
                RankingJob.Outcome rerun = job.run(YEAR, "BENCHMARK", "benchmark");
                System.out.printf("ranking_%s_unchanged_rerun_seconds: %.1f (%s)%n", label,
                        (System.nanoTime() - again) / 1e9, rerun.disposition());
            }
        } finally {
            dynamo.destroy();
            dynamo.waitFor(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static DynamoDbClient awaitDynamo() throws InterruptedException {
        DynamoDbClient client = DynamoDbClients.create();
        for (int i = 0; ; i++) {
            try {
                client.listTables();
                return client;
            } catch (RuntimeException notYet) {
                if (i > 100) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }

    /** N groups and their district and city sheets, written with BatchWriteItem from 4 threads. */
    static void generate(DynamoDbClient client, int groups) throws Exception {
        Random random = new Random(2026);
        List<String> types = List.copyOf(GroupType.codes());
        Instant created = Instant.parse(YEAR + "-03-01T00:00:00Z");
        writeCycle(client);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> pending = new ArrayList<>();
        List<WriteRequest> groupBatch = new ArrayList<>();
        List<WriteRequest> sheetBatch = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            String id = String.format("g-bench%07d", i);
            String district = String.format("61%04d", i % 100);
            String type = types.get(i % types.size());
            Group g = new Group(id, "基准集团 " + i, type, district, new School("B" + i, "核心校 " + i),
                    List.of(new School("B" + i + "M", "成员校 " + i)), null, created, created, 1L);
            StoredItem gi = StoredItem.of("Group", "GROUP#" + id, "GROUP");
            gi.setGsi1pk("DISTRICT#" + district);
            gi.setGsi1sk(type + "#" + id);
            gi.setGsi2pk("GROUPS");
            gi.setGsi2sk(type + "#" + id);
            gi.setDistrict(district);
            gi.setGroupType(type);
            gi.setVersion(1L);
            gi.setData(Json.write(g));
            groupBatch.add(put(gi));
            int roll = random.nextInt(1000);
            if (roll >= 20) {   // 2 % never reviewed
                BigDecimal score = BigDecimal.valueOf(4000 + random.nextInt(6001), 2);   // 40.00 .. 100.00
                boolean recommend = score.compareTo(BigDecimal.valueOf(60)) >= 0 && roll >= 70;
                sheetBatch.add(put(sheet(id, district, "district", score, roll < 30, false, recommend, random)));
                if (recommend) {
                    BigDecimal city = score.subtract(BigDecimal.valueOf(random.nextInt(300), 2)).max(BigDecimal.ZERO);
                    sheetBatch.add(put(sheet(id, district, "city", city, roll < 40, roll >= 990, false, random)));
                }
            }
            if (groupBatch.size() == 25) {
                pending.add(submit(pool, client, "GroupsTable", groupBatch));
                groupBatch = new ArrayList<>();
            }
            if (sheetBatch.size() >= 24) {
                pending.add(submit(pool, client, "ReviewTable", sheetBatch));
                sheetBatch = new ArrayList<>();
            }
        }
        if (!groupBatch.isEmpty()) {
            pending.add(submit(pool, client, "GroupsTable", groupBatch));
        }
        if (!sheetBatch.isEmpty()) {
            pending.add(submit(pool, client, "ReviewTable", sheetBatch));
        }
        for (Future<?> f : pending) {
            f.get();
        }
        pool.shutdown();
    }

    private static void writeCycle(DynamoDbClient client) {
        StoredItem cycle = StoredItem.of("Cycle", "CYCLE#" + YEAR, "CYCLE");
        cycle.setGsi3pk("CYCLES");
        cycle.setGsi3sk(Integer.toString(YEAR));
        cycle.setVersion(1L);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("year", YEAR);
        data.put("frameworkId", "ankang-2022");
        data.put("frameworkVersion", "1");
        data.put("award", Map.of("ratio", 0.30, "scope", "PER_GRADE", "tiePolicy", "NONE_AT_CUTOFF"));
        data.put("deadlines", Map.of("self", YEAR + "-08-31T23:59:59+08:00", "district", YEAR + "-09-30T23:59:59+08:00",
                "city", YEAR + "-10-31T23:59:59+08:00"));
        cycle.setData(Json.write(data));
        client.putItem(r -> r.tableName("ReviewTable").item(StoredItem.SCHEMA.itemToMap(cycle, true)));
    }

    private static StoredItem sheet(String groupId, String district, String stage, BigDecimal total, boolean veto,
                                    boolean fraud, boolean recommend, Random random) {
        StoredItem item = StoredItem.of("Sheet", "CYCLE#" + YEAR + "#GROUP#" + groupId, "SHEET#" + stage);
        item.setGsi1pk("CYCLE#" + YEAR + "#STAGE#" + stage);
        item.setGsi1sk("DISTRICT#" + district + "#GROUP#" + groupId);
        item.setStatus("SUBMITTED");
        item.setDistrict(district);
        item.setVersion(1L);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("groupId", groupId);
        data.put("year", YEAR);
        data.put("stage", stage);
        data.put("district", district);
        data.put("status", "SUBMITTED");
        data.put("total", total);
        data.put("veto", veto);
        data.put("fraud", fraud);
        data.put("complete", true);
        data.put("recommend", recommend);
        data.put("submittedAt", YEAR + "-09-20T02:00:00Z");
        List<Map<String, Object>> categories = new ArrayList<>();
        for (String c : List.of("system", "staff", "teaching", "literacy", "innovation", "influence")) {
            categories.add(Map.of("id", c, "points", BigDecimal.valueOf(random.nextInt(1500), 2), "maxPoints", 15));
        }
        data.put("categories", categories);
        item.setData(Json.write(data));
        return item;
    }

    private static WriteRequest put(StoredItem item) {
        Map<String, AttributeValue> map = StoredItem.SCHEMA.itemToMap(item, true);
        return WriteRequest.builder().putRequest(PutRequest.builder().item(map).build()).build();
    }

    private static Future<?> submit(ExecutorService pool, DynamoDbClient client, String table, List<WriteRequest> batch) {
        return pool.submit(() -> {
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> sending = pending;
                pending = client.batchWriteItem(r -> r.requestItems(sending)).unprocessedItems();
            }
        });
    }

    /** DynamoDB Local in its own JVM, so the benchmark's heap figures are the ranking's alone. */
    public static final class DynamoDbLocalProcess {
        public static void main(String[] args) throws Exception {
            DynamoDbLocal.start(Integer.parseInt(args[0]), null);
            Thread.currentThread().join();
        }
    }

}
