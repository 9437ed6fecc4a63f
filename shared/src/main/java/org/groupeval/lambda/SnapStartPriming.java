package org.groupeval.lambda;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A SnapStart priming step: run before Lambda snapshots the initialised function (CRaC {@code beforeCheckpoint}), so
 * that the restored function starts with what the step loaded (the SDK's request path, the JSON mapper), not its
 * first request. Nothing is renewed after a restore: the SDK's credentials come from the restored environment on
 * first use.
 */
final class SnapStartPriming implements Resource {

    private final Runnable prime;

    private SnapStartPriming(Runnable prime) {
        this.prime = prime;
    }

    /**
     * Registers {@code prime} with the global CRaC context. The caller keeps the returned resource in a field: CRaC
     * holds registered resources only weakly.
     */
    static Resource register(Runnable prime) {
        SnapStartPriming resource = new SnapStartPriming(prime);
        Core.getGlobalContext().register(resource);
        return resource;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime.run();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew (see the class comment)
    }
}
