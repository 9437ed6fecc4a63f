package org.groupeval.domain.review;

import org.groupeval.domain.access.Caller;
import org.groupeval.domain.framework.Score;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a write changes, field by field, as audit records (rules.md §7.7): every indicator whose input or
 * points changed, the bonus, the veto and fraud flags, the recommendation and the status. A write that changes
 * nothing yields no record (and is not stored).
 */
public final class Changes {

    private final List<AuditRecord> records = new ArrayList<>();
    private final String changeId;
    private final String requestId;
    private final Caller caller;
    private final Instant at;
    private final String groupId;
    private final int year;

    /**
     * @param changeId a time-ordered id of this change (the audit records' ids derive from it, and it orders changes
     *                 made within the same millisecond)
     * @param requestId the API request that made the change, for tracing
     */
    public Changes(String changeId, String requestId, Caller caller, Instant at, String groupId, int year) {
        this.changeId = changeId;
        this.requestId = requestId;
        this.caller = caller;
        this.at = at;
        this.groupId = groupId;
        this.year = year;
    }

    public List<AuditRecord> records() {
        return List.copyOf(records);
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    public void add(String stage, String expertSub, String action, String field, String indicator, Object oldValue,
                    Object newValue, Score total, String reason) {
        int seq = records.size() + 1;
        records.add(new AuditRecord(changeId + "-" + String.format("%03d", seq), requestId, seq, groupId, year, at,
                caller.subject(), caller.role().name(), stage, expertSub, action, field, indicator, oldValue,
                newValue, total, reason));
    }

    /**
     * Records the difference between two versions of a sheet ({@code before} null: a new sheet). An indicator counts
     * as changed when its input or its points differ; old and new values are {@code {input, points}}.
     */
    public void sheet(ReviewSheet before, ReviewSheet after, List<String> indicatorIds, String action) {
        for (String id : indicatorIds) {
            Object oldInput = before == null ? null : before.indicatorInput(id);
            Object newInput = after.indicatorInput(id);
            BigDecimal oldPoints = before == null ? null : before.indicatorPoints(id);
            BigDecimal newPoints = after.indicatorPoints(id);
            if (!Objects.equals(oldInput, newInput) || !samePoints(oldPoints, newPoints)) {
                add(after.stage(), after.expertSub(), action, "indicator", id, value(oldInput, oldPoints),
                        value(newInput, newPoints), after.total(), null);
            }
        }
        for (String member : List.of("bonus", "veto", "fraud")) {
            Object oldValue = before == null || before.input() == null ? null : before.input().get(member);
            Object newValue = after.input() == null ? null : after.input().get(member);
            if (!Objects.equals(oldValue, newValue)) {
                add(after.stage(), after.expertSub(), action, member, null, oldValue, newValue, after.total(),
                        reasonOf(newValue));
            }
        }
        Boolean oldRecommend = before == null ? null : before.recommend();
        if (!Objects.equals(oldRecommend, after.recommend())) {
            add(after.stage(), after.expertSub(), action, "recommend", null, oldRecommend, after.recommend(),
                    after.total(), null);
        }
        Boolean oldNoSelf = before == null ? null : before.noSelfAssessment();
        if (!Objects.equals(oldNoSelf, after.noSelfAssessment())) {
            add(after.stage(), after.expertSub(), action, "noSelfAssessment", null, oldNoSelf,
                    after.noSelfAssessment(), after.total(), null);
        }
        String oldStatus = before == null ? null : before.status();
        if (!Objects.equals(oldStatus, after.status())) {
            add(after.stage(), after.expertSub(), action, "status", null, oldStatus, after.status(), after.total(),
                    null);
        }
    }

    /** Points compare by value; an indicator without points (not yet on a sheet) counts as 0. */
    private static boolean samePoints(BigDecimal a, BigDecimal b) {
        return (a == null ? BigDecimal.ZERO : a).compareTo(b == null ? BigDecimal.ZERO : b) == 0;
    }

    private static Map<String, Object> value(Object input, BigDecimal points) {
        if (input == null && points == null) {
            return null;
        }
        java.util.LinkedHashMap<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("input", input);
        value.put("points", Score.of(points));
        return value;
    }

    private static String reasonOf(Object flag) {
        return flag instanceof Map<?, ?> m && m.get("reason") instanceof String s ? s : null;
    }
}
