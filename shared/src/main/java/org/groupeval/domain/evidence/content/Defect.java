package org.groupeval.domain.evidence.content;

/** What makes a file unsound for its type, in words a school can act on ("PNG chunk IDAT at byte 33 ..."). */
public final class Defect extends RuntimeException {

    public Defect(String message) {
        super(message, null, false, false);
    }
}
