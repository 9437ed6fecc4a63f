package org.groupeval.domain.group;

/**
 * The body of {@code POST /groups/{groupId}/dissolve} ({@code date}, {@code reason}) and of
 * {@code POST /groups/{groupId}/merge} (also {@code into}, the surviving group's id).
 */
public record LifecycleRequest(String date, String reason, String into) {
}
