package org.groupeval.domain.review;

/**
 * When an expert of a panel may read the other experts' sheets and the city sheet (rules.md §7.6): once every seated
 * expert submitted (the default), always, or never.
 */
public enum PeerVisibility {
    AFTER_PANEL_COMPLETE,
    ALWAYS,
    NEVER;

    /** Whether the peers' sheets are visible now, given whether every seated expert has submitted. */
    public boolean visible(boolean panelComplete) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AFTER_PANEL_COMPLETE -> panelComplete;
        };
    }
}
