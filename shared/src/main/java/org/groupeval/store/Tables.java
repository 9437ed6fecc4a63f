package org.groupeval.store;

import org.groupeval.config.Settings;

/**
 * Physical table names, from the environment template.yaml gives each function ({@code GROUPS_TABLE}, ...).
 * Locally the stack sets the same variables (as system properties) to the template's logical ids.
 */
public record Tables(String groups, String review, String evidence, String results) {

    public static Tables fromEnvironment() {
        return new Tables(Settings.get("GROUPS_TABLE", "GroupsTable"), Settings.get("REVIEW_TABLE", "ReviewTable"),
                Settings.get("EVIDENCE_TABLE", "EvidenceTable"), Settings.get("RESULTS_TABLE", "ResultsTable"));
    }
}
