package org.groupeval.domain.review;

/** The body of {@code PUT /cycles/{year}/participants/{groupId}}: the status to set and why. */
public record ParticipantRequest(String status, String reason) {
}
