package org.groupeval.domain.review;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The expert panel of one group's city stage (rules.md §7.3): who sits on it. {@code version} is the
 * optimistic-locking version (the ETag); 0 for a group that has no panel yet.
 */
public record Panel(String groupId, int year, String district, List<Expert> experts, Instant updatedAt,
                    String updatedBy, long version) {

    public Panel {
        experts = experts == null ? List.of() : List.copyOf(experts);
    }

    /** One seat: the expert's subject (the {@code sub} of their token), name and own school affiliation. */
    public record Expert(String subject, String name, String affiliation) {
    }

    public static Panel empty(String groupId, int year, String district) {
        return new Panel(groupId, year, district, List.of(), null, null, 0);
    }

    public Optional<Expert> seat(String subject) {
        return experts.stream().filter(e -> e.subject().equals(subject)).findFirst();
    }

    public List<String> subjects() {
        return experts.stream().map(Expert::subject).toList();
    }
}
