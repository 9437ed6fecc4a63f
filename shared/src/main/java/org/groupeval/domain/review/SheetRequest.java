package org.groupeval.domain.review;

import org.groupeval.domain.scoring.BonusClaim;
import org.groupeval.domain.scoring.FlagInput;
import org.groupeval.domain.scoring.IndicatorInputs;
import org.groupeval.domain.scoring.SheetEntry;

/**
 * The body of {@code PUT …/sheets/{stage}} and of an expert's {@code PUT …/sheets/city/experts/{expertSub}}, as the
 * caller sent it (not yet valid): what the reviewer entered and, at the district stage, the recommendation
 * (docs/api.md, Score sheets). {@link ReviewRules#checkSheet} checks what belongs to the workflow; the scorer the
 * rest.
 */
public record SheetRequest(IndicatorInputs indicators, BonusClaim bonus, FlagInput veto, FlagInput fraud,
                           Boolean recommend) {

    /** What the reviewer entered, without the workflow's recommendation. */
    public SheetEntry entry() {
        return new SheetEntry(indicators, bonus, veto, fraud);
    }

    /**
     * The optional body of {@code POST …/submit}: a submission takes no changes but the district's recommendation
     * ({@link ReviewRules#checkSubmission}).
     */
    public record Submission(Boolean recommend) {

        /** A submission sent without a body. */
        public static final Submission NONE = new Submission(null);
    }
}
