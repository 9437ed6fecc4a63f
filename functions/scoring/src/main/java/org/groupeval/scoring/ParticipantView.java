package org.groupeval.scoring;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.groupeval.domain.review.Extension;
import org.groupeval.domain.review.Participant;

import java.util.List;

/**
 * A group's participation as {@code GET /cycles/{year}/participants/{groupId}} answers it: the participation and
 * the extensions CITY granted the group in the cycle, in stage order (empty when none), so that the group's own
 * school sees its deadlines.
 */
record ParticipantView(@JsonUnwrapped Participant participant, List<Extension> extensions) {
}
