package org.groupeval.domain.scoring;

import org.groupeval.domain.framework.LocalizedText;

/** How a figure was reached, in words a school can read, in Chinese and English. */
public record Explanation(String zh, String en) {

    public static Explanation of(LocalizedText text) {
        return new Explanation(text.zh(), text.en());
    }
}
