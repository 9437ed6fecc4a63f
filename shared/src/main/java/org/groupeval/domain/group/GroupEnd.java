package org.groupeval.domain.group;

import java.time.Instant;

/**
 * How a group ended: the date the decision takes effect ({@code YYYY-MM-DD}), the reason, the group it was merged
 * into ({@code mergedInto}, null for a dissolution), and who recorded it when.
 */
public record GroupEnd(String date, String reason, String mergedInto, Instant at, String by) {
}
