package org.groupeval.registration;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.groupeval.domain.group.GroupImport;
import org.groupeval.local.LambdaEvents;
import org.groupeval.local.LocalAws;
import org.groupeval.local.LocalContext;
import org.groupeval.local.SampleEvent;
import org.groupeval.local.SampleXlsx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The group import's figure for {@code ./bench/run} (docs/benchmarks.md): one request registering N groups (150 by
 * default, a city's year) from a spreadsheet, through the registration handler's Lambda entry point on DynamoDB
 * Local, after one small import has warmed the handler. Prints {@code name: value} lines.
 */
public final class ImportBenchmark {

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        LocalAws.start();
        RegistrationHandler handler = new RegistrationHandler();
        call(handler, file("W", 2));
        byte[] xlsx = file("B", groups);
        long started = System.nanoTime();
        String status = call(handler, xlsx);
        double ms = (System.nanoTime() - started) / 1e6;
        System.out.println("import_groups: " + groups);
        System.out.println("import_file_bytes: " + xlsx.length);
        System.out.println("import_status: " + status);
        System.out.println("import_" + groups + "_groups_ms: " + String.format(Locale.ROOT, "%.0f", ms));
        System.exit(0);
    }

    private static String call(RegistrationHandler handler, byte[] xlsx) throws IOException {
        String event = SampleEvent.of("registration/import-groups.json").header("Idempotency-Key", null)
                .bodyBytes(xlsx).json();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new java.io.ByteArrayInputStream(event.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                out, LocalContext.of("bench", "Registration"));
        APIGatewayV2HTTPResponse response = LambdaEvents.fromJson(out.toString(java.nio.charset.StandardCharsets.UTF_8),
                APIGatewayV2HTTPResponse.class);
        return Integer.toString(response.getStatusCode());
    }

    /** {@code n} groups of 3 schools each, school codes unique to this run. */
    private static byte[] file(String tag, int n) {
        String run = tag + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toUpperCase(Locale.ROOT);
        List<List<String>> rows = new ArrayList<>();
        rows.add(GroupImport.LAYOUT.headers());
        for (int i = 0; i < n; i++) {
            String p = run + "N" + i;
            rows.add(List.of("基准测试集团 " + p, "托管型", "610902", p + "C", "核心校 " + p,
                    p + "A 成员一校\n" + p + "B 成员二校", "王老师", "0915-1234567"));
        }
        return SampleXlsx.sheet(GroupImport.SHEET, 1, rows);
    }
}
