package org.groupeval.domain.review;

import java.time.Instant;

/**
 * A conflict of interest declared for an expert by CITY (rules.md §7.5): with a school ({@code schoolCode}) or with a
 * whole group ({@code groupId}), exactly one of the two. It blocks assigning the expert to any group that holds the
 * school, or to the group.
 */
public record DeclaredConflict(String expertSub, String schoolCode, String groupId, String reason, Instant declaredAt,
                               String declaredBy) {

    /** The sort-key suffix: the school code, or {@code GROUP#groupId}. */
    public String target() {
        return schoolCode != null ? schoolCode : "GROUP#" + groupId;
    }
}
