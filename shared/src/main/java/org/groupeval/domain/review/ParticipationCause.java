package org.groupeval.domain.review;

/**
 * Why a participation last changed (docs/review.md, Participation), so that a client can say it in its user's
 * language; {@code reason} keeps the words (the city's own, or the service's for an automatic change).
 */
public enum ParticipationCause {
    /** Enrolled as an active group when the city created the cycle. */
    CYCLE_CREATED,
    /** Enrolled as it registered while the cycle's self-assessment was open. */
    REGISTERED,
    /** Enrolled or withdrawn by the city, with its reason. */
    CITY,
    /** Withdrawn because the group was dissolved. */
    GROUP_DISSOLVED,
    /** Withdrawn because the group was merged into another. */
    GROUP_MERGED
}
