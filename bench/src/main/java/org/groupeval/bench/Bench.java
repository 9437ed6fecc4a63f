package org.groupeval.bench;

import org.groupeval.bench.Discovery.Event;
import org.groupeval.bench.Discovery.Fn;
import org.groupeval.local.DynamoDbLocal;
import org.groupeval.local.LocalFiles;
import org.groupeval.local.LocalS3;
import org.groupeval.local.LocalTables;
import org.groupeval.local.SamTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
 *   <li>Ranking at scale and the .xlsx export of 10,000 results (see {@link RankingFigure}), 4. scoring
 *   throughput, 5. package sizes, 6. a group import of 150 rows ({@link ChildFigure}).</li>
 * </ol>
 * This class plans the run against its deadline and prints the figures; {@link Discovery} finds the functions and
 * their samples, {@link Samples} fits the samples to the run's data, {@link ChildJvms} starts the JVMs that measure.
 */
public final class Bench {

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
    /** Figures 4 and 6 together: the scoring engine's run and the import's (a DynamoDB Local of its own). */
    private static final double SCORING_SECONDS = 40;
    /** The export figure: storing 10,000 results and exporting them in a child JVM (≈ 30 s on a quiet machine). */
    private static final double EXPORT_SECONDS = 30;
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
    private DynamoDbClient client;
    private ChildJvms children;
    private Samples samples;

    private Bench(Path root) {
        this.root = root;
        this.template = SamTemplate.load(root.resolve("template.yaml"));
        this.work = root.resolve("bench/target/run");
    }

    public static void main(String[] args) {
        Path root = SamTemplate.repoRoot();
        try {
            new Bench(root).run();
        } catch (Exception | Error e) {
            // DynamoDB Local and the local S3 would keep a failed run's JVM alive
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        LocalFiles.deleteRecursively(work);
        Files.createDirectories(work);
        print("load_average_at_start", Stats.fmt(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        print("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        List<Fn> functions = Discovery.functions(root, template);

        packageSizes(functions);

        // the ranking goes first: it is the longest figure and the one a short budget must not cut; what it leaves
        // is shared by scoring, the cold starts (at least bench.coldRuns per function) and the warm rounds
        long coldFunctions = functions.stream().filter(fn -> Files.exists(fn.jar()) && !fn.events().isEmpty()).count();
        double coldEstimate = coldFunctions * coldRuns * 2 * COLD_SECONDS_PER_JVM + 10;
        double rankingSeconds = Math.min(Double.parseDouble(System.getProperty("bench.rankingTimeoutSeconds", "420")),
                secondsLeft() - coldEstimate - SCORING_SECONDS - EXPORT_SECONDS - MIN_WARM_SECONDS);
        RankingFigure figures = new RankingFigure(root, template, work, this::print);
        RankingFigure.Result ranking = figures.run((long) Math.max(30, rankingSeconds));
        figures.export((long) Math.max(2 * EXPORT_SECONDS, Math.min(4 * EXPORT_SECONDS,
                secondsLeft() - coldEstimate - SCORING_SECONDS - MIN_WARM_SECONDS)));
        ChildFigure.scoring(root, this::print).run();
        ChildFigure.groupImport(root, this::print).run();

        DynamoDbLocal dynamo = quietly(() -> DynamoDbLocal.start(0, null));
        client = dynamo.client();
        LocalTables.createAll(client, template);
        Map<String, String> services = new LinkedHashMap<>();
        services.put("DYNAMODB_ENDPOINT", dynamo.endpoint());
        // the local S3, when the template declares buckets (the evidence function needs its bucket to start)
        LocalS3 s3 = null;
        if (LocalS3.declaresBuckets(template)) {
            s3 = quietly(() -> LocalS3.start(null, 0));
            s3.createBuckets(template);
            services.putAll(s3.environment(template));
        }
        List<String> tableNames = template.tables().stream().map(SamTemplate.Table::logicalId).toList();
        children = new ChildJvms(root, work, services, tableNames);
        samples = new Samples(root, template, children, this::print);

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
        long setupStarted = System.nanoTime();
        for (Fn fn : measurable) {
            samples.seed(fn);
        }
        Snapshot seeded = Snapshot.take(client, tableNames);
        print("seeded_items", Integer.toString(seeded.size()));
        Path seededFile = work.resolve("seeded.bin");
        seeded.write(seededFile);
        for (Fn fn : measurable) {
            samples.setUp(fn, seededFile);
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
            Event cold = Discovery.coldEvent(fn);
            coldEvents.put(fn.name(), cold);
            long warmStarted = System.nanoTime();
            try {
                warm(fn, cold);
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
                coldStart(fn, coldEvents.get(fn.name()), seeded);
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

    // ------------------------------------------------------------------------------------------------- warm

    /**
     * The function's warm phase in one child JVM: its HTTP samples timed next to the raw SDK calls they make, its
     * cold event only recorded (for the plain baseline).
     */
    private void warm(Fn fn, Event cold) throws Exception {
        List<String> args = new ArrayList<>();
        for (Event e : fn.events()) {
            if (!e.http() && e != cold) {
                continue;
            }
            String spec = samples.write(fn, e).toString();
            Optional<Path> before = samples.tablesFor(fn, e);
            if (before.isPresent()) {
                spec += "@" + before.get();
            }
            args.add(e.http() ? spec : spec + "!record");
        }
        long routes = fn.events().stream().filter(Event::http).count();
        double spent = (System.nanoTime() - warmPhaseStarted) / 1e9;
        double functionSeconds = Math.max(MIN_ROUTE_SECONDS * routes,
                (warmBudgetSeconds - spent) * routes / Math.max(1, warmRoutesLeft));
        children.runChild(fn, "warm", args, true, functionSeconds);
        Path dir = children.functionDir(fn);
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
            int iterations = children.iterations();
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

    /** The function's cold starts, ours and the plain baseline's alternating, from the tables of its cold event. */
    private void coldStart(Fn fn, Event event, Snapshot seeded) throws Exception {
        Path dir = children.functionDir(fn);
        Path eventFile = samples.write(fn, event);
        Path replay = dir.resolve("replay-" + event.name() + ".bin");
        if (!Files.exists(replay)) {
            print("cold_start_ratio_" + fn.name(), "unavailable (the warm phase did not record its calls)");
            return;
        }
        Optional<Path> beforeFile = samples.tablesFor(fn, event);
        Snapshot base = beforeFile.isEmpty() ? seeded : Snapshot.read(beforeFile.get());
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
                ChildJvms.ColdRun run = children.coldRun(fn, oursNow ? fn.function().handlerClass() : plainClass,
                        eventFile, replay);
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
            print("package_size_mb_" + Discovery.moduleName(root.relativize(fn.jar()).toString()), Stats.fmt(mb));
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
}
