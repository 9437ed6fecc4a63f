package org.groupeval.domain.review;

/**
 * Where a score sheet stands (rules.md §5.3): a {@code DRAFT} its writer may still change, or {@code SUBMITTED},
 * locked for good. Stored in the sheet and in its item's {@code status} attribute, which conditions read.
 */
public enum SheetStatus {
    DRAFT,
    SUBMITTED
}
