package org.groupeval.store;

import java.util.Optional;

/**
 * What other functions read of the review workflow's ReviewTable (docs/data-model.md), read-only: a cycle's pinned
 * framework and whether an expert sits on a group's panel. (Whether the self-assessment is submitted is not read: the
 * evidence store checks it in the very write it locks.)
 */
public interface ReviewFacts {

    /** The framework (id and version) a cycle pins. */
    record CycleFramework(int year, String frameworkId, String frameworkVersion) {
    }

    Optional<CycleFramework> cycle(int year);

    /** Whether {@code expertSubject} has a seat on the group's city-stage panel of that cycle. */
    boolean onPanel(int year, String groupId, String expertSubject);
}
