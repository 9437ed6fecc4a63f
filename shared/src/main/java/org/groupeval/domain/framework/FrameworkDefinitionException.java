package org.groupeval.domain.framework;

import java.util.List;

/**
 * A framework definition that cannot be used: every problem is listed, each as "JSON Pointer: what is wrong". This is
 * a fault of the deployment (a broken data file), not of a request, so it is not a DomainException.
 */
public class FrameworkDefinitionException extends RuntimeException {

    private final String source;
    private final List<String> problems;

    public FrameworkDefinitionException(String source, List<String> problems) {
        super(source + " is not a valid framework definition:\n  " + String.join("\n  ", problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    /** Each problem as {@code "/categories/0/maxPoints: ..."}. */
    public List<String> problems() {
        return problems;
    }
}
