package org.groupeval.domain.evidence;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.framework.Framework;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a statement of work valid: numbered rows, each describing work for an indicator of the cycle's
 * framework and citing evidence files of the same group, cycle and indicator that have not been withdrawn.
 */
public final class StatementRules {

    public static final int MAX_ROWS = 300;
    public static final int MAX_NUMBER = 20;
    public static final int MAX_DESCRIPTION = 1000;
    public static final int MAX_EVIDENCE_PER_ROW = 50;
    /** A DynamoDB item holds at most 400 KB; keep the statement well inside it. */
    public static final int MAX_BYTES = 300_000;
    /** The largest request body the statement's route reads (JSON may escape every character as six bytes). */
    public static final int MAX_REQUEST_BYTES = 1024 * 1024;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]");

    private StatementRules() {
    }

    /**
     * The refusal of a statement change once the group's self-assessment is submitted: the statement is part of it.
     * The evidence store gives it when the sheet is submitted at the moment of the write.
     */
    public static DomainException lockedBySubmission(String groupId, int year) {
        return DomainException.conflict("self-assessment-submitted", "Self-assessment already submitted",
                "The statement of work of group " + groupId + " for " + year
                        + " is part of the submitted self-assessment and can no longer change.");
    }

    /**
     * Every evidence id any row cites, to look them up in one batch: only ids of the issued format, for nothing else
     * could name an evidence file ({@link #validate} refuses the others).
     */
    public static Set<String> citedEvidence(StatementOfWork.Request request) {
        Set<String> ids = new LinkedHashSet<>();
        if (request.rows() != null) {
            for (StatementRow row : request.rows()) {
                if (row != null) {
                    row.evidenceIds().stream().map(EvidenceRules::trim).filter(Identifiers::isEvidenceId)
                            .forEach(ids::add);
                }
            }
        }
        return ids;
    }

    /**
     * Validates the rows; {@code evidence} holds the cited evidence of this group and cycle that exists (found by
     * id). Returns the rows normalised (trimmed).
     */
    public static List<StatementRow> validate(StatementOfWork.Request request, Framework framework,
                                              Map<String, Evidence> evidence) {
        List<FieldError> errors = new ArrayList<>();
        List<StatementRow> rows = request.rows();
        List<StatementRow> valid = new ArrayList<>();
        if (rows == null) {
            throw DomainException.invalid("/rows", "rows is required (an empty list clears the statement)");
        }
        if (rows.size() > MAX_ROWS) {
            errors.add(new FieldError("/rows", "at most " + MAX_ROWS + " rows"));
        }
        Map<String, Integer> numbers = new HashMap<>();
        for (int i = 0; i < rows.size() && i < MAX_ROWS; i++) {
            String at = "/rows/" + i;
            StatementRow row = rows.get(i);
            if (row == null) {
                errors.add(new FieldError(at, "a row {number, description, indicatorId, evidenceIds} is required"));
                continue;
            }
            String number = EvidenceRules.trim(row.number());
            if (number == null) {
                errors.add(new FieldError(at + "/number", "number is required, e.g. 1"));
            } else if (number.length() > MAX_NUMBER || CONTROL.matcher(number).find()) {
                errors.add(new FieldError(at + "/number", "number must be at most " + MAX_NUMBER + " characters"));
            } else {
                Integer first = numbers.putIfAbsent(number, i);
                if (first != null) {
                    errors.add(new FieldError(at + "/number", "number " + number + " is used twice (also at /rows/"
                            + first + ")"));
                }
            }
            String description = EvidenceRules.trim(row.description());
            if (description == null) {
                errors.add(new FieldError(at + "/description", "description of the work is required"));
            } else if (description.length() > MAX_DESCRIPTION || CONTROL.matcher(description).find()) {
                errors.add(new FieldError(at + "/description", "description must be at most " + MAX_DESCRIPTION
                        + " characters"));
            }
            String indicatorId = EvidenceRules.trim(row.indicatorId());
            if (indicatorId == null) {
                errors.add(new FieldError(at + "/indicatorId", "indicatorId is required"));
            } else if (framework.indicator(indicatorId).isEmpty()) {
                errors.add(new FieldError(at + "/indicatorId", "indicator '" + indicatorId + "' is not in framework "
                        + framework.id() + " version " + framework.version() + " of this cycle"));
            }
            if (row.evidenceIds().size() > MAX_EVIDENCE_PER_ROW) {
                errors.add(new FieldError(at + "/evidenceIds", "at most " + MAX_EVIDENCE_PER_ROW
                        + " evidence files per row"));
            }
            List<String> ids = new ArrayList<>();
            for (int j = 0; j < row.evidenceIds().size(); j++) {
                String ptr = at + "/evidenceIds/" + j;
                String id = EvidenceRules.trim(row.evidenceIds().get(j));
                Evidence e = id == null ? null : evidence.get(id);
                if (id == null) {
                    errors.add(new FieldError(ptr, "an evidence id is required"));
                } else if (!Identifiers.isEvidenceId(id)) {
                    errors.add(new FieldError(ptr, Identifiers.EVIDENCE_ID_RULE + " (got " + Identifiers.quote(id)
                            + ")"));
                } else if (ids.contains(id)) {
                    errors.add(new FieldError(ptr, "evidence " + id + " is cited twice in this row"));
                } else if (e == null) {
                    errors.add(new FieldError(ptr, "no evidence " + id + " in this group and cycle"));
                } else if (e.status() == EvidenceStatus.WITHDRAWN) {
                    errors.add(new FieldError(ptr, "evidence " + id + " has been withdrawn"));
                } else if (indicatorId != null && !e.indicatorId().equals(indicatorId)) {
                    errors.add(new FieldError(ptr, "evidence " + id + " is attached to indicator " + e.indicatorId()
                            + ", not " + indicatorId));
                }
                if (id != null) {
                    ids.add(id);
                }
            }
            valid.add(new StatementRow(number, description, indicatorId, ids));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors.size() + " field(s) of the statement are not valid", errors);
        }
        int bytes = valid.stream().mapToInt(r -> r.description().getBytes(StandardCharsets.UTF_8).length
                + r.number().length() + r.indicatorId().length() + 40 * r.evidenceIds().size() + 60).sum();
        if (bytes > MAX_BYTES) {
            throw DomainException.invalid("/rows", "the statement is too large (about " + bytes + " bytes, at most "
                    + MAX_BYTES + "): shorten the descriptions or split the work into fewer rows");
        }
        return valid;
    }
}
