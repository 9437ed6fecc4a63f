package org.groupeval.store;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An SDK client built on a daemon thread while a Lambda function's init goes on (Micronaut's context starts on the
 * calling thread meanwhile), then handed, once, to the bean factory that would otherwise build it there. As soon as
 * it is built it can be taken, while its thread goes on priming it (a first round trip), which loads the request
 * path's classes before the first request needs them.
 *
 * @param <T> the client's type
 */
public final class EarlyClient<T> {

    private final String name;
    private final AtomicReference<CompletableFuture<T>> started = new AtomicReference<>();

    /** @param name names the thread ({@code name-init}) in thread dumps and class-load logs */
    public EarlyClient(String name) {
        this.name = name;
    }

    /**
     * Starts {@code build} on a daemon thread, then, on that thread, {@code prime} on the built client, which
     * {@link #take} can already have; does nothing if a build was started and not yet taken. A failing priming is
     * only a lost optimisation.
     */
    public void start(Supplier<T> build, Consumer<T> prime) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (!started.compareAndSet(null, future)) {
            return;
        }
        Thread thread = new Thread(() -> {
            T client;
            try {
                client = build.get();
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
                return;
            }
            future.complete(client);
            try {
                prime.accept(client);
            } catch (RuntimeException notPrimed) {
                // the first request loads what the priming would have
            }
        }, name + "-init");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The client started early, waiting for its build if need be; taken once. Without one, or if its build failed,
     * {@code build} runs here, where a failure surfaces in the context's start-up.
     */
    public T take(Supplier<T> build) {
        CompletableFuture<T> early = started.getAndSet(null);
        if (early != null) {
            try {
                return early.join();
            } catch (CompletionException | CancellationException failed) {
                // built again below
            }
        }
        return build.get();
    }
}
