package org.groupeval.local;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The browser origins the local stack trusts in its CORS answers (the API and the S3 emulator): a page served from
 * this machine, {@code http://localhost:<port>} or {@code http://127.0.0.1:<port>} — the stack's own web client or a
 * development server. An origin is compared as parsed, never by prefix: {@code http://localhost.evil.example} is
 * another host.
 */
public final class LocalOrigins {

    private LocalOrigins() {
    }

    public static boolean local(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        // exactly scheme, host and port: no user info, path, query or fragment, no other spelling
        return ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost())) && uri.getPort() > 0
                && origin.equals("http://" + uri.getHost() + ":" + uri.getPort());
    }
}
