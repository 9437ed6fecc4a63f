package org.groupeval.ranking;

import io.micronaut.context.ApplicationContext;
import org.groupeval.domain.Grade;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.GroupType;
import org.groupeval.domain.group.School;
import org.groupeval.domain.review.Participant;
import org.groupeval.domain.review.ParticipationCause;
import org.groupeval.local.DynamoDbLocal;
import org.groupeval.local.LocalTables;
import org.groupeval.local.SamTemplate;
import org.groupeval.store.DynamoDbClients;
import org.groupeval.store.DynamoDbGroupStore;
import org.groupeval.store.GroupKeys;
import org.groupeval.store.ItemKey;
import org.groupeval.store.ResultKeys;
import org.groupeval.store.StoredItem;
import org.groupeval.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Benchmark, not a test (surefire skips it: the name does not end in Test); the ranking figure of
 * docs/benchmarks.md. On a DynamoDB Local running in its own JVM it prepares a cycle of N groups (default 100,000:
 * every group type, 100 districts, district and city sheets with realistic spreads, vetoes, fraud, groups not
 * recommended and groups with nothing submitted), then measures, in this JVM and one after the other:
 * <ol>
 *   <li>the ranking run, exactly as the scheduled function makes it ({@link RankingJob#run}: read every input,
 *   digest, rank, write one result item per group, complete the revision): {@code ranking_wall_ms};</li>
 *   <li>its I/O floor: just Query-reading the same inputs with the same queries, concurrently, and
 *   BatchWrite-ing as many result items of the same shape and size (copies of the run's own result items under
 *   another revision, with the same index keys) with the same 8 concurrent writers: {@code ranking_io_floor_ms}.</li>
 * </ol>
 * and prints {@code ranking_vs_io_floor} (wall / floor; target 1.5) and the heap pools' peak during the run. The
 * bench harness ({@code ./bench/run}) runs this class with Lambda's JVM flags and {@code -Xmx512m} and reads the
 * peak heap from the GC log as well.
 *
 * <p>The data is generated in DynamoDB Local's JVM (in memory) before anything is timed, and untimed warm-up
 * queries and writes let DynamoDB Local compile its paths first, so neither measurement pays for that.
 * How to run it on its own: docs/ranking.md, "Scale and benchmark".
 */
public final class RankingBenchmark {

    static final int YEAR = 2026;
    /** The floor writes its copies under this revision, which no run reaches. */
    private static final int FLOOR_REVISION = 999_999;
    private static final int WRITERS = 8;
    private static final int PAGE = 1000;

    public static void main(String[] args) throws Exception {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Process dynamo = startSeeded(groups, "ranking");
        try {
            DynamoDbClient client = DynamoDbClients.create();
            try (ApplicationContext context = ApplicationContext.run()) {
                RankingJob job = context.getBean(RankingJob.class);
                String resultsTable = context.getBean(org.groupeval.store.Tables.class).results();
                String groupsTable = context.getBean(org.groupeval.store.Tables.class).groups();
                String reviewTable = context.getBean(org.groupeval.store.Tables.class).review();
                // untimed: load the SDK's and the job's classes, and let DynamoDB Local compile its query and
                // batch-write paths, before either the run or its floor is timed
                context.getBean(ScheduledRankings.class).due(Instant.now());
                warmUp(client, groupsTable, reviewTable, resultsTable);

                System.gc();
                List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP).toList();
                heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                long start = System.nanoTime();
                RankingJob.Outcome outcome = job.run(YEAR, "BENCHMARK", "benchmark");
                long wallNanos = System.nanoTime() - start;
                long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                int ranked = outcome.run().summary().groups();
                System.out.println("ranking_groups: " + ranked);
                System.out.println("ranking_revision: " + outcome.run().revision() + " (" + outcome.disposition()
                        + ", awarded " + outcome.run().summary().awarded() + ")");
                System.out.printf("ranking_wall_ms: %d%n", wallNanos / 1_000_000);
                System.out.printf("ranking_heap_pools_peak_mb: %d%n", peak / (1024 * 1024));

                List<Map<String, AttributeValue>> templates = resultTemplates(client, resultsTable,
                        outcome.run().revision());
                System.gc();
                Floor floor = floor(client, groupsTable, reviewTable, resultsTable, templates);
                System.out.printf("ranking_io_floor_read_ms: %d (%d groups, %d sheets)%n", floor.readNanos / 1_000_000,
                        floor.groups, floor.sheets);
                System.out.printf("ranking_io_floor_write_ms: %d (%d result items)%n", floor.writeNanos / 1_000_000,
                        floor.written);
                System.out.printf("ranking_io_floor_ms: %d%n", (floor.readNanos + floor.writeNanos) / 1_000_000);
                System.out.printf("ranking_vs_io_floor: %.2f%n",
                        (double) wallNanos / (floor.readNanos + floor.writeNanos));
                if (floor.written != ranked) {
                    throw new IllegalStateException("the floor wrote " + floor.written + " items, the run " + ranked);
                }
                if (Boolean.getBoolean("bench.rankingRerun")) {
                    long again = System.nanoTime();
                    RankingJob.Outcome rerun = job.run(YEAR, "BENCHMARK", "benchmark");
                    System.out.printf("ranking_unchanged_rerun_ms: %d (%s)%n", (System.nanoTime() - again) / 1_000_000,
                            rerun.disposition());
                }
            }
        } finally {
            dynamo.destroy();
            dynamo.waitFor(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    // ---- the I/O floor -----------------------------------------------------------------------------------------------

    private record Floor(long readNanos, long writeNanos, int groups, int sheets, int written) {
    }

    /**
     * The same queries the run makes (the cycle's participants by GSI1, the district and the city stage sheets by GSI1, last
     * year's FAIL grades by GSI3), concurrently and page by page, keeping only the keys; then one result item per
     * group read, BatchWrite-n 25 at a time from {@value #WRITERS} threads.
     */
    private static Floor floor(DynamoDbClient client, String groupsTable, String reviewTable, String resultsTable,
                               List<Map<String, AttributeValue>> templates) throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        CompletableFuture<List<String[]>> groups = CompletableFuture.supplyAsync(() -> {
            List<String[]> ids = new ArrayList<>();
            queryAll(client, reviewTable, StoredItem.GSI1, "gsi1pk", "CYCLE#" + YEAR + "#PARTICIPANTS",
                    item -> ids.add(new String[] {item.get("pk").s().substring(item.get("pk").s().indexOf("#GROUP#")
                            + "#GROUP#".length()), item.get("district").s()}));
            return ids;
        }, readers);
        List<CompletableFuture<Integer>> sheets = Stream.of("district", "city").map(stage ->
                CompletableFuture.supplyAsync(() -> {
                    Map<String, String> bySk = new HashMap<>();
                    queryAll(client, reviewTable, StoredItem.GSI1, "gsi1pk", "CYCLE#" + YEAR + "#STAGE#" + stage,
                            item -> bySk.put(item.get("pk").s(), item.get("data").s()));
                    return bySk.size();
                }, readers)).toList();
        CompletableFuture<Integer> failed = CompletableFuture.supplyAsync(() -> {
            int[] n = {0};
            queryAll(client, resultsTable, StoredItem.GSI3, "gsi3pk", ResultKeys.ofGrade(YEAR - 1, 1, Grade.FAIL),
                    item -> n[0]++);
            return n[0];
        }, readers);
        List<String[]> ids = groups.get();
        int sheetCount = 0;
        for (CompletableFuture<Integer> s : sheets) {
            sheetCount += s.get();
        }
        failed.get();
        long read = System.nanoTime() - start;
        readers.shutdown();

        long writeStart = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> batches = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 25) {
            int first = from;
            int last = Math.min(ids.size(), from + 25);
            batches.add(writers.submit(() -> {
                List<WriteRequest> requests = new ArrayList<>(25);
                for (int i = first; i < last; i++) {
                    requests.add(WriteRequest.builder().putRequest(PutRequest.builder()
                            .item(floorItem(templates.get(i % templates.size()), ids.get(i), i)).build()).build());
                }
                Map<String, List<WriteRequest>> pending = Map.of(resultsTable, requests);
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> sending = pending;
                    pending = client.batchWriteItem(r -> r.requestItems(sending)).unprocessedItems();
                }
            }));
        }
        for (Future<?> batch : batches) {
            batch.get();
        }
        long write = System.nanoTime() - writeStart;
        writers.shutdown();
        return new Floor(read, write, ids.size(), sheetCount, ids.size());
    }

    private static void queryAll(DynamoDbClient client, String table, String index, String keyName, String key,
                                 java.util.function.Consumer<Map<String, AttributeValue>> sink) {
        queryPages(client, table, index, keyName, key, Integer.MAX_VALUE, sink);
    }

    private static void queryPages(DynamoDbClient client, String table, String index, String keyName, String key,
                                   int maxPages, java.util.function.Consumer<Map<String, AttributeValue>> sink) {
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index).limit(PAGE)
                    .keyConditionExpression(keyName + " = :k")
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(key)));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse page = client.query(request.build());
            page.items().forEach(sink);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && ++pages < maxPages);
    }

    /** Up to 1,000 of the run's own result items (every grade, awarded or not): the floor writes copies of them. */
    private static List<Map<String, AttributeValue>> resultTemplates(DynamoDbClient client, String resultsTable,
                                                                    int revision) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(client.query(r -> r.tableName(resultsTable)
                .indexName(StoredItem.GSI1).limit(PAGE).keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(ResultKeys.ranked(YEAR, revision)))))
                .items());
        if (items.isEmpty()) {
            throw new IllegalStateException("the run wrote no result items");
        }
        items.sort(Comparator.comparing(i -> i.get("pk").s()));   // rank order would put every award first
        return items;
    }

    /** A copy of a result item for another group under {@link #FLOOR_REVISION}: same attributes, same index keys. */
    private static Map<String, AttributeValue> floorItem(Map<String, AttributeValue> template, String[] group,
                                                         int rank) {
        Map<String, AttributeValue> item = new HashMap<>(template);
        String order = ResultKeys.rankOrder(rank + 1, group[0]);
        ItemKey key = ResultKeys.result(group[0], YEAR, FLOOR_REVISION);
        item.put("pk", AttributeValue.fromS(key.pk()));
        item.put("sk", AttributeValue.fromS(key.sk()));
        item.put("gsi1pk", AttributeValue.fromS(ResultKeys.ranked(YEAR, FLOOR_REVISION)));
        item.put("gsi1sk", AttributeValue.fromS(order));
        item.put("gsi2pk", AttributeValue.fromS(ResultKeys.ofDistrict(YEAR, FLOOR_REVISION, group[1])));
        item.put("gsi2sk", AttributeValue.fromS(order));
        Grade grade = Grade.valueOf(template.get("grade").s());
        item.put("gsi3pk", AttributeValue.fromS(ResultKeys.ofGrade(YEAR, FLOOR_REVISION, grade)));
        item.put("gsi3sk", AttributeValue.fromS(order));
        if (template.containsKey("gsi4pk")) {
            item.put("gsi4pk", AttributeValue.fromS(ResultKeys.awarded(YEAR, FLOOR_REVISION)));
            item.put("gsi4sk", AttributeValue.fromS(order));
        }
        return item;
    }

    /** A few thousand items through every query the run makes and a few thousand writes of result-sized items. */
    private static void warmUp(DynamoDbClient client, String groupsTable, String reviewTable, String resultsTable) {
        int[] budget = {0};
        java.util.function.Consumer<Map<String, AttributeValue>> count = item -> budget[0]++;
        queryPages(client, groupsTable, StoredItem.GSI2, "gsi2pk", GroupKeys.ALL_GROUPS, 5, count);
        queryPages(client, reviewTable, StoredItem.GSI1, "gsi1pk", "CYCLE#" + YEAR + "#STAGE#district", 5, count);
        queryPages(client, reviewTable, StoredItem.GSI1, "gsi1pk", "CYCLE#" + YEAR + "#STAGE#city", 5, count);
        String padding = "x".repeat(900);
        for (int b = 0; b < 120; b++) {
            List<WriteRequest> batch = new ArrayList<>(25);
            for (int i = 0; i < 25; i++) {
                String id = "warm-up-" + (b * 25 + i);
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                        "pk", AttributeValue.fromS("WARMUP#" + id), "sk", AttributeValue.fromS("WARMUP"),
                        "gsi1pk", AttributeValue.fromS("WARMUP"), "gsi1sk", AttributeValue.fromS(id),
                        "data", AttributeValue.fromS(padding))).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(resultsTable, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> sending = pending;
                pending = client.batchWriteItem(r -> r.requestItems(sending)).unprocessedItems();
            }
        }
    }

    // ---- the seed ----------------------------------------------------------------------------------------------------

    /**
     * DynamoDB Local (in memory) in its own JVM with {@code groups} groups of the benchmark cycle and their sheets
     * ({@link DynamoDbLocalProcess}), and this JVM's settings pointed at it (its endpoint, the template's table
     * names); prints {@code <prefix>_seed: ...}. The caller destroys the process.
     */
    static Process startSeeded(int groups, String prefix) throws IOException {
        SamTemplate template = SamTemplate.load();
        int port = DynamoDbLocal.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                DynamoDbLocalProcess.class.getName(), Integer.toString(port), Integer.toString(groups)));
        Process dynamo = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            awaitReady(dynamo, prefix);
        } catch (IOException | RuntimeException e) {
            dynamo.destroy();
            throw e;
        }
        System.setProperty("DYNAMODB_ENDPOINT", "http://localhost:" + port);
        for (SamTemplate.Function f : template.functions()) {
            f.environment().forEach((k, v) -> {
                if (System.getProperty(k) == null && System.getenv(k) == null) {
                    System.setProperty(k, v);
                }
            });
        }
        return dynamo;
    }

    private static void awaitReady(Process dynamo, String prefix) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(dynamo.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                System.out.println(prefix + "_seed: " + line.substring(6));
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // DynamoDB Local's own output is not a figure
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                }, "dynamodb-local-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
            if (line.startsWith("FAILED ")) {
                throw new IllegalStateException("DynamoDB Local with the seed did not start: " + line.substring(7));
            }
        }
        throw new IllegalStateException("DynamoDB Local with the seed ended before it was ready");
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
            groupBatch.add(put(DynamoDbGroupStore.toItem(g)));
            sheetBatch.add(put(participant(g)));
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
            if (sheetBatch.size() >= 23) {
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

    /** The group's participation in the cycle, as the review workflow stores it. */
    private static StoredItem participant(Group g) {
        StoredItem item = StoredItem.of("Participant", "CYCLE#" + YEAR + "#GROUP#" + g.groupId(), "PARTICIPANT");
        item.setGsi1pk("CYCLE#" + YEAR + "#PARTICIPANTS");
        item.setGsi1sk("DISTRICT#" + g.district() + "#GROUP#" + g.groupId());
        item.setGsi2pk("GROUP#" + g.groupId() + "#CYCLES");
        item.setGsi2sk("CYCLE#" + YEAR);
        item.setDistrict(g.district());
        item.setStatus("ENROLLED");
        item.setVersion(1L);
        item.setData(Json.write(Participant.enrol(YEAR, g, g.createdAt(), "CITY:bench", "benchmark",
                ParticipationCause.CITY)));
        return item;
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

    /**
     * DynamoDB Local (in memory) in its own JVM, so the benchmark's heap figures are the ranking's alone; it also
     * generates the groups and their sheets (arguments: port, group count), with the default JIT, and prints
     * {@code READY ...} once they are in.
     */
    public static final class DynamoDbLocalProcess {
        public static void main(String[] args) throws Exception {
            int port = Integer.parseInt(args[0]);
            int groups = Integer.parseInt(args[1]);
            try {
                DynamoDbLocal local = DynamoDbLocal.start(port, null);
                long started = System.nanoTime();
                try (DynamoDbClient client = local.client()) {
                    LocalTables.createAll(client, SamTemplate.load());
                    generate(client, groups);
                }
                System.out.printf("READY generated %d groups and their sheets in %.1f s (not timed)%n", groups,
                        (System.nanoTime() - started) / 1e9);
            } catch (Exception e) {
                System.out.println("FAILED " + e);
                System.exit(1);
            }
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
