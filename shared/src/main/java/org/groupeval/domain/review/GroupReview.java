package org.groupeval.domain.review;

import java.util.Map;

/**
 * Everything of one group's review in one cycle, as one strongly consistent read gives it: the stage sheets, the
 * experts' own sheets (by subject), the city panel (empty when none was assigned), the extensions CITY granted and
 * the group's participation in the cycle ({@code participant}, null when it was never enrolled).
 */
public record GroupReview(Map<Stage, ReviewSheet> sheets, Map<String, ReviewSheet> expertSheets, Panel panel,
                          Map<Stage, Extension> extensions, Participant participant) {

    /** The stage's sheet, or null before its first draft. */
    public ReviewSheet sheet(Stage stage) {
        return sheets.get(stage);
    }

    /** The stage's extension for the group, or null. */
    public Extension extension(Stage stage) {
        return extensions.get(stage);
    }

    /** Whether every seated expert has submitted their sheet. */
    public boolean panelComplete() {
        return CityPanel.complete(panel, expertSheets);
    }
}
