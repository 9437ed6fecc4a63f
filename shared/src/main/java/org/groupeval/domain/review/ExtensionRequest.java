package org.groupeval.domain.review;

/**
 * The body of {@code POST /cycles/{year}/extensions} as the caller sent it (not yet valid): the group, the stage,
 * the new deadline (ISO-8601 with offset) and why ({@link ExtensionRules#validate}).
 */
public record ExtensionRequest(String groupId, String stage, String deadline, String reason) {
}
