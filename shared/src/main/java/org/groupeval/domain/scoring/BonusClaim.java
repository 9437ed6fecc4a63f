package org.groupeval.domain.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The level bonus a sheet claims (rules.md §6.2): one level, {@code {"level": "CITY", "reason": …}}, or several,
 * {@code {"items": [{"level": …, "reason": …}]}}. As sent, not yet checked ({@link SheetScorer}).
 */
public record BonusClaim(String level, String reason, List<Item> items) {

    /** One of several claims. */
    public record Item(String level, String reason) {
    }

    /** Whether anything is claimed: a level, or a list of claims (an expert's claim goes to the city to decide). */
    public boolean claims() {
        return level != null || items != null;
    }

    /** The claim as the scorer reads it (the sheet's JSON members that were given). */
    Map<String, Object> toTree() {
        List<Object> list = null;
        if (items != null) {
            list = new ArrayList<>(items.size());
            for (Item item : items) {
                list.add(item == null ? null : SheetEntry.given("level", item.level(), "reason", item.reason()));
            }
        }
        return SheetEntry.given("level", level, "reason", reason, "items", list);
    }
}
