package org.groupeval.local.stack;

import org.groupeval.local.SamTemplate;
import org.groupeval.web.StructuredLog;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./local/run}: starts the stack, says in a few lines where it is, and keeps it running until the process is
 * stopped. What goes wrong at start is one line on stderr and an exit status, never a stack trace or a process that
 * stays behind. The handlers' one-JSON-line-per-request log goes to a file (errors are also printed), or with
 * {@code --verbose} to the console.
 */
final class RunCommand {

    /** Where the request log goes without {@code --log}. */
    static final Path DEFAULT_LOG = Path.of("local", "stack", "target", "requests.log");

    private RunCommand() {
    }

    /** Runs until the stack is stopped (0) or fails to start or to seed the demo (1). */
    static int run(LocalStack.Options options, PrintStream out, PrintStream err) {
        Path log = (options.log() != null ? options.log() : SamTemplate.repoRoot().resolve(DEFAULT_LOG))
                .toAbsolutePath();
        if (!options.verbose()) {
            try {
                StructuredLog.redirect(requestLog(log, err));
            } catch (IOException e) {
                err.println("local/run: cannot write the request log " + log + ": " + e.getMessage());
                return 1;
            }
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (BindException e) {
            err.println("local/run: port " + options.port() + " is already in use (another local stack?); stop "
                    + "that, or start this one on another port: PORT=" + (options.port() + 1) + " ./local/run");
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("local/run: the local stack did not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));
        if (options.demo()) {
            out.println("Seeding the demo city through the API (cycle " + DemoCity.YEAR + ", "
                    + DemoCity.plans().size() + " groups; a minute or two). " + stack.baseUrl()
                    + " answers once it is done.");
            try {
                stack.seedDemo(out);
            } catch (IOException | RuntimeException e) {
                err.println("local/run: the demo failed: " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
        out.println("Local stack on " + stack.baseUrl() + " (data: " + (options.dataDir() == null ? "in memory"
                : options.dataDir().toAbsolutePath()) + "; DynamoDB Local " + stack.dynamo().endpoint()
                + (stack.s3() == null ? "" : "; S3 " + stack.s3().endpoint()) + ")");
        out.println("  open:      " + stack.baseUrl() + "/" + (stack.webBuilt() ? ""
                : "  (the web client is not built: npm ci && npm run build in web/)"));
        out.println("  sign-in:   " + stack.issuer().issuer() + " (the local OIDC issuer: pick a demo identity)");
        out.println("  a token:   curl -s '" + stack.baseUrl() + "/_local/token?role=CITY'");
        out.println("  API:       " + stack.baseUrl() + ApiReference.SPEC_PATH + " (its description, OpenAPI 3.1)");
        out.println("  reference: " + stack.baseUrl() + ApiReference.DOCS_PATH + (stack.reference().built() ? ""
                : " (not built yet: npm ci && npm run build:reference in web/)"));
        if (options.demo()) {
            out.println("  results:   curl -s -H \"Authorization: Bearer $(curl -s '" + stack.baseUrl()
                    + "/_local/token?role=CITY' | jq -r .token)\" " + stack.baseUrl() + "/cycles/" + DemoCity.YEAR
                    + "/results.csv");
        }
        out.println("  requests:  " + (options.verbose() ? "printed here" : "logged to " + log
                + " (errors also here; --verbose prints every request)"));
        out.println("Ctrl-C stops it.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** A log stream that writes every line to {@code file} (rewritten at each start) and error lines also to
     * {@code console}. */
    static PrintStream requestLog(Path file, PrintStream console) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        return new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                super.println(line);
                if (line != null && line.contains("\"level\":\"ERROR\"")) {
                    console.println(line);
                }
            }
        };
    }
}
