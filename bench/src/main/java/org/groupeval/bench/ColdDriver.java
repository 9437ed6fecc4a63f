package org.groupeval.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main of a cold-start child JVM: what the Lambda runtime does for the first invocation (create the handler,
 * deserialise the event, invoke, serialise the response), then one marker line the harness times:
 * {@code BENCH-RESPONSE <status> <bytes>} (preceded, for the plain baselines, by the nanoseconds they spent reading
 * the benchmark's replay file, {@code BENCH-PLUMBING <nanos>}).
 */
public final class ColdDriver {

    private ColdDriver() {
    }

    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        String eventJson = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        Invoker invoker = Invoker.create(handlerClass);
        Object output = invoker.invoke(invoker.parse(eventJson), BenchContext.of("cold-1", "bench"));
        String json = Invoker.toJson(output);
        if (handlerClass.startsWith("org.groupeval.bench.Plain")) {
            System.out.println("BENCH-PLUMBING " + PlainReplay.plumbingNanos);
        }
        System.out.println("BENCH-RESPONSE " + Invoker.status(output) + " " + json.length());
        System.out.flush();
        System.exit(0);
    }
}
