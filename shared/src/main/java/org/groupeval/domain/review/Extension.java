package org.groupeval.domain.review;

import java.time.Instant;

/**
 * A later deadline for one stage of one group, granted by CITY (rules.md §4.3). It replaces the cycle's
 * deadline for that group and stage only; a second grant replaces the first.
 */
public record Extension(int year, String groupId, String district, String stage, String deadline, String reason,
                        Instant grantedAt, String grantedBy) {
}
