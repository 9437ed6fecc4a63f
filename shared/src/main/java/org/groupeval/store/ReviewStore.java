package org.groupeval.store;

import org.groupeval.domain.review.AuditRecord;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.DeclaredConflict;
import org.groupeval.domain.review.Extension;
import org.groupeval.domain.review.Panel;
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

    /**
     * Everything of one group in one cycle, read in one strongly consistent query: the stage sheets, the experts'
     * sheets, the panel (empty when none was assigned) and the extensions.
     */
    record GroupCycle(Map<Stage, ReviewSheet> sheets, Map<String, ReviewSheet> expertSheets, Panel panel,
                      Map<Stage, Extension> extensions) {

        public Optional<ReviewSheet> sheet(Stage stage) {
            return Optional.ofNullable(sheets.get(stage));
        }

        public Extension extension(Stage stage) {
            return extensions.get(stage);
        }
    }

    /** A sheet as the progress view needs it (from the stage index, without reading the group partitions). */
    record SheetState(String groupId, String district, String status, boolean recommend, String expertSub) {
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

    /** Stores a new cycle; 409 {@code cycle-exists} when the year has one (unless replayed by Idempotency-Key). */
    CreatedCycle createCycle(Cycle cycle, IdempotencyKey key);

    /**
     * Replaces a cycle still at {@code expectedVersion} and in the same framework-lock state as read (412 otherwise).
     */
    Cycle updateCycle(Cycle next, long expectedVersion);

    GroupCycle groupCycle(int year, String groupId, String district);

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
    List<SheetState> stageSheets(int year, Stage stage, String district);

    /** Expert sheets of a cycle (GSI1), optionally of one district. */
    List<SheetState> expertSheets(int year, String district);

    /** Panels of a cycle (GSI1), optionally of one district. */
    List<Panel> panels(int year, String district);

    /** Extensions of a cycle (GSI3). */
    List<Extension> extensions(int year);

    /** A transaction: every write of one request, with its audit records, all or nothing. */
    ReviewTransaction transaction();
}
