package org.groupeval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.groupeval.local.DynamoDbLocal;
import org.groupeval.local.HttpEvents;
import org.groupeval.local.LocalFiles;
import org.groupeval.local.LocalS3;
import org.groupeval.local.LocalTables;
import org.groupeval.local.SamTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark command ({@code ./bench/run}): every figure is printed as one {@code name: value} line and every
 * ratio compares two things measured side by side in this run, because this machine is shared and absolute times
 * drift. Functions, handlers, jars and routes come from template.yaml, sample events from {@code events/}, so a
 * function added to the template is measured without changing this class.
 *
 * <ol>
 *   <li>Cold start: fresh JVMs with Lambda's flags, each running the function's real entry point on its sample
 *   event against one DynamoDB Local, next to a plain-Java handler making the same DynamoDB calls.</li>
 *   <li>Warm overhead: per route, handler invocations next to the raw SDK calls they make, in one JVM.</li>
 *   <li>Ranking at scale (see {@link RankingFigure}), 4. scoring throughput, 5. package sizes.</li>
 * </ol>
 */
public final class Bench {

    /** The run's clock for the samples' calendar (see {@link Setups#shiftCalendar}). */
    private static final OffsetDateTime RUN_STARTED = OffsetDateTime.now(ZoneOffset.UTC);
    /**
     * The JVM flags the functions run with on Lambda: tiered compilation stopped at C1 (template.yaml's
     * JAVA_TOOL_OPTIONS; the java17 runtime's default) and the serial collector, the java17 runtime's default (AWS
     * Lambda developer guide, "Customize Java runtime startup behavior") and what the JVM's own ergonomics choose
     * for the template's 1,024 MB (under 1,792 MB, about half a vCPU). Left to itself the JVM would pick G1 on this
     * 2-core, 24 GB machine, with concurrent marking threads that a function never has.
     */
    static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The shape of the ids the service generates: a short prefix and a ULID-like body. */
    private static final Pattern GENERATED_ID = Pattern.compile("[a-z]{1,4}-[0-9a-z]{16,}");

    private final Path root;
    private final SamTemplate template;
    private final Path work;
    /**
     * Cold JVMs per side and function: at least {@code bench.coldRuns}; up to {@code bench.coldRunsMax} when the time
     * left allows it without taking the warm phase below {@link #WARM_SECONDS_KEPT} (the figure is the worst of six
     * medians, so each median's precision counts).
     */
    private int coldRuns = Integer.getInteger("bench.coldRuns", 5);
    private final int coldRunsMax = Integer.getInteger("bench.coldRunsMax", 9);
    /**
     * Where the children load a function's code from: {@code task-root} (default), the jar extracted into a directory
     * as Lambda extracts a .zip or .jar package into {@code /var/task} before its runtime loads the handler from there;
     * {@code jar}, the jar itself on the classpath, which Lambda never does (kept for comparison).
     */
    private final String codeFrom = System.getProperty("bench.codeFrom", "task-root");
    private final Map<Path, Path> taskRoots = new LinkedHashMap<>();
    /**
     * Extra JVM options for the cold-start JVMs, ours and plain alike (space-separated; e.g. a profiler's
     * {@code -agentpath}), for looking into a cold start; none by default.
     */
    private final List<String> coldJvmOptions = Stream.of(System.getProperty("bench.coldJvmOptions", "").split(" "))
            .filter(option -> !option.isBlank()).toList();
    private final int iterations = Integer.getInteger("bench.iterations", 2000);
    private final int warmup = Integer.getInteger("bench.warmup", 200);
    /**
     * Seconds the warm phase may take in all: at most {@code bench.warmSeconds}, and no more than the run's deadline
     * leaves once the cold starts are provided for.
     */
    private double warmBudgetSeconds = Double.parseDouble(System.getProperty("bench.warmSeconds", "240"));
    /**
     * The whole command ({@code ./bench/run}, build included: it passes its start time in BENCH_STARTED_MS) ends
     * within this many seconds; 10 minutes is the limit, the rest is margin.
     */
    private final double totalSeconds = Double.parseDouble(System.getProperty("bench.totalSeconds", "540"));
    private final long startedMillis = startedMillis();
    /** Planning figures for the deadline (measured on the 2-core machine; a cold JVM and its restore). */
    private static final double COLD_SECONDS_PER_JVM = 1.8;
    private static final double SCORING_SECONDS = 15;
    private static final double MIN_WARM_SECONDS = 60;
    /** Extra cold runs are taken only from warm-phase time beyond this (or beyond bench.warmSeconds, if lower). */
    private static final double WARM_SECONDS_KEPT = 120;
    /**
     * The least time a route's timed rounds get, however late the warm phase starts (its warm-up and its
     * recording come on top). With 39 routes this floor is 29 s; at 1.5 s a route it would be 59 s, which with the
     * functions' start-ups would make a squeezed warm phase take ≈ 85 s instead of its planned 60.
     */
    static final double MIN_ROUTE_SECONDS = 0.75;
    private long warmRoutesLeft;
    private long warmPhaseStarted;
    private final Map<String, Double> ratios = new LinkedHashMap<>();
    private DynamoDbLocal dynamo;
    /** The local S3, when the template declares buckets (the evidence function needs its bucket to start). */
    private LocalS3 s3;
    private DynamoDbClient client;
    private List<String> tableNames;

