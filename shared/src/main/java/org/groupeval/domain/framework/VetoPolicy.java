package org.groupeval.domain.framework;

/** 一票否决 (domain.md, Grades, Veto): when enabled, an applied veto makes the grade FAIL whatever the score. */
public record VetoPolicy(boolean enabled) {
}
