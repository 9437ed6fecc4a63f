package org.groupeval.domain.review;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.framework.SheetInput;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A later deadline for one group's stage (rules.md §4.3): what a grant must say, and when a stage can still be
 * extended: the new deadline is later than the cycle's, and neither the stage nor a later one is submitted.
 */
public final class ExtensionRules {

    private ExtensionRules() {
    }

    /** A valid request: the group, the stage, the new deadline (in Asia/Shanghai) and the reason (trimmed). */
    public record Grant(String groupId, Stage stage, String deadline, String reason) {
    }

    /** Every invalid field of the request at once (400). */
    public static Grant validate(ExtensionRequest request) {
        SheetInput in = new SheetInput(false);
        String groupId = in.text(request.groupId(), "/groupId");
        if (groupId != null && !Identifiers.isGroupId(groupId)) {
            in.error("/groupId", Identifiers.GROUP_ID_RULE);
        }
        String stageCode = in.text(request.stage(), "/stage");
        Stage stage = stageCode == null ? null : Stage.parse(stageCode).orElse(null);
        if (stageCode != null && stage == null) {
            in.error("/stage", "must be one of self, district, city (got \"" + stageCode + "\")");
        }
        String deadline = null;
        if (request.deadline() == null) {
            in.error("/deadline", "is required: the new deadline, ISO-8601 with offset, e.g. "
                    + "2026-09-07T23:59:59+08:00");
        } else {
            deadline = CycleRules.time(request.deadline(), "/deadline", in);
        }
        String reason = in.text(request.reason(), "/reason");
        if (in.hasErrors()) {
            throw DomainException.invalidFields("the extension", in.errors());
        }
        return new Grant(groupId, stage, deadline, reason.strip());
    }

    /** Refuses a grant that would not move the deadline later, or reopen a stage already closed by a submission. */
    public static void checkGrantable(Cycle cycle, Grant grant, GroupReview review) {
        Stage stage = grant.stage();
        OffsetDateTime cycleDeadline = cycle.deadlines().at(stage);
        if (!OffsetDateTime.parse(grant.deadline()).isAfter(cycleDeadline)) {
            throw new DomainException(422, "extension-not-later", "An extension must be later than the deadline",
                    "The " + stage.code() + " deadline of cycle " + cycle.year() + " is " + cycle.deadlines().of(stage)
                            + "; an extension moves it later.",
                    List.of(new FieldError("/deadline", "must be after " + cycle.deadlines().of(stage))));
        }
        ReviewSheet sheet = review.sheet(stage);
        if (sheet != null && sheet.submitted()) {
            throw DomainException.conflict("sheet-submitted", "The stage is already submitted", "The " + stage.code()
                    + " sheet of group " + grant.groupId() + " is submitted; there is nothing left to extend.");
        }
        Stage later = stage == Stage.SELF ? Stage.DISTRICT : stage == Stage.DISTRICT ? Stage.CITY : null;
        ReviewSheet laterSheet = later == null ? null : review.sheet(later);
        if (laterSheet != null && laterSheet.submitted()) {
            throw DomainException.conflict("later-stage-submitted", "A later stage is already submitted", "The "
                    + later.code() + " sheet of group " + grant.groupId() + " is already submitted; the "
                    + stage.code() + " stage can no longer be reopened.");
        }
    }
}
