package org.groupeval.domain.access;

import java.util.Locale;
import java.util.Optional;

/** Who a caller is to the evaluation (rules.md §2.3; docs/api.md, Identity). */
public enum Role {
    /** Staff of a core school: registers and maintains its group, uploads evidence, submits the self-assessment. */
    SCHOOL,
    /** A district reviewer: sees and scores the groups of its own district only. */
    DISTRICT,
    /** A city administrator: cycles, final review, ranking, results. */
    CITY,
    /** A member of a city expert panel: scores only the groups assigned to them. */
    EXPERT;

    public static Optional<Role> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Role.valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
