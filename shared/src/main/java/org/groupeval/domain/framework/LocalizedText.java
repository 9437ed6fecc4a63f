package org.groupeval.domain.framework;

/** A text in Chinese (the original of the policy documents) and English. */
public record LocalizedText(String zh, String en) {

    public static LocalizedText of(String zh, String en) {
        return new LocalizedText(zh, en);
    }
}
