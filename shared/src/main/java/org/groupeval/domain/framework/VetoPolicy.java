package org.groupeval.domain.framework;

/** 一票否决 (rules.md §6.3): when enabled, an applied veto makes the grade FAIL whatever the score. */
public record VetoPolicy(boolean enabled) {
}
