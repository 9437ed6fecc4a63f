package org.groupeval.lambda;

import java.util.ArrayList;
import java.util.List;

/**
 * What a function prepares during Lambda's init besides its Micronaut context, on spare threads while the context
 * starts on the calling one ({@link FunctionHandler}, "Init"): the JSON mapping of the types it stores and answers
 * with, and work of its own (an SDK client every invocation needs). Immutable; a handler keeps its startup in a
 * constant.
 */
public final class Startup {

    private final List<Class<?>> types;
    private final List<Runnable> starters;

    private Startup(List<Class<?>> types, List<Runnable> starters) {
        this.types = List.copyOf(types);
        this.starters = List.copyOf(starters);
    }

    /**
     * A startup that prepares the JSON (de)serialisers of these types, besides the input's. Class literals only: a
     * type is initialised on the JSON thread, not named on the calling one.
     */
    public static Startup preparing(Class<?>... types) {
        return new Startup(List.of(types), List.of());
    }

    /**
     * The same startup, also starting {@code starter} during init. A starter returns at once, its work going on on a
     * thread of its own, as an {@code EarlyClient} builds an SDK client for the context to take. Worth it only where
     * {@code ./bench/run} shows it (docs/benchmarks.md, "Measures behind the figures").
     */
    public Startup alongside(Runnable starter) {
        List<Runnable> all = new ArrayList<>(starters);
        all.add(starter);
        return new Startup(types, all);
    }

    /** A starter that runs {@code work} on a daemon thread named {@code name-init}; a failure only loses time. */
    static Runnable spareThread(String name, Runnable work) {
        return () -> {
            Thread thread = new Thread(() -> {
                try {
                    work.run();
                } catch (RuntimeException notPrepared) {
                    // the first invocation does it, and reports what fails then
                }
            }, name + "-init");
            thread.setDaemon(true);
            thread.start();
        };
    }

    List<Class<?>> types() {
        return types;
    }

    void start() {
        starters.forEach(Runnable::run);
    }
}
