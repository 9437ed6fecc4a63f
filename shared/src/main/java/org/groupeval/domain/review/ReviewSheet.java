package org.groupeval.domain.review;

import org.groupeval.domain.framework.Score;
import org.groupeval.domain.scoring.ScoredSheet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One score sheet of a group in a cycle: a stage sheet ({@code self}, {@code district}, {@code city}) or, when
 * {@code expertSub} is set, one expert's own sheet of the city stage. It holds what the reviewer entered
 * ({@code input}: indicators, bonus, veto, fraud), the workflow state, and the engine's computed breakdown
 * ({@code breakdown}: the {@link ScoredSheet} as a JSON tree: indicators with points and explanations, categories,
 * bonus, grade explanation). {@code panel} is set on the city sheet of a panel cycle: the experts and their points
 * behind the aggregate, and the flags they raised.
 *
 * <p>Stored and served as one flat JSON object ({@link #toData()}): the fields the ranking reads
 * ({@code groupId, year, stage, district, status, total, grade, veto, fraud, complete, recommend, submittedAt};
 * docs/data-model.md) at the top, the breakdown's members beside them.
 */
public record ReviewSheet(String groupId, int year, String stage, String expertSub, String expertName,
                          String district, String status, Map<String, Object> input, Boolean recommend,
                          Boolean noSelfAssessment, Score total, String grade, boolean complete, boolean veto,
                          String vetoReason, boolean fraud, String fraudReason, String frameworkId,
                          String frameworkVersion, Map<String, Object> breakdown, Map<String, Object> panel,
                          Instant createdAt, Instant updatedAt, String updatedBy, Instant submittedAt,
                          String submittedBy, long version) {

    public static final String DRAFT = "DRAFT";
    public static final String SUBMITTED = "SUBMITTED";

    /** The members of the breakdown copied to the top of the stored and served object. */
    static final List<String> BREAKDOWN_MEMBERS = List.of("baseTotal", "bonus", "maxScore", "gradeLabel",
            "bandGrade", "gradeExplanation", "missingIndicators", "bonusDetail", "categories", "indicators");

    public boolean submitted() {
        return SUBMITTED.equals(status);
    }

    public boolean isExpertSheet() {
        return expertSub != null;
    }

    /** The input of one indicator as entered, or null. */
    @SuppressWarnings("unchecked")
    public Object indicatorInput(String indicatorId) {
        Object indicators = input == null ? null : input.get("indicators");
        return indicators instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(indicatorId) : null;
    }

    /** The computed points of one indicator, or null when the breakdown has none. */
    @SuppressWarnings("unchecked")
    public BigDecimal indicatorPoints(String indicatorId) {
        Object indicators = breakdown == null ? null : breakdown.get("indicators");
        if (indicators instanceof Map<?, ?> m && m.get(indicatorId) instanceof Map<?, ?> score) {
            Object points = ((Map<String, Object>) score).get("points");
            return points == null ? null : new BigDecimal(points.toString());
        }
        return null;
    }

    /** The flat JSON object stored in {@code data} and served (with the version as ETag). */
    public Map<String, Object> toData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("groupId", groupId);
        data.put("year", year);
        data.put("stage", stage);
        if (expertSub != null) {
            data.put("expertSub", expertSub);
            data.put("expertName", expertName);
        }
        data.put("district", district);
        data.put("status", status);
        data.put("total", total);
        data.put("grade", grade);
        data.put("veto", veto);
        data.put("vetoReason", vetoReason);
        data.put("fraud", fraud);
        data.put("fraudReason", fraudReason);
        data.put("complete", complete);
        data.put("recommend", recommend);
        data.put("noSelfAssessment", noSelfAssessment);
        data.put("submittedAt", submittedAt == null ? null : submittedAt.toString());
        data.put("submittedBy", submittedBy);
        data.put("frameworkId", frameworkId);
        data.put("frameworkVersion", frameworkVersion);
        if (breakdown != null) {
            for (String member : BREAKDOWN_MEMBERS) {
                if (breakdown.containsKey(member)) {
                    data.put(member, breakdown.get(member));
                }
            }
        }
        if (panel != null) {
            data.put("panel", panel);
        }
        data.put("input", input);
        data.put("createdAt", createdAt == null ? null : createdAt.toString());
        data.put("updatedAt", updatedAt == null ? null : updatedAt.toString());
        data.put("updatedBy", updatedBy);
        data.put("version", version);
        return data;
    }

    @SuppressWarnings("unchecked")
    public static ReviewSheet fromData(Map<String, Object> data, long version) {
        Map<String, Object> breakdown = new LinkedHashMap<>();
        for (String member : BREAKDOWN_MEMBERS) {
            if (data.containsKey(member)) {
                breakdown.put(member, data.get(member));
            }
        }
        return new ReviewSheet((String) data.get("groupId"), ((Number) data.get("year")).intValue(),
                (String) data.get("stage"), (String) data.get("expertSub"), (String) data.get("expertName"),
                (String) data.get("district"), (String) data.get("status"), (Map<String, Object>) data.get("input"),
                (Boolean) data.get("recommend"), (Boolean) data.get("noSelfAssessment"),
                data.get("total") == null ? null : Score.of(data.get("total").toString()),
                (String) data.get("grade"), Boolean.TRUE.equals(data.get("complete")),
                Boolean.TRUE.equals(data.get("veto")), (String) data.get("vetoReason"),
                Boolean.TRUE.equals(data.get("fraud")), (String) data.get("fraudReason"),
                (String) data.get("frameworkId"), (String) data.get("frameworkVersion"), breakdown,
                (Map<String, Object>) data.get("panel"), instant(data.get("createdAt")),
                instant(data.get("updatedAt")), (String) data.get("updatedBy"), instant(data.get("submittedAt")),
                (String) data.get("submittedBy"), version);
    }

    private static Instant instant(Object value) {
        return value == null ? null : Instant.parse(value.toString());
    }
}
