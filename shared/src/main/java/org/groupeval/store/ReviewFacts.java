package org.groupeval.store;

import java.util.Optional;

/**
 * What other functions read of the review workflow's ReviewTable (docs/data-model.md), read-only: a cycle's pinned
 * framework, a stage sheet's status, and whether an expert sits on a group's panel.
 */
public interface ReviewFacts {

    /** The framework (id and version) a cycle pins. */
    record CycleFramework(int year, String frameworkId, String frameworkVersion) {
    }

    Optional<CycleFramework> cycle(int year);

    /** {@code DRAFT} or {@code SUBMITTED}; empty when the stage's sheet does not exist yet. */
    Optional<String> sheetStatus(int year, String groupId, String stage);

    /** Whether {@code expertSubject} has a seat on the group's city-stage panel of that cycle. */
    boolean onPanel(int year, String groupId, String expertSubject);
}
