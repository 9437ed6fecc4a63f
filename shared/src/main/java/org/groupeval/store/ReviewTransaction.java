package org.groupeval.store;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.review.AuditRecord;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.Extension;
import org.groupeval.domain.review.Panel;
import org.groupeval.domain.review.Participant;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.json.Json;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The writes of one request and the audit records describing them, committed in one DynamoDB transaction (rules.md
 * §7.7: no change without its record). Each conditional write names the refusal to give when its condition
 * fails (a stale version, a sheet created meanwhile).
 */
public interface ReviewTransaction {

    /** Puts a sheet: new ({@code expectedVersion} null, must not exist) or replacing the version read. */
    ReviewTransaction sheet(ReviewSheet sheet, Long expectedVersion, Supplier<DomainException> onConflict);

    /** Requires a sheet to be unchanged (e.g. the submitted expert sheets behind a confirmed aggregate). */
    ReviewTransaction unchanged(ReviewSheet sheet, Supplier<DomainException> onConflict);

    ReviewTransaction panel(Panel panel, long expectedVersion, List<String> removedSubjects,
                            Supplier<DomainException> onConflict);

    /** Requires the panel to be as read (version 0: no panel). */
    ReviewTransaction panelUnchanged(Panel panel, Supplier<DomainException> onConflict);

    ReviewTransaction extension(Extension extension);

    /** Requires the group to be still an enrolled participant of the cycle (not withdrawn meanwhile). */
    ReviewTransaction stillEnrolled(int year, String groupId, Supplier<DomainException> onConflict);

    /** Puts a participant: new ({@code expectedVersion} null, must not exist) or replacing the version read. */
    ReviewTransaction participant(Participant participant, Long expectedVersion,
                                  Supplier<DomainException> onConflict);

    /** Marks the cycle's framework as fixed, conditioned on the cycle being as read (first sheet of the cycle). */
    ReviewTransaction lockFramework(Cycle cycle, Supplier<DomainException> onConflict);

    ReviewTransaction audit(List<AuditRecord> records);

    /**
     * Records an {@code Idempotency-Key} with the change, and the change's result to answer a repeat with; when the
     * key was already used for the same request the commit throws {@link Replayed} carrying the first request's
     * resource and result (and writes nothing).
     */
    ReviewTransaction idempotency(IdempotencyKey key, String resourceId, Object firstResult, java.time.Instant now);

    void commit();

    /** The request was already made with this Idempotency-Key: nothing was written; replay the first result. */
    final class Replayed extends RuntimeException {
        private final String resourceId;
        private final String firstResult;

        public Replayed(String resourceId, String firstResult) {
            super("replayed " + resourceId, null, false, false);
            this.resourceId = resourceId;
            this.firstResult = firstResult;
        }

        public String resourceId() {
            return resourceId;
        }

        /** The first request's result; empty for a record written without one. */
        public <T> Optional<T> firstResult(Class<T> type) {
            return Optional.ofNullable(firstResult).map(json -> Json.read(json, type));
        }
    }
}
