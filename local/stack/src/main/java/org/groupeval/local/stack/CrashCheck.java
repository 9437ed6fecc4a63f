package org.groupeval.local.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupeval.local.LocalFiles;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code local/crash-check [ROUNDS]}: what {@code ./local/run --data} promises, tried. Each round starts the stack
 * as a process of its own on one data directory, registers a group (the function's cold start), then registers groups
 * from 8 threads (each registration is a DynamoDB transaction: the group and one claim per school), kills the
 * process with SIGKILL 1–3 s into the burst, starts it
 * again and reads back every group it ever acknowledged (201). Prints the figures; exits 1 if any is missing.
 */
public final class CrashCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WRITERS = 8;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dataDir;
    private final int port;
    private final AtomicInteger nextSchool = new AtomicInteger();

    private CrashCheck(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dataDir = Files.createTempDirectory("crash-check-");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // should the check itself fail, the directory stays, with the stack's output in stack.out
        boolean nothingLost = new CrashCheck(dataDir, port).run(rounds);
        LocalFiles.deleteRecursively(dataDir);
        System.exit(nothingLost ? 0 : 1);
    }

    /** The stack process running now, killed with its children should this check stop early. */
    private volatile Process current;

    private boolean run(int rounds) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process stack = current;
            if (stack != null && stack.isAlive()) {
                kill(stack);
            }
        }));
        List<String> acknowledged = new ArrayList<>();
        int missing = 0;
        int unanswered = 0;
        for (int round = 1; round <= rounds; round++) {
            Process stack = startStack();
            String token = token();
            missing += missingOf(acknowledged, token, round);
            ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
            // one write first, so that the burst is not spent waiting for the function's cold start
            String first = register(token);
            if (first != null) {
                written.add(first);
            }
            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger cutOff = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Thread writer = new Thread(() -> {
                    while (!killed.get()) {
                        try {
                            String id = register(token);
                            if (id != null) {
                                written.add(id);
                            }
                        } catch (IOException e) {
                            cutOff.incrementAndGet();   // sent, no answer: may or may not be stored; not counted
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                writer.start();
                writers.add(writer);
            }
            Thread.sleep(ThreadLocalRandom.current().nextLong(1000, 3000));
            kill(stack);
            stack.waitFor();
            killed.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            acknowledged.addAll(written);
            unanswered += cutOff.get();
            System.out.printf("round %d: %d writes acknowledged, killed mid-burst (%d requests cut off)%n", round,
                    written.size(), cutOff.get());
        }
        Process stack = startStack();
        try {
            missing += missingOf(acknowledged, token(), rounds + 1);
        } finally {
            stack.destroy();   // SIGTERM: the stack stops S3Mock itself
            stack.waitFor();
        }
        System.out.printf("%d kills, %d acknowledged writes, %d missing after restart (%d requests cut off by the "
                + "kills, not counted)%n", rounds, acknowledged.size(), missing, unanswered);
        return missing == 0;
    }

    /**
     * SIGKILL: no shutdown hook runs. S3Mock, the stack's child process, would outlive it (a process killed so cannot
     * stop its children): it is killed the same way, as a crash of the machine would.
     */
    private static void kill(Process stack) {
        List<ProcessHandle> children = stack.descendants().toList();
        stack.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private Process startStack() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Dgroupeval.repo.root=" + System.getProperty("groupeval.repo.root",
                "."), "-cp", System.getProperty("java.class.path"), LocalStack.class.getName(), "--data",
                dataDir.toString(), "--port", Integer.toString(port), "--log", dataDir.resolve("requests.log").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDir.resolve("stack.out").toFile())).start();
        current = process;
        for (int i = 0; i < 600; i++) {
            try {
                if (get("/_local/health", null).statusCode() == 200) {
                    return process;
                }
            } catch (ConnectException notYet) {
                // starting
            }
            if (!process.isAlive()) {
                List<String> output = Files.readAllLines(dataDir.resolve("stack.out"));
                throw new IllegalStateException("the stack exited: "
                        + String.join("\n", output.subList(Math.max(0, output.size() - 20), output.size())));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the stack did not start within 2 minutes");
    }

    private int missingOf(List<String> acknowledged, String token, int round) throws Exception {
        int missing = 0;
        for (String id : acknowledged) {
            int status = get("/groups/" + id, token).statusCode();
            if (status != 200) {
                missing++;
                System.out.printf("after kill %d: acknowledged group %s is gone (GET answered %d)%n", round - 1, id,
                        status);
            }
        }
        return missing;
    }

    private String token() throws Exception {
        return JSON.readTree(get("/_local/token?role=CITY&sub=crash-check", null).body()).get("token").asText();
    }

    /** Registers a group with three schools never used before; its id if the stack answered 201. */
    private String register(String token) throws IOException, InterruptedException {
        int n = nextSchool.getAndAdd(3);
        ObjectNode group = JSON.createObjectNode();
        group.put("name", "崩溃检查集团" + n);
        group.put("type", "ALLIANCE");
        group.put("district", "610902");
        group.putObject("coreSchool").put("code", "CC" + n).put("name", "核心学校" + n);
        var members = group.putArray("memberSchools");
        members.addObject().put("code", "CC" + (n + 1)).put("name", "成员学校" + (n + 1));
        members.addObject().put("code", "CC" + (n + 2)).put("name", "成员学校" + (n + 2));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/groups"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(group.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 201 ? JSON.readTree(response.body()).get("groupId").asText() : null;
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
