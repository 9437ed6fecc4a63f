package org.groupeval.scoring;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.groupeval.domain.Grade;
import org.groupeval.domain.framework.Score;
import org.groupeval.domain.review.Participant;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.SheetStatus;
import org.groupeval.domain.review.Stage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A participant as the list of a cycle's participants shows it (docs/review.md, Participation): its participation
 * and, by stage code ({@code self}, {@code district}, {@code city}), where that stage's sheet stands — a stage
 * without a saved sheet is absent — so a reviewer reads every group's stages in one request per page.
 */
record ParticipantView(@JsonUnwrapped Participant participant, Map<String, StageState> stages) {

    /** A stage's sheet: its status, total and grade (after veto and fraud), the district's recommendation. */
    record StageState(SheetStatus status, Score total, Grade grade, Boolean recommend, Instant submittedAt) {

        static StageState of(ReviewSheet sheet) {
            return new StageState(sheet.status(), sheet.total(), sheet.grade(), sheet.recommend(),
                    sheet.submittedAt());
        }
    }

    static ParticipantView of(Participant participant, Map<Stage, ReviewSheet> sheets) {
        Map<String, StageState> stages = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            ReviewSheet sheet = sheets == null ? null : sheets.get(stage);
            if (sheet != null) {
                stages.put(stage.code(), StageState.of(sheet));
            }
        }
        return new ParticipantView(participant, stages);
    }
}
