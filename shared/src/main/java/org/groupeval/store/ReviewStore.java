package org.groupeval.store;

import org.groupeval.domain.review.AuditRecord;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.DeclaredConflict;
import org.groupeval.domain.review.Extension;
import org.groupeval.domain.review.GroupReview;
import org.groupeval.domain.review.Panel;
import org.groupeval.domain.review.Participant;
import org.groupeval.domain.review.ReviewProgress;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.Stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where the review workflow lives: cycles, sheets, panels, extensions, declared conflicts and the audit trail. */
public interface ReviewStore {

    record CreatedCycle(Cycle cycle, boolean replayed) {
    }

    /** The year already has a cycle ({@link #createCycle}). */
    final class CycleExists extends RuntimeException {
        public CycleExists(int year) {
            super("cycle " + year + " exists", null, false, false);
        }
    }

    /** The cycle is no longer the version, or the framework-lock state, it was read at ({@link #updateCycle}). */
    final class CycleChanged extends RuntimeException {
        private final transient Cycle current;

        public CycleChanged(Cycle current) {
            super("cycle " + current.year() + " is at version " + current.version(), null, false, false);
            this.current = current;
        }

        /** The cycle as it is now. */
        public Cycle current() {
            return current;
        }
    }

    /**
     * A seat on a city panel as its expert sees it: the cycle, the group and the expert's own sheet ({@code sheet}
     * is null until the expert first saves it).
     */
    record Assignment(int year, String groupId, String district, Panel.Expert expert, ReviewSheet sheet) {
    }

    Optional<Cycle> cycle(int year);

    /** Every cycle, newest year first (the cycles' index, GSI3: eventually consistent, like any index read). */
    List<Cycle> cycles();

    /**
     * Stores a new cycle, or answers the first result of a creation repeated with its Idempotency-Key;
     * {@link CycleExists} when the year has another.
     */
    CreatedCycle createCycle(Cycle cycle, IdempotencyKey key);

    /**
     * Replaces a cycle still at {@code expectedVersion} and in the same framework-lock state as read;
     * {@link CycleChanged} otherwise.
     */
    Cycle updateCycle(Cycle next, long expectedVersion);

    /**
     * Everything of one group in one cycle, in one strongly consistent query: the stage sheets, the experts' sheets,
     * the panel (empty when none was assigned, in {@code district}) and the extensions.
     */
    GroupReview groupReview(int year, String groupId, String district);

    Page<AuditRecord> audit(int year, String groupId, int limit, String cursor);

    List<DeclaredConflict> conflicts(String expertSub);

    /** The declared conflicts of each of the experts, by subject (one query each). */
    default Map<String, List<DeclaredConflict>> conflictsOf(List<Panel.Expert> experts) {
        Map<String, List<DeclaredConflict>> declared = new LinkedHashMap<>();
        for (Panel.Expert expert : experts) {
            declared.put(expert.subject(), conflicts(expert.subject()));
        }
        return declared;
    }

    /**
     * The panels an expert sits on (the seats' index, GSI2), oldest cycle first, then by group; of one cycle when
     * {@code year} is not null. Each with the expert's own sheet, read in strongly consistent batches.
     */
    List<Assignment> assignments(String expertSub, Integer year);

    /** Stores (or replaces) a declared conflict. */
    void declareConflict(DeclaredConflict conflict);

    /** Stage sheets of a cycle (GSI1), optionally of one district. */
    List<ReviewProgress.SheetState> stageSheets(int year, Stage stage, String district);

    /** Expert sheets of a cycle (GSI1), optionally of one district. */
    List<ReviewProgress.SheetState> expertSheets(int year, String district);

    /** Panels of a cycle (GSI1), optionally of one district. */
    List<Panel> panels(int year, String district);

    /** Participants of a cycle (GSI1), of one district or (null) every one, a page at a time, by district. */
    Page<Participant> participants(int year, String district, int limit, String cursor);

    /**
     * The stage sheets (self, district, city) of {@code groupIds} in a cycle, by group and stage, in batched reads
     * (a page of participants costs one BatchGetItem per 33 groups, not a read per group); a sheet not saved is
     * absent.
     */
    Map<String, Map<Stage, ReviewSheet>> stageSheetsOf(int year, List<String> groupIds);

    /** Every participant of a cycle (GSI1), of one district or (null) every one. */
    List<Participant> allParticipants(int year, String district);

    /**
     * Enrols each candidate that is not yet a participant of the cycle (enrolled or withdrawn), in batches;
     * answers how many it enrolled. Repeating it enrols nobody twice.
     */
    int enrolAll(int year, List<Participant> candidates);

    /** Extensions of a cycle (GSI3). */
    List<Extension> extensions(int year);

    /** A transaction: every write of one request, with its audit records, all or nothing. */
    ReviewTransaction transaction();
}
