package org.groupeval.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.groupeval.domain.Grade;
import org.groupeval.domain.framework.Score;
import org.groupeval.domain.review.Extension;
import org.groupeval.domain.review.Participant;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.SheetStatus;
import org.groupeval.domain.review.Stage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A participant as the participants routes show it (docs/review.md, Participation): its participation and, by stage
 * code ({@code self}, {@code district}, {@code city}), where that stage's sheet stands — a stage without a saved
 * sheet is absent — so a reviewer reads every group's stages in one request per page. The answer for one group adds
 * instead the extensions CITY granted it in the cycle, in stage order, so that the group's own school sees its
 * deadlines — and not the stages, whose totals a school may not read before the results are published.
 */
record ParticipantView(@JsonUnwrapped Participant participant,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, StageState> stages,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<Extension> extensions) {

    /** A stage's sheet: its status, total and grade (after veto and fraud), the district's recommendation. */
    record StageState(SheetStatus status, Score total, Grade grade, Boolean recommend, Instant submittedAt) {

        static StageState of(ReviewSheet sheet) {
            return new StageState(sheet.status(), sheet.total(), sheet.grade(), sheet.recommend(),
                    sheet.submittedAt());
        }
    }

    /** The participant as the list shows it: with its stages, without extensions. */
    static ParticipantView of(Participant participant, Map<Stage, ReviewSheet> sheets) {
        return new ParticipantView(participant, stages(sheets), null);
    }

    /** The participant as the answer for one group shows it: with its extensions, without its stages. */
    static ParticipantView of(Participant participant, List<Extension> extensions) {
        return new ParticipantView(participant, null, List.copyOf(extensions));
    }

    private static Map<String, StageState> stages(Map<Stage, ReviewSheet> sheets) {
        Map<String, StageState> stages = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            ReviewSheet sheet = sheets == null ? null : sheets.get(stage);
            if (sheet != null) {
                stages.put(stage.code(), StageState.of(sheet));
            }
        }
        return stages;
    }
}
