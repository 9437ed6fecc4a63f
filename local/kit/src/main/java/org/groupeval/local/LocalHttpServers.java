package org.groupeval.local;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;

/** The JDK's HTTP server as the local stack and the local S3 gateway use it. */
public final class LocalHttpServers {

    private LocalHttpServers() {
    }

    /**
     * A server bound to {@code address}, not started. Answers go out at once: without {@code TCP_NODELAY} a client
     * that keeps its connection open (browsers, SDKs, Java's HttpClient, curl with several URLs) waits ≈ 40 ms for
     * the delayed ACK on every request after the first. The JDK reads the switch once, when its first server is
     * made, hence here, before every creation, unless the JVM was started with it.
     */
    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        return HttpServer.create(address, backlog);
    }
}
