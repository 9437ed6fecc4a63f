package org.groupeval.local.stack;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./local/run} as a person meets it: a port in use is one line on stderr and an exit status with nothing
 * left running; a demo stack refuses the API (503 problem+json) until its city is seeded; the demo's table pads
 * Chinese by the columns a terminal gives it.
 */
class RunCommandTest {

    @Test
    void aPortInUseIsOneLineAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
            Set<Thread> threadsBefore = nonDaemonThreads();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = RunCommand.run(new LocalStack.Options(taken.getLocalPort(), null, false, true, null),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                            StandardCharsets.UTF_8));
            assertEquals(1, status);
            String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.startsWith("local/run: port " + taken.getLocalPort() + " is already in use"), message);
            assertEquals("", out.toString(StandardCharsets.UTF_8));
            Set<Thread> left = nonDaemonThreads();
            left.removeAll(threadsBefore);
            // a thread that ends by itself keeps nothing alive: Netty's global executor, started on demand by the
            // closing of an earlier test's server, stops after a second without work
            left.removeIf(RunCommandTest::endsByItself);
            assertEquals(Set.of(), left, "threads that keep the JVM alive were left behind");
        }
    }

    private static boolean endsByItself(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void aDemoStackRefusesTheApiUntilItsCityIsSeeded() throws Exception {
        LocalStack demo = LocalStack.start(new LocalStack.Options(0, null, true, false, null));
        try {
            String answer = StackClient.raw(demo.port(), ("GET /_local/token?role=CITY HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(answer.startsWith("HTTP/1.1 503 "), answer);
            assertTrue(answer.contains("application/problem+json"), answer);
            assertTrue(answer.toLowerCase().contains("retry-after: 1"), answer);
            assertTrue(answer.contains("seeding the demo city"), answer);
        } finally {
            demo.close();
        }
    }

    @Test
    void optionsAreReadOrRefusedWithAMessage() {
        LocalStack.Options options = LocalStack.Options.parse(new String[] {"--data", "d", "--port", "3107", "--demo",
                "--verbose", "--log", "x.log"}, "3000");
        assertEquals(new LocalStack.Options(3107, Path.of("d"), true, true, Path.of("x.log")), options);
        assertEquals(3001, LocalStack.Options.parse(new String[0], "3001").port());
        assertEquals(3000, LocalStack.Options.parse(new String[0], null).port());
        assertEquals("PORT must be a port number (0-65535), not 'abc'", assertThrows(IllegalArgumentException.class,
                () -> LocalStack.Options.parse(new String[0], "abc")).getMessage());
        assertEquals("missing value: --port N", assertThrows(IllegalArgumentException.class,
                () -> LocalStack.Options.parse(new String[] {"--port"}, null)).getMessage());
        assertEquals("unknown option --bogus (try --help)", assertThrows(IllegalArgumentException.class,
                () -> LocalStack.Options.parse(new String[] {"--bogus"}, null)).getMessage());
    }

    @Test
    void displayWidthCountsChineseAsTwoColumns() {
        assertEquals(6, DisplayWidth.of("汉滨区"));
        assertEquals(5, DisplayWidth.of("rank "));
        assertEquals(4, DisplayWidth.of("ＡＢ"));
        assertEquals("区     |", DisplayWidth.pad("区", 7) + "|");
        assertEquals("汉滨区实验教育集团    |", DisplayWidth.pad("汉滨区实验教育集团", 22) + "|");
        assertEquals(DisplayWidth.of(DisplayWidth.pad("汉阴县育才教育集团", 22)), DisplayWidth.of(DisplayWidth.pad("group", 22)));
    }
}
