package org.groupeval.domain.review;

import org.groupeval.domain.framework.Score;

import java.time.Instant;

/**
 * One change to a group's review in a cycle (rules.md §7.7): who ({@code subject}, {@code role}; for expert
 * sheets {@code expertSub}), when, which stage, what ({@code action}, {@code field} and, for an indicator, its id),
 * the value before and after, and the sheet's resulting total. A request that changes several fields leaves one
 * record per field, all written in the same transaction as the change; {@code seq} orders them within it.
 *
 * <p>{@code action}: {@code DRAFT_SAVED}, {@code SUBMITTED}, {@code EXTENSION_GRANTED}, {@code PANEL_CHANGED}.
 * {@code field}: {@code indicator}, {@code bonus}, {@code veto}, {@code fraud}, {@code recommend}, {@code status},
 * {@code noSelfAssessment}, {@code deadline}, {@code panel}.
 */
public record AuditRecord(String auditId, String requestId, int seq, String groupId, int year, Instant at,
                          String subject, String role, String stage, String expertSub, String action, String field,
                          String indicator, Object oldValue, Object newValue, Score total, String reason) {

    public static final String DRAFT_SAVED = "DRAFT_SAVED";
    public static final String SUBMITTED = "SUBMITTED";
    public static final String EXTENSION_GRANTED = "EXTENSION_GRANTED";
    public static final String PANEL_CHANGED = "PANEL_CHANGED";
}
