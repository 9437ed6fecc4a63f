package org.groupeval.domain.ranking;

/**
 * A ranking run's life: RUNNING while its results are written (readers keep seeing the previous complete revision),
 * COMPLETE once every result is written and the LATEST pointer may move to it, ABANDONED when a crashed run's lease
 * expired and a run on different inputs took its place.
 */
public enum RunStatus {
    RUNNING,
    COMPLETE,
    ABANDONED
}
