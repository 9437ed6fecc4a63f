package org.groupeval.bench;

import org.groupeval.local.SamTemplate;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure 3: the yearly ranking over 100,000 groups on DynamoDB Local, next to its I/O floor (Query-reading the
 * inputs and BatchWrite-ing as many result items) measured in the same run. The ranking function ships its own
 * benchmark main (a class named {@code *RankingBenchmark} in its jar) that seeds the groups, runs the ranking
 * and the floor and prints {@code name: value} lines; this class finds it through template.yaml, runs it in a
 * fresh JVM against a fresh DynamoDB Local with a 512 MB heap ceiling, reads the peak heap from the GC log, and
 * reports {@code ranking_vs_io_floor}. Until the ranking function exists it says so. The same way it runs the
 * export figure ({@link #export}): the year's results of 10,000 groups as .xlsx within a 256 MB heap.
 */
final class RankingFigure {

    record Result(String peakHeap, String ratio) {
    }

    private static final Pattern FIGURE = Pattern.compile("^([a-z0-9_\\-.]+): (.+)$");
    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");

    private final Path root;
    private final SamTemplate template;
    private final Path work;
    private final BiConsumer<String, String> print;

    RankingFigure(Path root, SamTemplate template, Path work, BiConsumer<String, String> print) {
        this.root = root;
        this.template = template;
        this.work = work;
        this.print = print;
    }

    Result run(long timeout) throws Exception {
        int groups = Integer.getInteger("bench.rankingGroups", 100_000);
        ChildRun child = runChild("RankingBenchmark", "ranking", 512, groups, timeout);
        if (child.unavailable() != null) {
            return new Result(child.unavailable(), child.unavailable());
        }
        Map<String, String> figures = child.figures();
        figures.forEach((name, value) -> {
            if (!name.equals("ranking_vs_io_floor") && !name.equals("ranking_peak_heap_mb")) {
                print.accept(name, value);
            }
        });
        String peak = child.gcPeakMb().map(mb -> mb + " (GC log, -Xmx512m)")
                .orElse(figures.getOrDefault("ranking_peak_heap_mb", "unavailable (no GC in the run)"));
        figures.entrySet().stream().filter(e -> e.getKey().endsWith("_peak_heap_mb")).findFirst()
                .ifPresent(e -> figures.putIfAbsent("ranking_peak_heap_mb", e.getValue()));
        String ratio = figures.get("ranking_vs_io_floor");
        if (ratio == null && figures.containsKey("ranking_wall_ms") && figures.containsKey("ranking_io_floor_ms")) {
            ratio = Stats.fmt(Double.parseDouble(figures.get("ranking_wall_ms"))
                    / Double.parseDouble(figures.get("ranking_io_floor_ms")));
        }
        return new Result(peak, ratio == null ? "unavailable (the ranking benchmark measures no I/O floor: it printed "
                + "no ranking_wall_ms and ranking_io_floor_ms)" : ratio);
    }

    /**
     * The export figure: the results of {@code bench.exportGroups} groups (default 10,000) as .xlsx through the
     * ranking function's Lambda entry point, in a fresh JVM with a 256 MB heap ceiling ({@code *ResultsExportBenchmark}
     * in the ranking module's test classes). Prints its {@code export_*} lines and the JVM's peak heap from the GC
     * log ({@code export_jvm_peak_heap_mb}: the untimed ranking that makes the results included).
     */
    void export(long timeout) throws Exception {
        int groups = Integer.getInteger("bench.exportGroups", 10_000);
        ChildRun child = runChild("ResultsExportBenchmark", "export", 256, groups, timeout);
        if (child.unavailable() != null) {
            print.accept("export_xlsx_ms", child.unavailable());
            return;
        }
        child.figures().forEach(print);
        print.accept("export_jvm_peak_heap_mb", child.gcPeakMb().map(mb -> mb + " (GC log, -Xmx256m)")
                .orElse("unavailable (no GC in the run)"));
    }

    /** What a benchmark main printed ({@code <prefix>...} lines) and its JVM's peak heap, or why it did not run. */
    private record ChildRun(Map<String, String> figures, Optional<Long> gcPeakMb, String unavailable) {

        static ChildRun unavailable(String why) {
            return new ChildRun(Map.of(), Optional.empty(), why);
        }
    }

    /**
     * Runs the ranking module's benchmark main named {@code *<mainName>} over {@code n} groups in a fresh JVM with
     * Lambda's flags and a heap of {@code heapMb}, against a DynamoDB Local it starts itself, within
     * {@code timeout} seconds; collects the lines whose name starts with {@code prefix}.
     */
    private ChildRun runChild(String mainName, String prefix, int heapMb, int n, long timeout) throws Exception {
        Optional<SamTemplate.Function> ranking = template.functions().stream()
                .filter(f -> f.logicalId().toLowerCase().contains("ranking")).findFirst();
        if (ranking.isEmpty()) {
            return ChildRun.unavailable("unavailable (no ranking function in template.yaml yet)");
        }
        Path jar = root.resolve(String.valueOf(ranking.get().properties().get("CodeUri")));
        if (!Files.exists(jar)) {
            return ChildRun.unavailable("unavailable (no " + root.relativize(jar) + ": build it)");
        }
        // the benchmark main ships in the jar, or (as docs/ranking.md has it) in the module's test classes, which
        // then run with the module's classes and this harness's classpath (shared, local kit, SDK, DynamoDB Local)
        Path module = jar.getParent().getParent();
        Path testClasses = module.resolve("target/test-classes");
        Optional<String> main = benchmarkMain(jar, mainName);
        String classpath = jar + File.pathSeparator + ChildJvms.runtimeJar("aws-lambda-java-serialization");
        if (main.isEmpty() && Files.isDirectory(testClasses)) {
            main = benchmarkMainIn(testClasses, mainName);
            classpath = testClasses + File.pathSeparator + module.resolve("target/classes") + File.pathSeparator
                    + System.getProperty("java.class.path");
        }
        if (main.isEmpty()) {
            return ChildRun.unavailable("unavailable (neither " + root.relativize(jar) + " nor "
                    + root.relativize(testClasses) + " has a *" + mainName + " main class)");
        }
        Path gcLog = work.resolve(prefix + "-gc.log");
        Map<String, String> figures = new LinkedHashMap<>();
        // the benchmark main starts its own DynamoDB Local (in a child JVM, so the heap figures are the function's)
        List<String> command = new ArrayList<>(List.of(ChildJvms.javaBinary()));
        command.addAll(ChildJvms.lambdaJvmFlags(ranking.get()));
        command.addAll(List.of("-Xmx" + heapMb + "m", "-Xlog:gc:file=" + gcLog, "-Dbench.groups=" + n,
                "-Dgroupeval.repo.root=" + root));
        command.addAll(List.of("-cp", classpath, main.get(), Integer.toString(n)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(ranking.get().environment());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("AWS_ACCESS_KEY_ID", "local");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        long started = System.nanoTime();
        Process process = builder.start();
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(timeout, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, prefix + "-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Path log = work.resolve(prefix + "-stdout.log");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); var copy = Files.newBufferedWriter(log)) {
            String line;
            while ((line = out.readLine()) != null) {
                copy.write(line);
                copy.newLine();
                Matcher m = FIGURE.matcher(line);
                if (m.matches() && m.group(1).startsWith(prefix)) {
                    figures.put(m.group(1), m.group(2));
                }
            }
        }
        print.accept("bench_seconds_" + prefix, Stats.fmt((System.nanoTime() - started) / 1e9));
        if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return ChildRun.unavailable("unavailable (" + main.get() + " failed, ran out of a " + heapMb
                    + " MB heap or took more than " + timeout + " s, the part of the run's deadline left to it; see "
                    + root.relativize(log) + ")");
        }
        return new ChildRun(figures, peakHeapMb(gcLog), null);
    }

    private static Optional<String> benchmarkMain(Path jar, String mainName) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.startsWith("org/groupeval/") && name.endsWith("/" + mainName + ".class")) {
                    return Optional.of(name.substring(0, name.length() - 6).replace('/', '.'));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> benchmarkMainIn(Path classes, String mainName) throws IOException {
        try (var walk = Files.walk(classes)) {
            return walk.map(p -> classes.relativize(p).toString())
                    .filter(n -> n.endsWith(File.separator + mainName + ".class"))
                    .map(n -> n.substring(0, n.length() - 6).replace(File.separatorChar, '.'))
                    .findFirst();
        }
    }

    /** The most heap in use before any collection, from a {@code -Xlog:gc} file. */
    static Optional<Long> peakHeapMb(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) {
            return Optional.empty();
        }
        long peak = -1;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_HEAP.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
        }
        return peak < 0 ? Optional.empty() : Optional.of(peak);
    }
}