    /** One sample event: its file, the route it is for (null for schedules and other triggers), its JSON. */
    record Event(Path file, String name, String routeKey, String json) {
        boolean http() {
            return routeKey != null;
        }
    }

    record Fn(SamTemplate.Function function, String name, Path jar, List<Event> events) {
    }

    private Bench(Path root) {
        this.root = root;
        this.template = SamTemplate.load(root.resolve("template.yaml"));
        this.work = root.resolve("bench/target/run");
    }

    public static void main(String[] args) throws Exception {
        Path root = SamTemplate.repoRoot();
        new Bench(root).run();
        System.exit(0);
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        LocalFiles.deleteRecursively(work);
        Files.createDirectories(work);
        print("load_average_at_start", Stats.fmt(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        print("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        List<Fn> functions = functions();

        packageSizes(functions);

        // the ranking goes first: it is the longest figure and the one a short budget must not cut; what it leaves
        // is shared by scoring, the cold starts (at least bench.coldRuns per function) and the warm rounds
        long coldFunctions = functions.stream().filter(fn -> Files.exists(fn.jar()) && !fn.events().isEmpty()).count();
        double coldEstimate = coldFunctions * coldRuns * 2 * COLD_SECONDS_PER_JVM + 10;
        double rankingSeconds = Math.min(Double.parseDouble(System.getProperty("bench.rankingTimeoutSeconds", "420")),
                secondsLeft() - coldEstimate - SCORING_SECONDS - MIN_WARM_SECONDS);
        RankingFigure.Result ranking = new RankingFigure(root, template, work, this::print)
                .run((long) Math.max(30, rankingSeconds));
        new ScoringFigure(root, this::print).run();

        dynamo = quietly(() -> DynamoDbLocal.start(0, null));
        client = dynamo.client();
        LocalTables.createAll(client, template);
        if (LocalS3.declaresBuckets(template)) {
            s3 = quietly(() -> LocalS3.start(null, 0));
            s3.createBuckets(template);
        }
        tableNames = template.tables().stream().map(SamTemplate.Table::logicalId).toList();

        Map<String, Path> seedSnapshots = new LinkedHashMap<>();
        List<Fn> measurable = new ArrayList<>();
        for (Fn fn : functions) {
            if (!Files.exists(fn.jar())) {
                print("cold_start_ms_" + fn.name(), "unavailable (no " + root.relativize(fn.jar()) + ": build it)");
                continue;
            }
            if (fn.events().isEmpty()) {
                print("cold_start_ms_" + fn.name(), "unavailable (no sample events under events/ for it)");
                continue;
            }
            measurable.add(fn);
        }
        Map<String, String> substitutions = new LinkedHashMap<>();
        long setupStarted = System.nanoTime();
        for (Fn fn : measurable) {
            seed(fn, substitutions, seedSnapshots);
        }
        Snapshot seeded = Snapshot.take(client, tableNames);
        print("seeded_items", Integer.toString(seeded.size()));
        Path seededFile = work.resolve("seeded.bin");
        seeded.write(seededFile);
        for (Fn fn : measurable) {
            setUp(fn, substitutions, seedSnapshots, seededFile);
        }
        seeded.restoreAll(client);
        print("bench_seconds_seed_and_setup", Stats.fmt((System.nanoTime() - setupStarted) / 1e9));

        warmRoutesLeft = measurable.stream().flatMap(fn -> fn.events().stream()).filter(Event::http).count();
        double forWarm = secondsLeft() - coldEstimate;
        double perExtraRun = measurable.size() * 2 * COLD_SECONDS_PER_JVM;
        while (coldRuns < coldRunsMax
                && forWarm - perExtraRun >= Math.min(WARM_SECONDS_KEPT, warmBudgetSeconds)) {
            coldRuns++;
            forWarm -= perExtraRun;
        }
        print("bench_cold_runs", Integer.toString(coldRuns));
        warmBudgetSeconds = Math.max(MIN_WARM_SECONDS, Math.min(warmBudgetSeconds, forWarm));
        print("bench_warm_budget_seconds", Stats.fmt(warmBudgetSeconds));
        warmPhaseStarted = System.nanoTime();
        Map<String, Event> coldEvents = new LinkedHashMap<>();
        for (Fn fn : measurable) {
            Event cold = coldEvent(fn);
            coldEvents.put(fn.name(), cold);
            long warmStarted = System.nanoTime();
            try {
                warm(fn, cold, substitutions, seedSnapshots);
            } catch (IllegalStateException e) {
                print("warm_" + fn.name(), "unavailable (" + e.getMessage() + ")");
            }
            seeded.restoreAll(client);
            warmRoutesLeft -= fn.events().stream().filter(Event::http).count();
            print("bench_seconds_warm_" + fn.name(), Stats.fmt((System.nanoTime() - warmStarted) / 1e9));
        }
        for (Fn fn : measurable) {
            long coldStarted = System.nanoTime();
            try {
                coldStart(fn, coldEvents.get(fn.name()), substitutions, seedSnapshots, seeded);
            } catch (IllegalStateException e) {
                print("cold_start_ms_" + fn.name(), "unavailable (" + e.getMessage() + ")");
            }
            print("bench_seconds_cold_" + fn.name(), Stats.fmt((System.nanoTime() - coldStarted) / 1e9));
        }
        client.close();
        dynamo.close();
        if (s3 != null) {
            s3.close();
        }

        print("load_average_at_end", Stats.fmt(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        print("bench_wall_seconds", Stats.fmt((System.nanoTime() - started) / 1e9));
        print("bench_command_seconds", Stats.fmt((System.currentTimeMillis() - startedMillis) / 1000.0)
                + " (build included)");

        double cold = ratios.entrySet().stream().filter(e -> e.getKey().startsWith("cold_start_ratio_"))
                .mapToDouble(Map.Entry::getValue).max().orElse(Double.NaN);
        double warm = ratios.entrySet().stream().filter(e -> e.getKey().startsWith("warm_overhead_ratio_p50_"))
                .mapToDouble(Map.Entry::getValue).max().orElse(Double.NaN);
        double warm99 = ratios.entrySet().stream().filter(e -> e.getKey().startsWith("warm_overhead_ratio_p99_"))
                .mapToDouble(Map.Entry::getValue).max().orElse(Double.NaN);
        print("cold_start_ratio", Double.isNaN(cold) ? "unavailable (no function could be measured)" : Stats.fmt(cold));
        print("warm_overhead_ratio", Double.isNaN(warm) ? "unavailable (no route could be measured)" : Stats.fmt(warm));
        print("warm_overhead_ratio_p99", Double.isNaN(warm99) ? "unavailable (no route could be measured)"
                : Stats.fmt(warm99));
        print("ranking_peak_heap_mb", ranking.peakHeap());
        print("ranking_vs_io_floor", ranking.ratio());
    }

    private static long startedMillis() {
        String env = System.getenv("BENCH_STARTED_MS");
        if (env != null && env.matches("\\d+")) {
            return Long.parseLong(env);
        }
        return ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private double secondsLeft() {
        return totalSeconds - (System.currentTimeMillis() - startedMillis) / 1000.0;
    }

    // ------------------------------------------------------------------------------------------------ discovery

    private List<Fn> functions() throws IOException {
        Map<String, SamTemplate.Function> byRoute = template.routeTable();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root.resolve("events"))) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<Fn> functions = new ArrayList<>();
        for (SamTemplate.Function f : template.functions()) {
            String codeUri = String.valueOf(f.properties().get("CodeUri"));
            Path jar = root.resolve(codeUri);
            String name = functionName(f, codeUri);
            List<Event> events = new ArrayList<>();
            for (SamTemplate.HttpRoute route : f.routes()) {
                for (Path file : files) {
                    JsonNode json = MAPPER.readTree(file.toFile());
                    if (route.routeKey().equals(json.path("routeKey").asText(null))) {
                        events.add(new Event(file, WarmRunner.name(file), route.routeKey(), Files.readString(file)));
                    }
                }
            }
            String module = moduleName(codeUri);
            for (Path file : files) {
                JsonNode json = MAPPER.readTree(file.toFile());
                if (json.has("routeKey") || !file.getParent().getFileName().toString().equals(module)) {
                    continue;
                }
                // an S3 notification belongs to the module's function with an S3 trigger, an EventBridge event to
                // its function with an EventBridge rule, any other event to its function with a schedule (several
                // functions of one jar: the HTTP one and the triggered ones)
                boolean s3Event = "aws:s3".equals(json.path("Records").path(0).path("eventSource").asText(null));
                boolean eventBridge = json.has("detail-type");
                if (s3Event ? !f.s3Triggers().isEmpty() : eventBridge ? hasEventRule(f) : !f.schedules().isEmpty()) {
                    events.add(new Event(file, WarmRunner.name(file), null, Files.readString(file)));
                }
            }
            events.removeIf(e -> e.http() && byRoute.get(e.routeKey()) != f
                    && !byRoute.get(e.routeKey()).logicalId().equals(f.logicalId()));
            functions.add(new Fn(f, name, jar, events));
        }
        return functions;
    }

    private static boolean hasEventRule(SamTemplate.Function f) {
        return SamTemplate.map(f.properties().get("Events")).values().stream()
                .anyMatch(e -> "EventBridgeRule".equals(SamTemplate.map(e).get("Type")));
    }

    /**
     * The name figures carry: the logical id without "Function", in snake case (RegistrationFunction →
     * registration, EvidenceUploadFunction → evidence_upload), unique even when two functions share a jar.
     */
    private static String functionName(SamTemplate.Function f, String codeUri) {
        return f.logicalId().replaceFirst("Function$", "").replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }

    /** functions/registration/target/function.jar → registration (the folder of its sample events). */
    private static String moduleName(String codeUri) {
        Matcher m = Pattern.compile("functions/([^/]+)/").matcher(codeUri);
        return m.find() ? m.group(1) : "";
    }

    /** A GET of one resource if there is one (the typical first request), else any GET, else the first event. */
    private static Event coldEvent(Fn fn) {
        return fn.events().stream().filter(e -> e.http() && e.routeKey().startsWith("GET ") && e.routeKey().contains("{"))
                .findFirst()
                .or(() -> fn.events().stream().filter(e -> e.http() && e.routeKey().startsWith("GET ")).findFirst())
                .orElse(fn.events().get(0));
    }

    /**
     * A creating event: a POST to a collection ({@code POST /groups}, {@code POST /groups/{groupId}/cycles/{year}/evidence},
     * {@code POST /cycles/{year}/rankings}), not an action on one resource (…/submit, …/publish, …/score).
     */
    static boolean creates(Event e) {
        if (!e.http() || !e.routeKey().startsWith("POST ")) {
            return false;
        }
        String path = e.routeKey().substring(5);
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.startsWith("{") && !List.of("submit", "publish", "score").contains(last);
    }

    // ----------------------------------------------------------------------------------------------- seeding

    /**
     * Runs the function's creating events (POSTs to collections, see {@link #creates}) once, in template order of
     * the functions, so the other sample events find the data they name; the ids the service generated replace
     * the placeholders of the sample events (e.g. the {@code groupId} of get-group.json becomes the id of the group
     * register-group.json created, the {@code evidenceId} of get-evidence.json the one declare-evidence.json made).
     */
    private void seed(Fn fn, Map<String, String> substitutions, Map<String, Path> seedSnapshots) throws Exception {
        List<Event> creating = fn.events().stream().filter(Bench::creates).toList();
        if (creating.isEmpty()) {
            return;
        }
        Path dir = functionDir(fn);
        List<String> args = new ArrayList<>();
        for (Event e : creating) {
            args.add(writeEvent(fn, e, substitutions).toString());
        }
        runChild(fn, "seed", args, true);
        for (String line : Files.readAllLines(dir.resolve("seed-results.txt"))) {
            String[] f = line.split("\t");
            Event event = creating.stream().filter(e -> e.name().equals(f[1])).findFirst().orElseThrow();
            seedSnapshots.put(fn.name() + "/" + event.name(), dir.resolve("before-" + event.name() + ".bin"));
            print("seed_status_" + fn.name() + "_" + slug(event.name()), f[2]);
            if (!f[3].equals("-")) {
                learnIds(fn, f[3], substitutions);
            }
        }
    }

    /**
     * Runs the recipes of the function's samples that need more than the creating events (bench/setup, see
     * {@link Setups}), each from the seeded tables, in one child JVM; each such sample is then measured against
     * the tables its recipe left.
     */
    private void setUp(Fn fn, Map<String, String> substitutions, Map<String, Path> seedSnapshots, Path seededFile)
            throws Exception {
        String module = root.relativize(fn.jar()).getName(1).toString();
        Map<String, List<String>> recipes = Setups.recipes(root, module);
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, List<String>> recipe : recipes.entrySet()) {
            Optional<Event> sample = fn.events().stream().filter(e -> e.name().equals(recipe.getKey())).findFirst();
            if (sample.isEmpty()) {
                continue; // a recipe of another function of the module (one jar, two functions)
            }
            List<String> steps = new ArrayList<>();
            for (int i = 0; i < recipe.getValue().size(); i++) {
                String name = "setup-" + recipe.getKey() + "-" + (i + 1);
                Event step = new Event(sample.get().file(), name, sample.get().routeKey(), recipe.getValue().get(i));
                steps.add(writeEvent(fn, step, substitutions).toString());
            }
            entries.add(recipe.getKey() + "=" + seededFile + "=" + String.join(",", steps));
        }
        if (entries.isEmpty()) {
            return;
        }
        runChild(fn, "setup", entries, false);
        Path dir = functionDir(fn);
        for (String line : Files.readAllLines(dir.resolve("setup-results.txt"))) {
            String[] f = line.split("\t");
            seedSnapshots.put(fn.name() + "/" + f[1], dir.resolve("setup-" + f[1] + ".bin"));
            print("setup_status_" + fn.name() + "_" + slug(f[1]), f[2]);
        }
    }

    /** Location /groups/g-123 matches GET /groups/{groupId}: the sample events' groupId becomes g-123. */
    private void learnIds(Fn fn, String location, Map<String, String> substitutions) throws IOException {
        String path = location.replaceFirst("^https?://[^/]+", "");
        for (SamTemplate.HttpRoute route : fn.function().routes()) {
            Map<String, String> params = HttpEvents.match(route.path(), path);
            if (params == null || params.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, String> param : params.entrySet()) {
                String created = param.getValue();
                for (Event e : fn.events()) {
                    JsonNode sample = MAPPER.readTree(e.json()).path("pathParameters").path(param.getKey());
                    // only generated ids (g-01k…, ev-01j…): a route such as …/sheets/{stage} also matches a
                    // Location, and replacing a word like "district" everywhere would corrupt every event
                    if (sample.isTextual() && !sample.asText().equals(created)
                            && GENERATED_ID.matcher(sample.asText()).matches()) {
                        substitutions.put(sample.asText(), created);
                    }
                }
            }
            return;
        }
    }

    private Path writeEvent(Fn fn, Event event, Map<String, String> substitutions) throws IOException {
        String json = event.json();
        for (Map.Entry<String, String> s : substitutions.entrySet()) {
            json = json.replace(s.getKey(), s.getValue());
        }
        if (!event.http() && !fn.function().s3Triggers().isEmpty()) {
            // the sample names a deployed bucket: the local one stands in for it
            JsonNode records = MAPPER.readTree(json).path("Records");
            String local = LocalS3.bucketName(fn.function().s3Triggers().get(0).bucketLogicalId());
            for (JsonNode r : records) {
                String named = r.path("s3").path("bucket").path("name").asText(null);
                if (named != null) {
                    json = json.replace("\"" + named + "\"", "\"" + local + "\"")
                            .replace(":::" + named + "\"", ":::" + local + "\"");
                }
            }
        }
        List<String> buckets = template.resourcesOfType("AWS::S3::Bucket");
        String scanned = MAPPER.readTree(json).path("detail").path("s3ObjectDetails").path("bucketName").asText(null);
        if (scanned != null && buckets.size() == 1) {
            // a malware scan result names the deployed bucket too
            json = json.replace("\"" + scanned + "\"", "\"" + LocalS3.bucketName(buckets.get(0)) + "\"");
        }
        json = Setups.shiftCalendar(json, RUN_STARTED);
        Path file = functionDir(fn).resolve("events").resolve(event.name() + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    private Path functionDir(Fn fn) throws IOException {
        Path dir = work.resolve(fn.name());
        Files.createDirectories(dir);
        return dir;
    }

    // ------------------------------------------------------------------------------------------------- warm

    private void warm(Fn fn, Event cold, Map<String, String> substitutions, Map<String, Path> seedSnapshots)
            throws Exception {
        List<String> args = new ArrayList<>();
        for (Event e : fn.events()) {
            if (!e.http() && e != cold) {
                continue;
            }
            String spec = writeEvent(fn, e, substitutions).toString();
            Path before = seedSnapshots.get(fn.name() + "/" + e.name());
            if (before != null) {
                spec += "@" + before;
            }
            args.add(e.http() ? spec : spec + "!record");
        }
        runChild(fn, "warm", args, true);
        Path dir = functionDir(fn);
        for (String line : Files.readAllLines(dir.resolve("warm-results.txt"))) {
            String[] f = line.split("\t");
            Event event = fn.events().stream().filter(e -> e.name().equals(f[1])).findFirst().orElseThrow();
            String id = event.http() ? slug(event.routeKey()) : fn.name() + "_" + slug(event.name());
            if (f[0].equals("record")) {
                print("recorded_calls_" + id, f[3].isEmpty() ? "none" : f[3]);
                continue;
            }
            print("warm_status_" + id, f[2] + (f[2].startsWith("2") ? "" : " (not a success: the figures time "
                    + "this answer)"));
            print("warm_sdk_calls_" + id, f[3].isEmpty() ? "none" : f[3]);
            double p50 = Double.parseDouble(f[4]);
            double p99 = Double.parseDouble(f[5]);
            double raw50 = Double.parseDouble(f[6]);
            double raw99 = Double.parseDouble(f[7]);
            int timed = Integer.parseInt(f[8]);
            print("warm_iterations_" + id, timed + (timed < iterations ? " (of " + iterations + ": the run's time "
                    + "budget, bench.warmSeconds, was spent)" : ""));
            print("warm_p50_ms_" + id, f[4]);
            print("warm_p99_ms_" + id, f[5]);
            print("warm_raw_sdk_p50_ms_" + id, f[6]);
            print("warm_raw_sdk_p99_ms_" + id, f[7]);
            if (f[3].isEmpty()) {
                print("warm_overhead_ratio_p50_" + id, "not applicable (the route makes no SDK call: no floor)");
            } else if (raw50 > 0) {
                ratio("warm_overhead_ratio_p50_" + id, p50 / raw50);
                ratio("warm_overhead_ratio_p99_" + id, p99 / raw99);
            } else {
                print("warm_overhead_ratio_p50_" + id, "unavailable (the route makes no SDK call)");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- cold

    private void coldStart(Fn fn, Event event, Map<String, String> substitutions, Map<String, Path> seedSnapshots,
                           Snapshot seeded) throws Exception {
        Path dir = functionDir(fn);
        Path eventFile = writeEvent(fn, event, substitutions);
        Path replay = dir.resolve("replay-" + event.name() + ".bin");
        if (!Files.exists(replay)) {
            print("cold_start_ratio_" + fn.name(), "unavailable (the warm phase did not record its calls)");
            return;
        }
        Path beforeFile = seedSnapshots.get(fn.name() + "/" + event.name());
        Snapshot base = beforeFile == null ? seeded : Snapshot.read(beforeFile);
        String plainClass = event.http() ? PlainHttpHandler.class.getName() : PlainEventHandler.class.getName();
        long[] ours = new long[coldRuns];
        long[] plain = new long[coldRuns];
        long[] harness = new long[coldRuns * 2];
        String status = null;
        for (int i = 0; i < coldRuns; i++) {
            // alternate which goes first, so drift in the machine's load does not favour either
            for (int k = 0; k < 2; k++) {
                boolean oursNow = (i + k) % 2 == 0;
                if (base != seeded) {
                    base.restoreAll(client);
                }
                long cpu = processCpuNanos();
                ColdRun run = coldRun(fn, oursNow ? fn.function().handlerClass() : plainClass, eventFile, replay);
                harness[i * 2 + k] = processCpuNanos() - cpu;
                seeded.restoreAll(client);
                if (oursNow) {
                    ours[i] = run.nanos();
                    status = run.status();
                } else {
                    plain[i] = run.nanos() - run.plumbingNanos();
                }
            }
        }
        double oursMs = Stats.medianMs(ours);
        double plainMs = Stats.medianMs(plain);
        print("cold_start_event_" + fn.name(), root.relativize(event.file()) + " (status " + status + ")");
        print("cold_start_ms_" + fn.name(), Stats.fmt(oursMs));
        print("cold_start_harness_cpu_ms_" + fn.name(), Stats.fmt(Stats.medianMs(harness)));
        print("cold_start_plain_ms_" + fn.name(), Stats.fmt(plainMs));
        print("cold_start_runs_ms_" + fn.name(), "ours " + Stats.runsMs(ours) + " | plain " + Stats.runsMs(plain));
        ratio("cold_start_ratio_" + fn.name(), oursMs / plainMs);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    record ColdRun(long nanos, long plumbingNanos, String status) {
    }

    private ColdRun coldRun(Fn fn, String handlerClass, Path eventFile, Path replay) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(LAMBDA_JVM_FLAGS);
        command.addAll(coldJvmOptions);
        command.add("-cp");
        command.add(childClasspath(fn, false));
        command.add(ColdDriver.class.getName());
        command.add(handlerClass);
        command.add(eventFile.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(functionDir(fn).resolve("cold-stderr.log").toFile());
        environment(fn, builder.environment());
        builder.environment().put("BENCH_REPLAY", replay.toString());
        long start = System.nanoTime();
        Process process = builder.start();
        long plumbing = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("BENCH-PLUMBING ")) {
                    plumbing = Long.parseLong(line.substring(15).trim());
                } else if (line.startsWith("BENCH-RESPONSE ")) {
                    long elapsed = System.nanoTime() - start;
                    String status = line.split(" ")[1];
                    if (!process.waitFor(20, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                    return new ColdRun(elapsed, plumbing, status);
                }
            }
        }
        process.waitFor(20, TimeUnit.SECONDS);
        throw new IllegalStateException(handlerClass + " answered nothing (exit " + process.exitValue() + "); see "
                + functionDir(fn).resolve("cold-stderr.log"));
    }

    // -------------------------------------------------------------------------------------------- children

    private void runChild(Fn fn, String mode, List<String> entries, boolean record) throws Exception {
        Path dir = functionDir(fn);
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(LAMBDA_JVM_FLAGS);
        command.add("-Dbench.tables=" + String.join(",", tableNames));
        command.add("-Dbench.iterations=" + iterations);
        command.add("-Dbench.warmup=" + warmup);
        long routes = fn.events().stream().filter(Event::http).count();
        double spent = (System.nanoTime() - warmPhaseStarted) / 1e9;
        double functionSeconds = Math.max(MIN_ROUTE_SECONDS * routes,
                (warmBudgetSeconds - spent) * routes / Math.max(1, warmRoutesLeft));
        command.add("-Dbench.functionSeconds=" + functionSeconds);
        command.add("-Dbench.minRouteSeconds=" + MIN_ROUTE_SECONDS);
        command.add("-cp");
        command.add(childClasspath(fn, record));
        command.add(WarmRunner.class.getName());
        command.add(mode);
        command.add(fn.function().handlerClass());
        command.add(fn.function().logicalId());
        command.add(dir.toString());
        command.addAll(entries);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve(mode + "-stdout.log").toFile())
                .redirectError(dir.resolve(mode + "-stderr.log").toFile());
        environment(fn, builder.environment());
        Process process = builder.start();
        // a child that hangs is stopped: 8 minutes, or its share of a longer warm budget and 2 minutes more
        long limitSeconds = Math.max(480, (long) functionSeconds + 120);
        if (!process.waitFor(limitSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(mode + " run of " + fn.name() + " failed; see " + dir);
        }
    }

    private void environment(Fn fn, Map<String, String> env) {
        env.putAll(fn.function().environment());
        env.remove("JAVA_TOOL_OPTIONS"); // the same flags are on the command line: no "Picked up" noise
        env.put("DYNAMODB_ENDPOINT", dynamo.endpoint());
        if (s3 != null) {
            env.putAll(s3.environment(template));
        }
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_LAMBDA_FUNCTION_NAME", fn.function().logicalId());
    }

    /**
     * What a child JVM sees: these benchmark classes, the Lambda runtime's serialisation library, and the
     * function's code as deployed ({@link #code}: its jar extracted as Lambda extracts it, unless
     * {@code bench.codeFrom=jar}); with {@code record}, also the registration of {@link Recorder}.
     */
    private String childClasspath(Fn fn, boolean record) throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(benchClasses().toString());
        entries.add(runtimeJar("aws-lambda-java-serialization"));
        if (record) {
            Path registration = work.resolve("recorder");
            Path file = registration.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
            Files.createDirectories(file.getParent());
            Files.writeString(file, Recorder.class.getName() + "\n");
            entries.add(registration.toString());
        }
        entries.add(code(fn).toString());
        return String.join(File.pathSeparator, entries);
    }

    /** The function's code as the children load it ({@code bench.codeFrom}): its task root, or its jar. */
    private Path code(Fn fn) throws IOException {
        if (codeFrom.equals("jar")) {
            return fn.jar();
        }
        if (!codeFrom.equals("task-root")) {
            throw new IllegalArgumentException("bench.codeFrom is task-root or jar, not " + codeFrom);
        }
        Path taskRoot = taskRoots.get(fn.jar());
        if (taskRoot == null) {
            taskRoot = work.resolve("task-roots").resolve(moduleName(root.relativize(fn.jar()).toString()));
            TaskRoot.extract(fn.jar(), taskRoot);
            taskRoots.put(fn.jar(), taskRoot);
        }
        return taskRoot;
    }

    static Path benchClasses() {
        try {
            return Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String runtimeJar(String artifact) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().startsWith(artifact + "-")) {
                return entry;
            }
        }
        throw new IllegalStateException(artifact + " is not on the benchmark's classpath");
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** DynamoDB Local prints its configuration on stdout, which carries only figures here. */
    static <T> T quietly(java.util.function.Supplier<T> action) {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return action.get();
        } finally {
            System.setOut(out);
        }
    }

    // ------------------------------------------------------------------------------------------------ sizes

    private void packageSizes(List<Fn> functions) throws IOException {
        double max = 0;
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Fn fn : functions) {
            if (!seen.add(fn.jar())) {
                continue;   // two functions deployed from one jar: one figure
            }
            if (!Files.exists(fn.jar())) {
                print("package_size_mb_" + fn.name(), "unavailable (no " + root.relativize(fn.jar()) + ")");
                continue;
            }
            double mb = Files.size(fn.jar()) / (1024.0 * 1024.0);
            max = Math.max(max, mb);
            print("package_size_mb_" + moduleName(root.relativize(fn.jar()).toString()), Stats.fmt(mb));
        }
        print("package_size_mb_max", Stats.fmt(max));
    }

    // ----------------------------------------------------------------------------------------------- output

    private void ratio(String name, double value) {
        ratios.put(name, value);
        print(name, Stats.fmt(value));
    }

    synchronized void print(String name, String value) {
        System.out.println(name + ": " + value);
        System.out.flush();
    }

    static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    static Optional<String> firstLine(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).stream().findFirst() : Optional.empty();
    }
}
