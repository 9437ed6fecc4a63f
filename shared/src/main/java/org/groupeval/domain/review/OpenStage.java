package org.groupeval.domain.review;

/**
 * A stage of a cycle that still accepts writes: the whole stage while the cycle's deadline has not passed
 * ({@code groupId} null), or one group's stage while its extension runs. {@code deadline} is ISO-8601 in
 * Asia/Shanghai.
 */
public record OpenStage(String stage, String groupId, String district, String deadline) {

    /** "self-assessment until 2026-09-01T23:59:59+08:00" or "group g-1: district review until …". */
    public String describe() {
        String name = Stage.parse(stage).map(Stage::en).orElse(stage);
        return (groupId == null ? "" : "group " + groupId + ": ") + name + " until " + deadline;
    }
}
