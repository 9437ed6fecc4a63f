package org.groupeval.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.groupeval.local.LambdaInvoker;
import org.groupeval.local.LocalContext;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The main of a function's in-JVM child (classpath: these classes, the Lambda runtime's serialisation, the
 * {@link Recorder} registered as a global SDK interceptor, the function's code, and the local kit, whose
 * {@code LambdaInvoker} invokes the handler as the runtime does). Three modes:
 * <ul>
 *   <li>{@code seed}: invokes the function's creating events once (so that the other sample events find their
 *   data), saving the table contents before each, and reports status and {@code Location};</li>
 *   <li>{@code setup}: per sample with a recipe ({@link Setups}; entries {@code sample=base.bin=step,step…}),
 *   restores the seeded tables, invokes the recipe's steps and saves the tables as {@code setup-<sample>.bin},
 *   reporting each step's status;</li>
 *   <li>{@code warm}: per event, records the SDK requests one invocation makes (saved for the plain cold-start
 *   baseline), warms up, then alternates timed handler invocations with timed replays of exactly those requests
 *   on a bare client; every call is followed, untimed, by undoing its writes, so all start from the same data.</li>
 * </ul>
 * Results go to a file (one tab-separated line per event): the handlers' access logs own stdout.
 */
public final class WarmRunner {

