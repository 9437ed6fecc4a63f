package org.groupeval.domain.ranking;

import java.util.List;

/**
 * Why a result is what it is, in sentences a city administrator can check by hand: where the score comes from,
 * which band it falls in, which flags changed the grade, where the group stood against the award quota, and why it
 * was or was not awarded the funding award and the senior-post bonus.
 */
public record ResultExplanation(String score, String grade, List<String> flags, QuotaPosition quota, String award,
                                String seniorPostBonus) {

    public ResultExplanation {
        flags = List.copyOf(flags);
    }
}
