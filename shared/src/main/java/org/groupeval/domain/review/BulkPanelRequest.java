package org.groupeval.domain.review;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.Identifiers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code PUT /cycles/{year}/panels} as the caller sent it: one panel ({@code experts}, as a
 * {@code PUT …/panel} names them) for each of {@code groupIds} (rules.md §7.3).
 */
public record BulkPanelRequest(List<Panel.Expert> experts, List<String> groupIds) {

    /** The most groups one request seats a panel on: a district's groups of a year. */
    public static final int MAX_GROUPS = 200;

    /** The panel every group gets. */
    public PanelRequest panel() {
        return new PanelRequest(experts);
    }

    /**
     * The group ids, each issued-format and once, 1 to {@link #MAX_GROUPS} of them; 400 naming each bad one
     * ({@code /groupIds/3}) and, at once, each bad expert ({@link PanelRules#experts}).
     */
    public List<String> validGroupIds() {
        List<FieldError> errors = new ArrayList<>();
        try {
            PanelRules.experts(panel());
        } catch (DomainException invalid) {
            errors.addAll(invalid.errors());
        }
        if (groupIds == null || groupIds.isEmpty()) {
            errors.add(new FieldError("/groupIds", "name at least one group"));
        } else if (groupIds.size() > MAX_GROUPS) {
            errors.add(new FieldError("/groupIds", "at most " + MAX_GROUPS + " groups in one request (got "
                    + groupIds.size() + ")"));
        } else {
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < groupIds.size(); i++) {
                String id = groupIds.get(i);
                if (id == null || !Identifiers.isGroupId(id)) {
                    errors.add(new FieldError("/groupIds/" + i, "a group id is issued as g- and 26 characters (got "
                            + Identifiers.quote(id) + ")"));
                } else if (seen.putIfAbsent(id, i) != null) {
                    errors.add(new FieldError("/groupIds/" + i, "group " + id + " is listed twice (also at /groupIds/"
                            + seen.get(id) + ")"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalidFields("the request", errors);
        }
        return List.copyOf(groupIds);
    }
}
