package org.groupeval.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.groupeval.domain.review.Cycle;
import org.groupeval.json.Json;

/**
 * ReviewTable's cycle item (docs/data-model.md): {@code data} is the {@link Cycle}; the plain {@code status} says
 * whether its framework is still open ({@link #CONFIGURING}) or fixed by the cycle's first sheet ({@link #RUNNING}),
 * which a sheet's transaction sets and a change conditions on; {@code version} is the cycle's ETag.
 */
final class CycleMapper {

    static final String KIND = "Cycle";
    static final String CONFIGURING = "CONFIGURING";
    static final String RUNNING = "RUNNING";

    private CycleMapper() {
    }

    static StoredItem toItem(Cycle cycle) {
        StoredItem item = StoredItem.of(KIND, ReviewKeys.cycle(cycle.year()), ReviewKeys.cycleItem());
        item.setGsi3pk(ReviewKeys.cycles());
        item.setGsi3sk(ReviewKeys.cycleOrder(cycle.year()));
        item.setStatus(status(cycle.frameworkLocked()));
        item.setVersion(cycle.version());
        item.setData(Json.write(cycle));
        return item;
    }

    /** The item's status for a cycle whose framework is fixed (or not). */
    static String status(boolean frameworkLocked) {
        return frameworkLocked ? RUNNING : CONFIGURING;
    }

    /**
     * The cycle an item holds, with the item's version and lock. A cycle whose settings cannot be read (award settings
     * out of range, an unknown setting) is an {@link IllegalArgumentException} saying which.
     */
    static Cycle fromItem(StoredItem item) {
        Cycle cycle;
        try {
            cycle = Json.MAPPER.readValue(item.getData(), Cycle.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException unusable) {
                throw unusable;
            }
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        return cycle.withVersion(item.getVersion() == null ? 0 : item.getVersion())
                .withFrameworkLocked(RUNNING.equals(item.getStatus()));
    }
}
