package org.groupeval.domain.review;

import java.util.List;

/**
 * The body of {@code PUT …/panel} as the caller sent it (not yet valid): the experts who make up the panel, each
 * {@code {subject, name, affiliation}} ({@link PanelRules#experts}).
 */
public record PanelRequest(List<Panel.Expert> experts) {
}
