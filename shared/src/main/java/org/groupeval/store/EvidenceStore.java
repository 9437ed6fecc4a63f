package org.groupeval.store;

import org.groupeval.domain.evidence.Evidence;
import org.groupeval.domain.evidence.EvidenceLimits;
import org.groupeval.domain.evidence.StatementOfWork;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Where evidence records, the per-group file counters and the statements of work live (EvidenceTable). */
public interface EvidenceStore {

    /** A declaration's outcome: the record, and whether it was replayed from an earlier request with the same key. */
    record Declared(Evidence evidence, boolean replayed) {
    }

    /**
     * Stores a new declaration and counts it against the group's files of the cycle, atomically; refuses (409, naming
     * the setting) when the group already holds the most files that are not withdrawn. With an idempotency
     * key, a repeated request returns the first declaration.
     */
    Declared declare(Evidence evidence, EvidenceLimits limits, IdempotencyKey idempotencyKey);

    Optional<Evidence> find(int year, String groupId, String evidenceId);

    /** Several records of one group and cycle by id (missing ids are absent from the map). */
    Map<String, Evidence> findAll(int year, String groupId, Collection<String> evidenceIds);

    /** A group's evidence of a cycle in declaration order, optionally of one indicator, optionally with withdrawn. */
    Page<Evidence> list(int year, String groupId, String indicatorId, boolean includeWithdrawn, int limit,
                        String cursor);

    /** Replaces a record if it is still at its version; empty when it changed meanwhile (read again and retry). */
    Optional<Evidence> replace(Evidence next, long expectedVersion);

    /**
     * Marks a record withdrawn and stops counting it against the limit, atomically: 412 when it changed since read,
     * 409 {@code self-assessment-submitted} when the group's self-assessment is submitted at the moment of the write.
     */
    Evidence withdraw(Evidence withdrawn, long expectedVersion);

    Optional<StatementOfWork> statement(int year, String groupId);

    /**
     * Saves a statement: a new one when {@code expectedVersion} is null, else only over that version (412); 409
     * {@code self-assessment-submitted} when the group's self-assessment is submitted at the moment of the write.
     */
    StatementOfWork saveStatement(StatementOfWork statement, Long expectedVersion);
}