    /** The last segment of a problem+json {@code type}: {@code "urn:groupeval:problem:deadline-passed"}. */
    private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"[^\"]*?([^:\"]+)\"");

    private WarmRunner() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String handlerClass = args[1];
        String functionName = args[2];
        Path outDir = Path.of(args[3]);
        List<String> entries = Arrays.asList(args).subList(4, args.length);
        List<String> tables = Arrays.asList(System.getProperty("bench.tables").split(","));
        int iterations = Integer.getInteger("bench.iterations", 2000);
        int warmup = Integer.getInteger("bench.warmup", 300);
        // the time this function's routes may take in all; a route that finishes early leaves its share to the rest
        long budgetNanos = (long) (Double.parseDouble(System.getProperty("bench.functionSeconds", "1e6")) * 1e9);
        long minRouteNanos = (long) (Double.parseDouble(System.getProperty("bench.minRouteSeconds", "0.75")) * 1e9);
        long phaseStarted = System.nanoTime();
        long timedRoutesLeft = entries.stream().filter(e -> !e.endsWith("!record")).count();

        LambdaInvoker invoker = LambdaInvoker.create(handlerClass);
        DynamoDbClient bare = Replayer.bareClient();
        Replayer replayer = new Replayer(bare);
        Path results = outDir.resolve(mode + "-results.txt");
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(results, StandardCharsets.UTF_8))) {
            if (mode.equals("seed")) {
                for (String entry : entries) {
                    Path event = Path.of(entry);
                    Snapshot.take(bare, tables).write(outDir.resolve("before-" + name(event) + ".bin"));
                    String output = invoker.invoke(invoker.parse(read(event)), LocalContext.of("seed", functionName));
                    out.println("seed\t" + name(event) + "\t" + Invoker.status(output) + "\t"
                            + nullToDash(Invoker.header(output, "Location")));
                    out.flush();
                }
            }
            if (mode.equals("setup")) {
                for (String entry : entries) {
                    String[] f = entry.split("=", 3);
                    Snapshot.read(Path.of(f[1])).restoreAll(bare);
                    List<String> statuses = new ArrayList<>();
                    List<String> locations = new ArrayList<>();
                    for (String step : f[2].split(",")) {
                        String output = invoker.invoke(invoker.parse(read(Path.of(step))),
                                LocalContext.of("setup", functionName));
                        int status = Invoker.status(output);
                        statuses.add(status < 300 ? Integer.toString(status)
                                : status + "(" + problemType(output) + ")");
                        locations.add(nullToDash(Invoker.header(output, "Location")));
                    }
                    Snapshot.take(bare, tables).write(outDir.resolve("setup-" + f[0] + ".bin"));
                    out.println("setup\t" + f[0] + "\t" + String.join(" ", statuses) + "\t"
                            + String.join(" ", locations));
                    out.flush();
                }
            }
            List<Timed> queue = new ArrayList<>();
            for (String entry : mode.equals("warm") ? entries : List.<String>of()) {
                boolean recordOnly = entry.endsWith("!record");
                String spec = recordOnly ? entry.substring(0, entry.length() - "!record".length()) : entry;
                int at = spec.indexOf('@');
                Path event = Path.of(at < 0 ? spec : spec.substring(0, at));
                Snapshot current = Snapshot.take(bare, tables);
                Snapshot base = at < 0 ? current : Snapshot.read(Path.of(spec.substring(at + 1)));
                if (base != current) {
                    base.restoreAll(bare);
                }
                String json = read(event);

                Recorder.start();
                String first = invoker.invoke(invoker.parse(json), LocalContext.of("record", functionName));
                List<SdkRequest> calls = Recorder.stop();
                int status = Invoker.status(first);
                Set<Snapshot.ItemKey> writes = base.writtenBy(calls);
                base.restore(bare, writes);
                List<Object> encoded = new ArrayList<>();
                calls.forEach(c -> encoded.add(SdkCodec.encodeTop(c)));
                SdkCodec.write(outDir.resolve("replay-" + name(event) + ".bin"), new ArrayList<>(encoded));
                String callNames = String.join("+", calls.stream().map(c -> c.getClass().getSimpleName()
                        .replace("Request", "")).toList());
                current.restoreAll(bare);
                if (recordOnly) {
                    out.println("record\t" + name(event) + "\t" + status + "\t" + callNames + "\t" + writes.size());
                    out.flush();
                    continue;
                }
                queue.add(new Timed(event, json, base, current, calls, writes, status, callNames));
            }
            // cheapest routes first (no writes, then fewest calls): time they leave unused goes to the costly ones
            queue.sort(java.util.Comparator.comparingInt((Timed t) -> t.writes().size())
                    .thenComparingInt(t -> t.calls().size()));
            warmFunction(queue, invoker, replayer, bare, functionName, warmup, budgetNanos / 6);
            for (Timed t : queue) {
                Path event = t.event();
                String json = t.json();
                Snapshot base = t.base();
                Snapshot current = t.current();
                List<SdkRequest> calls = t.calls();
                Set<Snapshot.ItemKey> writes = t.writes();
                if (base != current) {
                    base.restoreAll(bare);
                }
                long[] handlerNanos = new long[iterations];
                long[] rawNanos = new long[iterations];
                long routeStarted = System.nanoTime();
                long routeNanos = Math.max(minRouteNanos,
                        (budgetNanos - (routeStarted - phaseStarted)) / Math.max(1, timedRoutesLeft));
                timedRoutesLeft--;
                int done = 0;
                for (int i = -warmup; i < iterations; i++) {
                    long elapsed = System.nanoTime() - routeStarted;
                    if (i > 0 && elapsed > routeNanos) {
                        break; // the run's time budget for this route is spent: report how many were timed
                    }
                    if (i < -1 && elapsed > routeNanos / 6) {
                        i = -1; // warm-up gets at most a sixth of the route's time
                    }
                    Object input = invoker.parse(json);
                    var context = LocalContext.of("warm-" + i, functionName);
                    boolean track = !writes.isEmpty();
                    if (track) {
                        Recorder.start();
                    }
                    long t0 = System.nanoTime();
                    invoker.invoke(input, context);
                    long t1 = System.nanoTime();
                    if (track) {
                        base.restore(bare, base.writtenBy(Recorder.stop()));
                    }
                    long t2 = System.nanoTime();
                    replayer.replay(calls);
                    long t3 = System.nanoTime();
                    if (track) {
                        base.restore(bare, writes);
                    }
                    if (i >= 0) {
                        handlerNanos[i] = t1 - t0;
                        rawNanos[i] = t3 - t2;
                        done = i + 1;
                    }
                }
                handlerNanos = Arrays.copyOf(handlerNanos, done);
                rawNanos = Arrays.copyOf(rawNanos, done);
                out.println("warm\t" + name(event) + "\t" + t.status() + "\t" + t.callNames()
                        + "\t" + Stats.fmt3(Stats.percentileMs(handlerNanos, 50))
                        + "\t" + Stats.fmt3(Stats.percentileMs(handlerNanos, 99))
                        + "\t" + Stats.fmt3(Stats.percentileMs(rawNanos, 50))
                        + "\t" + Stats.fmt3(Stats.percentileMs(rawNanos, 99)) + "\t" + done);
                out.flush();
                current.restoreAll(bare);
            }
        }
        System.exit(0);
    }

    /**
     * Warms the function as a whole before any route is timed: rounds over every queued route in turn (each round a
     * handler invocation and a replay, writes undone as in the timed rounds), until each had {@code warmup} rounds or
     * {@code limitNanos} passed. A container that has served traffic has compiled the code its routes share (the
     * SDK's marshalling, the JSON mapping, the function's routing); without this pass that compilation would run
     * during the first timed route's rounds and be charged to it alone.
     */
    private static void warmFunction(List<Timed> queue, LambdaInvoker invoker, Replayer replayer, DynamoDbClient bare,
                                     String functionName, int warmup, long limitNanos) {
        long started = System.nanoTime();
        for (int round = 0; round < warmup && System.nanoTime() - started < limitNanos; round++) {
            for (Timed t : queue) {
                if (t.base() != t.current()) {
                    t.base().restoreAll(bare);
                }
                Recorder.start();
                invoker.invoke(invoker.parse(t.json()), LocalContext.of("warm-all-" + round, functionName));
                t.base().restore(bare, t.base().writtenBy(Recorder.stop()));
                replayer.replay(t.calls());
                t.base().restore(bare, t.writes());
                if (t.base() != t.current()) {
                    t.current().restoreAll(bare);
                }
            }
        }
    }

    /** A route recorded and waiting for its timed rounds. */
    private record Timed(Path event, String json, Snapshot base, Snapshot current, List<SdkRequest> calls,
                         Set<Snapshot.ItemKey> writes, int status, String callNames) {
    }

    /** The last segment of a refusal's problem type ({@code urn:groupeval:problem:deadline-passed}). */
    private static String problemType(String output) {
        APIGatewayV2HTTPResponse r = Invoker.http(output);
        if (r != null && r.getBody() != null) {
            Matcher m = PROBLEM_TYPE.matcher(r.getBody());
            if (m.find()) {
                return m.group(1);
            }
        }
        return "?";
    }

    static String name(Path event) {
        String file = event.getFileName().toString();
        return file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }
}
