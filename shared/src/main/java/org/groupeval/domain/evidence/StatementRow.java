package org.groupeval.domain.evidence;

import java.util.List;

/**
 * One row of a group's statement of work (附件2): its number, the work done, the indicator it supports and the
 * evidence files that prove it.
 */
public record StatementRow(String number, String description, String indicatorId, List<String> evidenceIds) {

    public StatementRow {
        evidenceIds = evidenceIds == null ? List.of() : List.copyOf(evidenceIds);
    }
}
