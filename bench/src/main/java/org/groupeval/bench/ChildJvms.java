package org.groupeval.bench;

import org.groupeval.bench.Discovery.Fn;
import org.groupeval.local.SamTemplate;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The child JVMs of a run, each loading a function's code as Lambda does (its task root: the jar extracted), with
 * Lambda's JVM flags and the function's environment pointed at the run's DynamoDB Local and local S3: the cold
 * starts ({@link ColdDriver}) and the function's seeding, setup and warm phases ({@link WarmRunner}).
 */
final class ChildJvms {

    /**
     * The collector of every child JVM: the serial collector, the java17 runtime's default (AWS Lambda developer
     * guide, "Customize Java runtime startup behavior") and what the JVM's own ergonomics choose for the template's
     * 1,024 MB (under 1,792 MB, about half a vCPU). Left to itself the JVM would pick G1 on this 2-core, 24 GB machine,
     * with concurrent marking threads that a function never has.
     */
    static final String LAMBDA_COLLECTOR = "-XX:+UseSerialGC";

    /**
     * The JVM flags a function runs with on Lambda: its {@code JAVA_TOOL_OPTIONS} in template.yaml (tiered
     * compilation stopped at C1, the metaspace size at which a first collection of class metadata is due) and the
     * runtime's collector ({@link #LAMBDA_COLLECTOR}). On the command line, so that no child prints "Picked up
     * JAVA_TOOL_OPTIONS"; a plain baseline runs with its function's flags.
     */
    static List<String> lambdaJvmFlags(SamTemplate.Function function) {
        List<String> flags = new ArrayList<>();
        String toolOptions = function.environment().get("JAVA_TOOL_OPTIONS");
        if (toolOptions != null) {
            Stream.of(toolOptions.trim().split("\\s+")).filter(flag -> !flag.isEmpty()).forEach(flags::add);
        }
        flags.add(LAMBDA_COLLECTOR);
        return flags;
    }

    private final Path root;
    private final Path work;
    /** The settings that point a function at the run's services (DynamoDB Local, the local S3). */
    private final Map<String, String> services;
    private final List<String> tableNames;
    private final int iterations = Integer.getInteger("bench.iterations", 2000);
    private final int warmup = Integer.getInteger("bench.warmup", 200);
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

    ChildJvms(Path root, Path work, Map<String, String> services, List<String> tableNames) {
        this.root = root;
        this.work = work;
        this.services = Map.copyOf(services);
        this.tableNames = List.copyOf(tableNames);
    }

    int iterations() {
        return iterations;
    }

    /** The function's folder of the run: its events, snapshots, replays, results and child logs. */
    Path functionDir(Fn fn) throws IOException {
        Path dir = work.resolve(fn.name());
        Files.createDirectories(dir);
        return dir;
    }

    record ColdRun(long nanos, long plumbingNanos, String status) {
    }

    /**
     * One cold JVM answering {@code eventFile} with {@code handlerClass} (the function's or a plain baseline): the time
     * from starting the process to the driver's marker, and the plain baselines' own plumbing time.
     */
    ColdRun coldRun(Fn fn, String handlerClass, Path eventFile, Path replay) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(lambdaJvmFlags(fn.function()));
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

    /** A seeding or setup child ({@link WarmRunner} in that mode): no timed rounds. */
    void runChild(Fn fn, String mode, List<String> entries, boolean record) throws Exception {
        runChild(fn, mode, entries, record, 0);
    }

    /**
     * A function's in-JVM child ({@link WarmRunner}) in {@code mode}, with {@code functionSeconds} for its timed
     * rounds; it is stopped if it runs past them by more than 2 minutes (at least 8 minutes).
     */
    void runChild(Fn fn, String mode, List<String> entries, boolean record, double functionSeconds)
            throws Exception {
        Path dir = functionDir(fn);
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(lambdaJvmFlags(fn.function()));
        command.add("-Dbench.tables=" + String.join(",", tableNames));
        command.add("-Dbench.iterations=" + iterations);
        command.add("-Dbench.warmup=" + warmup);
        command.add("-Dbench.functionSeconds=" + functionSeconds);
        command.add("-Dbench.minRouteSeconds=" + Bench.MIN_ROUTE_SECONDS);
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
        env.putAll(services);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_LAMBDA_FUNCTION_NAME", fn.function().logicalId());
    }

    /**
     * What a child JVM sees: these benchmark classes, the Lambda runtime's serialisation library, and the
     * function's code as deployed ({@link #code}: its jar extracted as Lambda extracts it, unless
     * {@code bench.codeFrom=jar}); with {@code record}, also the registration of {@link Recorder}. Last, after the
     * function's code so that no class of the function is looked up in them first: the local kit, for its
     * {@code LambdaInvoker} and {@code LocalContext} (which need only the runtime's libraries), and Joda-Time, which
     * the runtime's serialisation of the event models needs (the plain baselines are {@code RequestHandler}s whose
     * package would carry it; the functions, stream handlers all, do not).
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
        entries.add(runtimeJar("local-kit"));
        entries.add(runtimeJar("joda-time"));
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
            taskRoot = work.resolve("task-roots").resolve(Discovery.moduleName(root.relativize(fn.jar()).toString()));
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
}
