package org.groupeval.domain.review;

/**
 * How far an expert's own sheet has come, as the panel view and the expert's assignments show it: not yet saved,
 * a draft, or submitted.
 */
public enum SheetProgress {
    NOT_STARTED,
    DRAFT,
    SUBMITTED;

    /** The progress of a sheet that may not exist yet (null). */
    public static SheetProgress of(ReviewSheet sheet) {
        if (sheet == null) {
            return NOT_STARTED;
        }
        return sheet.submitted() ? SUBMITTED : DRAFT;
    }
}
