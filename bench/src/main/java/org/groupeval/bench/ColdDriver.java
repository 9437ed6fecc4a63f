package org.groupeval.bench;

import org.groupeval.local.LambdaInvoker;
import org.groupeval.local.LocalContext;

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
        LambdaInvoker handler = LambdaInvoker.create(handlerClass);
        String json = handler.invoke(handler.parse(eventJson), LocalContext.of("cold-1", "bench"));
        if (handlerClass.startsWith("org.groupeval.bench.Plain")) {
            System.out.println("BENCH-PLUMBING " + PlainReplay.plumbingNanos);
        }
        System.out.println("BENCH-RESPONSE " + Invoker.status(json) + " " + json.length());
        System.out.flush();
        System.exit(0);
    }
}
