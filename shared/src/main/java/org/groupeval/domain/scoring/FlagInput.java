package org.groupeval.domain.scoring;

import java.util.Map;

/**
 * A veto (一票否决) or fraud finding (弄虚作假) as a reviewer enters it, {@code {"applied": true|false, "reason": …}}:
 * a reason is required when it applies (rules.md §6.3, §6.4). As sent, not yet checked ({@link SheetScorer}).
 */
public record FlagInput(Boolean applied, String reason) {

    /** Whether the flag is set. */
    public boolean isApplied() {
        return Boolean.TRUE.equals(applied);
    }

    /** The flag as the scorer reads it (the sheet's JSON members that were given). */
    Map<String, Object> toTree() {
        return SheetEntry.given("applied", applied, "reason", reason);
    }
}
