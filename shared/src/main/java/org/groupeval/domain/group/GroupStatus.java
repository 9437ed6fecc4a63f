package org.groupeval.domain.group;

/** Where a group is in its life (docs/api.md, Group lifecycle). */
public enum GroupStatus {
    /** Registered and evaluated; enrolled in new cycles, its schools claimed by it. */
    ACTIVE,
    /** Dissolved (解散): its schools are free to join other groups; it takes part in no new cycle. */
    DISSOLVED,
    /** Merged into another group (合并), which took over its schools; it takes part in no new cycle. */
    MERGED
}
