package org.groupeval.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.evidence.Evidence;
import org.groupeval.domain.evidence.EvidenceStatus;
import org.groupeval.domain.evidence.StatementOfWork;
import org.groupeval.domain.evidence.StatementRow;
import org.groupeval.evidence.EvidenceFixture.World;
import org.groupeval.store.EvidenceStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.groupeval.evidence.EvidenceFixture.declaration;
import static org.groupeval.evidence.EvidenceFixture.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The self-assessment's lock is enforced by the write itself: a withdrawal or statement read while the sheet was a
 * draft, and written after the submission, is refused with the same 409 as one made after it. Each test takes the
 * request's state as read, lets the submission happen, then writes: the moment a race makes possible.
 */
class SelfAssessmentLockTest {

    private static EvidenceFixture fx;
    private static EvidenceStore store;

    @BeforeAll
    static void start() {
        fx = EvidenceFixture.get();
        store = fx.handler.evidence;
    }

    @Test
    void aWithdrawalReadBeforeTheSubmissionAndWrittenAfterItIsRefused() {
        World w = fx.world();
        fx.selfSheet(w, "DRAFT");
        JsonNode declared = fx.declared(w, declaration("A01", "charter.pdf", "application/pdf", pdf("lock")));
        Evidence read = store.find(w.year(), w.groupId(), declared.get("evidenceId").asText()).orElseThrow();

        fx.selfSheet(w, "SUBMITTED");
        DomainException refused = assertThrows(DomainException.class,
                () -> store.withdraw(read.withdrawn("user-" + w.core(), Instant.now()), read.version()));

        assertEquals(409, refused.status());
        assertEquals("self-assessment-submitted", refused.type());
        assertEquals(EvidenceStatus.PENDING, store.find(w.year(), w.groupId(), read.evidenceId()).orElseThrow()
                .status());
    }

    @Test
    void aStatementReadBeforeTheSubmissionAndWrittenAfterItIsRefused() {
        World w = fx.world();
        fx.selfSheet(w, "DRAFT");
        StatementOfWork first = store.saveStatement(statement(w, "制定三年发展规划"), null);

        fx.selfSheet(w, "SUBMITTED");
        DomainException refused = assertThrows(DomainException.class,
                () -> store.saveStatement(statement(w, "修订集团章程"), first.version()));

        assertEquals(409, refused.status());
        assertEquals("self-assessment-submitted", refused.type());
        StatementOfWork kept = store.statement(w.year(), w.groupId()).orElseThrow();
        assertEquals(first.version(), kept.version());
        assertEquals("制定三年发展规划", kept.rows().get(0).description());
    }

    @Test
    void aFirstStatementWrittenAfterTheSubmissionIsRefused() {
        World w = fx.world();
        fx.selfSheet(w, "SUBMITTED");
        DomainException refused = assertThrows(DomainException.class,
                () -> store.saveStatement(statement(w, "制定三年发展规划"), null));
        assertEquals(409, refused.status());
        assertTrue(store.statement(w.year(), w.groupId()).isEmpty());
    }

    private static StatementOfWork statement(World w, String description) {
        return new StatementOfWork(w.groupId(), w.year(), List.of(new StatementRow("1", description, "A02",
                List.of())), Instant.now(), "user-" + w.core(), 0);
    }
}
