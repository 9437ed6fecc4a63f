package org.groupeval.lambda;

import java.util.function.Supplier;

/**
 * A value made on its first use, once, by whichever thread asks first (the others wait for it). What a function
 * needs on some invocations only, such as an SDK client most routes never use, is held so by the bean that uses it:
 * the Micronaut context wires a function during its init and is never asked for a bean by an invocation
 * ({@link FunctionHandler}).
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> make;
    private volatile T value;

    public Lazy(Supplier<T> make) {
        this.make = make;
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = make.get();
                    value = made;
                }
            }
        }
        return made;
    }
}
