package org.groupeval.store;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-over of a client built during a function's init: once, waiting for it, and never failing for priming. */
class EarlyClientTest {

    @Test
    void theFactoryTakesTheClientStartedEarlyOnceAndThenBuildsItsOwn() throws Exception {
        EarlyClient<StringBuilder> early = new EarlyClient<>("test");
        StringBuilder built = new StringBuilder("early");
        CountDownLatch primed = new CountDownLatch(1);
        early.start(() -> built, client -> {
            client.append(", primed");
            primed.countDown();
        });
        assertSame(built, early.take(() -> new StringBuilder("here")));
        assertTrue(primed.await(5, TimeUnit.SECONDS));
        assertEquals("early, primed", built.toString());
        assertEquals("here", early.take(() -> new StringBuilder("here")).toString());
    }

    @Test
    void withoutAnEarlyStartTheFactoryBuildsTheClientItself() {
        assertEquals("here", new EarlyClient<String>("test").take(() -> "here"));
    }

    @Test
    void aFailedEarlyBuildIsRetriedWhereTheContextStartsSoThatItsFailureSurfacesThere() {
        EarlyClient<String> early = new EarlyClient<>("test");
        early.start(() -> {
            throw new IllegalStateException("no region");
        }, client -> { });
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> early.take(() -> {
            throw new IllegalStateException("no region, again");
        }));
        assertEquals("no region, again", failure.getMessage());
        AtomicInteger builds = new AtomicInteger();
        early.start(() -> {
            throw new IllegalStateException("transient");
        }, client -> { });
        assertEquals("built", early.take(() -> {
            builds.incrementAndGet();
            return "built";
        }));
        assertEquals(1, builds.get());
    }

    @Test
    void aFailingPrimingStillHandsTheClientOver() throws Exception {
        EarlyClient<String> early = new EarlyClient<>("test");
        CountDownLatch primingRan = new CountDownLatch(1);
        early.start(() -> "client", client -> {
            primingRan.countDown();
            throw new IllegalStateException("no table");
        });
        assertEquals("client", early.take(() -> "other"));
        assertTrue(primingRan.await(5, TimeUnit.SECONDS));
    }
}
