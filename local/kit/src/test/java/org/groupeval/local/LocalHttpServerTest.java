package org.groupeval.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever arrives on the port ends in the owner's code: well-formed requests in its handler, everything else in its
 * refusals (here a plain-text "refused <status>: <detail>"), never in an answer of the server's own. Requests go over
 * a raw socket, byte for byte as a client could send them.
 */
class LocalHttpServerTest {

    private static LocalHttpServer server;

    @BeforeAll
    static void start() throws Exception {
        server = LocalHttpServer.start(new InetSocketAddress("127.0.0.1", 0), "test-http", 4, 1024,
                request -> new LocalHttpServer.Response(200, (request.method() + " " + request.rawPath()
                        + (request.rawQuery() == null ? "" : "?" + request.rawQuery()) + " " + request.body().length
                        + " " + request.header("x-test")).getBytes(StandardCharsets.UTF_8)),
                new LocalHttpServer.Refusals() {
                    @Override
                    public LocalHttpServer.Response refuse(int status, String detail) {
                        return new LocalHttpServer.Response(status, ("refused " + status + ": " + detail)
                                .getBytes(StandardCharsets.UTF_8)).header("Content-Type", "text/plain");
                    }

                    @Override
                    public LocalHttpServer.Response failed(Exception failure) {
                        return new LocalHttpServer.Response(500, "failed".getBytes(StandardCharsets.UTF_8));
                    }
                });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Sends raw bytes and shuts the sending side, reads until the server closes the connection. */
    private static String exchange(byte[] raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(raw);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    private static String exchange(String requestLine) throws IOException {
        return exchange((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void servesAWellFormedRequest() throws IOException {
        String answer = exchange("GET /groups/G1?district=610902&name=%E6%B1%89 HTTP/1.1");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.endsWith("GET /groups/G1?district=610902&name=%E6%B1%89 0 null"), answer);
    }

    @Test
    void refusesMalformedTargetsThroughTheOwner() throws IOException {
        for (String target : List.of("/groups/%zz", "/groups/%4", "/groups/%", "/groups/\"<>", "/groups/a{b}",
                "/groups/%ff%fe", "/groups?x=%zz", "/groups?x=a|b", "groups", "ftp://host/x", "/a#fragment")) {
            String answer = exchange("GET " + target + " HTTP/1.1");
            assertTrue(answer.startsWith("HTTP/1.1 400"), target + ": " + answer);
            assertTrue(answer.contains("refused 400: The request target is not a valid URI"), target + ": " + answer);
            assertTrue(answer.contains("Content-Type: text/plain") || answer.contains("content-type: text/plain"),
                    answer);
        }
    }

    @Test
    void refusesRawNonAsciiBytesInTheTarget() throws IOException {
        byte[] raw = new byte[] {'G', 'E', 'T', ' ', '/', 'g', (byte) 0xE6, (byte) 0xB1, (byte) 0x89, ' ', 'H', 'T',
                'T', 'P', '/', '1', '.', '1', '\r', '\n', 'H', 'o', 's', 't', ':', ' ', 'x', '\r', '\n', '\r', '\n'};
        String answer = exchange(raw);
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("refused 400: The request target is not a valid URI: a raw byte 0xE6"), answer);
    }

    @Test
    void refusesWhatIsNotHttpThroughTheOwner() throws IOException {
        for (String raw : List.of("NONSENSE\r\n\r\n", "GET / HTTP/1.1\r\nBad Header: x\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                "GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n")) {
            String answer = exchange(raw.getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(answer.matches("(?s)HTTP/1\\.1 4\\d\\d .*refused 4\\d\\d: .*"), raw.substring(0, Math.min(20, raw.length())) + ": "
                    + answer);
        }
    }

    @Test
    void refusesABodyOverTheLimitThroughTheOwner() throws IOException {
        String answer = exchange(("PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n" + "a".repeat(2000))
                .getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("refused 413: The request body is larger than the 1024 bytes"), answer);
    }

    @Test
    void answersPipelinedRequestsInOrder() throws IOException {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            requests.append("POST /n/").append(i).append(" HTTP/1.1\r\nHost: x\r\nX-Test: ").append(i)
                    .append("\r\nContent-Length: ").append(i).append("\r\n\r\n").append("b".repeat(i));
        }
        String answer = exchange(requests.toString().getBytes(StandardCharsets.ISO_8859_1));
        int at = 0;
        for (int i = 0; i < 20; i++) {
            int found = answer.indexOf("POST /n/" + i + " " + i + " " + i, at);
            assertTrue(found > at, "answer " + i + " out of order: " + answer);
            at = found;
        }
    }

    @Test
    void aPortInUseIsABindException() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThrows(BindException.class, () -> LocalHttpServer.start(
                    new InetSocketAddress("127.0.0.1", taken.getLocalPort()), "test-taken", 1, 1024,
                    request -> new LocalHttpServer.Response(200, null), null));
        }
    }

    @Test
    void parsesOriginAndAbsoluteForms() {
        assertArrayEquals(new String[] {"/a/b", "c=d"}, LocalHttpServer.parseTarget("/a/b?c=d"));
        assertArrayEquals(new String[] {"/a", null}, LocalHttpServer.parseTarget("http://localhost:3000/a"));
        assertArrayEquals(new String[] {"/", "x=1"}, LocalHttpServer.parseTarget("http://localhost:3000?x=1"));
        assertArrayEquals(new String[] {"/", null}, LocalHttpServer.parseTarget("http://localhost:3000"));
        assertEquals("'/a%E6%0A'", LocalHttpServer.quote("/a\u00e6\n"));
    }
}
