package org.groupeval.config;

/**
 * The deployment's settings: the environment variables template.yaml gives each function (table and bucket names,
 * endpoints, limits, the page-token secret), each overridable by the system property of the same name, as the local
 * stack and the tests set them. Every layer reads its settings here.
 */
public final class Settings {

    private Settings() {
    }

    /** The setting's value, or {@code fallback} when it is unset or blank. */
    public static String get(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
