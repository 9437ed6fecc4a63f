package org.groupeval.domain.scoring;

/**
 * DRAFT: indicators (and parts of composite indicators) may be left out; they score 0 and the result is marked
 * incomplete. SUBMISSION: every indicator and every part is required.
 */
public enum ScoringMode { DRAFT, SUBMISSION }
