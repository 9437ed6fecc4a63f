package org.groupeval.domain.review;

/** Whether a group takes part in a cycle (docs/review.md, Participation). */
public enum ParticipantStatus {
    /** Takes part: reviewed, counted in progress, ranked. */
    ENROLLED,
    /** Withdrawn by the city for this cycle: no sheets, not counted, not ranked. */
    WITHDRAWN
}
