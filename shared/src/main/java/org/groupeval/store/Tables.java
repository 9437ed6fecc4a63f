package org.groupeval.store;

/**
 * Physical table names, from the environment template.yaml gives each function ({@code GROUPS_TABLE}, ...).
 * Locally the stack sets the same variables (as system properties) to the template's logical ids.
 */
public record Tables(String groups, String review, String evidence, String results) {

    public static Tables fromEnvironment() {
        return new Tables(setting("GROUPS_TABLE", "GroupsTable"), setting("REVIEW_TABLE", "ReviewTable"),
                setting("EVIDENCE_TABLE", "EvidenceTable"), setting("RESULTS_TABLE", "ResultsTable"));
    }

    /** An environment variable, overridable by the system property of the same name (local stack, tests). */
    public static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
