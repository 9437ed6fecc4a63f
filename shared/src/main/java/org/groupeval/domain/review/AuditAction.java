package org.groupeval.domain.review;

/** What a change to a group's review did (rules.md §7.7), as its audit records name it. */
public enum AuditAction {
    DRAFT_SAVED,
    SUBMITTED,
    EXTENSION_GRANTED,
    PANEL_CHANGED,
    /** The city enrolled the group in the cycle or withdrew it (field {@code participation}). */
    PARTICIPATION_CHANGED
}
