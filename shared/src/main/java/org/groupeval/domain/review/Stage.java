package org.groupeval.domain.review;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.Identifiers;

import java.util.Optional;

/**
 * The three scored stages of the yearly cycle (rules.md §4.1), in order: the core school's
 * self-assessment, the district's preliminary review, the city's final review. {@link #code()} is the path segment
 * and the value stored in sheets ({@code self}, {@code district}, {@code city}).
 */
public enum Stage {
    SELF("self", "自查自评", "self-assessment"),
    DISTRICT("district", "区级初评", "district preliminary review"),
    CITY("city", "市级终评", "city final review");

    private final String code;
    private final String zh;
    private final String en;

    Stage(String code, String zh, String en) {
        this.code = code;
        this.zh = zh;
        this.en = en;
    }

    public String code() {
        return code;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** The stage a path names ({@code …/sheets/{stage}}), or 400 naming {@code /path/stage}. */
    public static Stage fromPath(String code) {
        return parse(code).orElseThrow(() -> DomainException.invalid("/path/stage",
                "stage must be one of self, district, city (got " + Identifiers.quote(code) + ")"));
    }

    public static Optional<Stage> parse(String code) {
        for (Stage stage : values()) {
            if (stage.code.equals(code)) {
                return Optional.of(stage);
            }
        }
        return Optional.empty();
    }
}
