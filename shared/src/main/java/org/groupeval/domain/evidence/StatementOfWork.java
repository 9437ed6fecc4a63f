package org.groupeval.domain.evidence;

import java.time.Instant;
import java.util.List;

/**
 * A group's statement of work for one cycle (rules.md §11.2). {@code version} is the ETag.
 */
public record StatementOfWork(String groupId, int year, List<StatementRow> rows, Instant updatedAt, String updatedBy,
                              long version) {

    public StatementOfWork {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /** The request body of {@code PUT …/statement}. */
    public record Request(List<StatementRow> rows) {
    }

    public StatementOfWork withVersion(long newVersion) {
        return new StatementOfWork(groupId, year, rows, updatedAt, updatedBy, newVersion);
    }
}
