package org.groupeval.local;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 server of the local stack and the local S3 gateway (Netty). Every request that reaches the port ends
 * in the owner's code: a well-formed one in its {@link Handler}; one that cannot be served as it came — a request
 * line or header Netty cannot parse, a request target that is not an RFC 3986 URI (a raw byte ≥ 0x80, a space or a
 * {@code "<>\^`{|}}, a {@code %} not followed by two hex digits, percent-encoded bytes that are not UTF-8), a head
 * or body over its limit — in its {@link Refusals}, so that the owner answers in its own format (problem+json, S3's
 * XML) rather than the server in one of its own. (The JDK's {@code com.sun.net.httpserver}, used before, answers
 * those with its own HTML page before any handler or filter runs.)
 *
 * <p>Handlers run on a pool of their own threads, never on Netty's; one connection's requests are answered in the
 * order they came. Answers go out at once ({@code TCP_NODELAY}): a client that keeps its connection open would
 * otherwise wait ≈ 40 ms for the delayed ACK on every request after the first.
 */
public final class LocalHttpServer implements AutoCloseable {

    /** A request as received; {@code rawPath} and {@code rawQuery} are as sent (percent-encoded, checked). */
    public record Request(String method, String rawPath, String rawQuery, HttpHeaders headers, byte[] body) {

        /** Every value of a header, joined with commas; {@code null} when absent. */
        public String header(String name) {
            List<String> values = headers.getAll(name);
            return values.isEmpty() ? null : String.join(",", values);
        }
    }

    /** An answer: status, headers and body ({@code Content-Length} is set from the body unless given). */
    public static final class Response {
        private final int status;
        private final HttpHeaders headers = new DefaultHttpHeaders();
        private final byte[] body;

        public Response(int status, byte[] body) {
            this.status = status;
            this.body = body == null ? new byte[0] : body;
        }

        public Response header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        public HttpHeaders headers() {
            return headers;
        }

        public int status() {
            return status;
        }

        public byte[] body() {
            return body;
        }
    }

    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws Exception;
    }

    /** The owner's answers to what it never sees as a {@link Request}. */
    public interface Refusals {

        /**
         * A request that cannot be read as sent: {@code status} 400 (malformed), 413 (body too large), 414 (request
         * line too long) or 431 (headers too large); {@code detail} says what was wrong, for the caller.
         */
        Response refuse(int status, String detail);

        /** The handler failed (the server logs nothing itself: the owner decides what to log). */
        Response failed(Exception failure);
    }

    private final Channel channel;
    private final EventLoopGroup group;
    private final ExecutorService handlers;
    private final java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);

    private LocalHttpServer(Channel channel, EventLoopGroup group, ExecutorService handlers) {
        this.channel = channel;
        this.group = group;
        this.handlers = handlers;
    }

    /**
     * Serves on {@code address} (port 0: any free port), bodies up to {@code maxBodyBytes}, handlers on
     * {@code threads} threads named after {@code name}. Throws {@link BindException} when the port is taken.
     */
    public static LocalHttpServer start(InetSocketAddress address, String name, int threads, int maxBodyBytes,
                                        Handler handler, Refusals refusals) throws BindException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name + "-io", true),
                NioIoHandler.newFactory());
        ExecutorService handlers = Executors.newFixedThreadPool(threads, new DefaultThreadFactory(name, true));
        try {
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 128)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // a client that sends its requests and then shuts its side still gets every answer
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(),
                                    new Aggregator(maxBodyBytes, refusals),
                                    new Exchange(handler, refusals, handlers));
                        }
                    })
                    .bind(address).syncUninterruptibly().channel();
            return new LocalHttpServer(channel, group, handlers);
        } catch (Exception e) {   // Netty rethrows the bind's checked exception as it is
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            handlers.shutdownNow();
            if (e instanceof BindException bind) {
                throw bind;
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;   // closed already (a shutdown hook and its owner may both close it)
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        handlers.shutdownNow();
    }

    // ---- request target ------------------------------------------------------------------------------------------

    /** {@code [rawPath, rawQuery]} of a request target, or an {@link IllegalArgumentException} saying what is wrong. */
    static String[] parseTarget(String target) {
        String rest = target;
        if (!rest.startsWith("/")) {
            // absolute-form (a request to a proxy): http://host[:port]/path?query
            String lower = rest.toLowerCase(Locale.ROOT);
            int scheme = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
            if (scheme < 0) {
                throw new IllegalArgumentException("the request target " + quote(target)
                        + " is neither a path starting with '/' nor an http(s) URL");
            }
            int pathStart = indexOfAny(rest, scheme, "/?");
            rest = pathStart < 0 ? "/" : rest.charAt(pathStart) == '?' ? "/" + rest.substring(pathStart)
                    : rest.substring(pathStart);
        }
        int question = rest.indexOf('?');
        String path = question < 0 ? rest : rest.substring(0, question);
        String query = question < 0 ? null : rest.substring(question + 1);
        check(path, false, target);
        if (query != null) {
            check(query, true, target);
        }
        return new String[] {path, query};
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 3986: path = pchar / "/"; query = pchar / "/" / "?"; percent-encoded bytes must be UTF-8. */
    private static void check(String part, boolean query, String target) {
        ByteBuffer decoded = ByteBuffer.allocate(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%') {
                if (i + 2 >= part.length() || Character.digit(part.charAt(i + 1), 16) < 0
                        || Character.digit(part.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("'%' must be followed by two hexadecimal digits in "
                            + quote(target));
                }
                decoded.put((byte) Integer.parseInt(part.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (allowed(c, query)) {
                decoded.put((byte) c);
            } else {
                throw new IllegalArgumentException((c >= 0x80 ? "a raw byte 0x" + Integer.toHexString(c)
                        .toUpperCase(Locale.ROOT) : c <= 0x20 || c == 0x7F ? "a control character or space"
                        : "the character '" + c + "'") + " is not allowed in "
                        + (query ? "the query" : "the path") + " of " + quote(target)
                        + "; percent-encode it (UTF-8)");
            }
        }
        decoded.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(decoded);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the percent-encoded bytes of " + quote(target) + " are not UTF-8");
        }
    }

    private static boolean allowed(char c, boolean query) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0
                || query && c == '?';
    }

    /** The target as it can be shown: bytes outside printable ASCII percent-encoded, at most 200 characters. */
    static String quote(String target) {
        StringBuilder shown = new StringBuilder("'");
        for (int i = 0; i < target.length() && shown.length() < 200; i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                shown.append('%').append(String.format("%02X", (int) c & 0xFF));
            } else {
                shown.append(c);
            }
        }
        return shown.append(target.length() > 200 ? "…'" : "'").toString();
    }

    // ---- Netty ---------------------------------------------------------------------------------------------------

    /** Aggregates a request's body; one over the limit gets the owner's 413 instead of Netty's bare one. */
    private static final class Aggregator extends HttpObjectAggregator {
        private final Refusals refusals;
        private final int maxBodyBytes;

        Aggregator(int maxBodyBytes, Refusals refusals) {
            super(maxBodyBytes, true);
            this.maxBodyBytes = maxBodyBytes;
            this.refusals = refusals;
        }

        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            Object response = super.newContinueResponse(start, maxContentLength, pipeline);
            if (response instanceof HttpResponse r && r.status().code() == 413) {
                ReferenceCountUtil.release(response);
                FullHttpResponse refusal = Exchange.toNetty(refusals.refuse(413, tooLarge()));
                refusal.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                return refusal;
            }
            return response;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            FullHttpResponse refusal = Exchange.toNetty(refusals.refuse(413, tooLarge()));
            refusal.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
        }

        private String tooLarge() {
            return "The request body is larger than the " + maxBodyBytes + " bytes this server reads.";
        }
    }

    /** One connection: requests handed to the handler threads in order, answers written in the same order. */
    private static final class Exchange extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Handler handler;
        private final Refusals refusals;
        private final ExecutorService threads;
        private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

        Exchange(Handler handler, Refusals refusals, ExecutorService threads) {
            this.handler = handler;
            this.refusals = refusals;
            this.threads = threads;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (request.decoderResult().isFailure()) {
                Throwable cause = request.decoderResult().cause();
                int status = cause instanceof TooLongHttpLineException ? 414
                        : cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException ? 431
                        : 400;
                String detail = "The request could not be read as HTTP/1.1: " + cause.getMessage();
                answer(ctx, () -> refusals.refuse(status, detail), false);
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            String[] target;
            try {
                target = parseTarget(request.uri());
            } catch (IllegalArgumentException e) {
                String detail = "The request target is not a valid URI: " + e.getMessage() + ".";
                answer(ctx, () -> refusals.refuse(400, detail), false);
                return;
            }
            Request received = new Request(request.method().name(), target[0], target[1],
                    request.headers().copy(), ByteBufUtil.getBytes(request.content()));
            answer(ctx, () -> {
                try {
                    return handler.handle(received);
                } catch (Exception e) {
                    return refusals.failed(e);
                }
            }, keepAlive);
        }

        /** Answers on a handler thread once every earlier request of the connection is answered. */
        private void answer(ChannelHandlerContext ctx, java.util.function.Supplier<Response> response,
                            boolean keepAlive) {
            previous = previous.thenRunAsync(() -> respond(ctx, response.get(), keepAlive), threads);
        }

        private static void respond(ChannelHandlerContext ctx, Response response, boolean keepAlive) {
            FullHttpResponse out = toNetty(response);
            if (!keepAlive) {
                out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            var written = ctx.writeAndFlush(out);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        static FullHttpResponse toNetty(Response response) {
            FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
            out.headers().add(response.headers());
            boolean noBodyAllowed = response.status() < 200 || response.status() == 204 || response.status() == 304;
            if (noBodyAllowed) {
                out.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
            } else if (!out.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
            }
            return out;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof ChannelInputShutdownEvent) {
                // after the answers so far: queued behind their writes on the connection's event loop
                previous = previous.thenRun(() -> ctx.executor().execute(ctx::close));
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();   // the connection broke (reset by the client); nothing to answer
        }
    }
}
