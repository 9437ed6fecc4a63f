package org.groupeval.domain.review;

/**
 * The body of {@code POST /experts/{expertSub}/conflicts} as the caller sent it (not yet valid): the school or the
 * group the expert may not review, exactly one of the two, and why ({@link PanelRules#declared}).
 */
public record ConflictRequest(String schoolCode, String groupId, String reason) {
}
