package org.groupeval.store;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The clock every rule with a deadline reads; tests register their own movable clock instead. */
@Factory
public class Clocks {

    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }
}
