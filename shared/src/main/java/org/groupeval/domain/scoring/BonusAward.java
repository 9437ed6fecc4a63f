package org.groupeval.domain.scoring;

import org.groupeval.domain.framework.Score;

import java.util.List;

/**
 * The bonus of a sheet: the level bonus (ankang-2022: highest level once) plus the bonus categories (chengdu-2023's
 * 加分项目), with the levels claimed and the working.
 */
public record BonusAward(Score points, Score levelBonus, Score bonusCategories, List<String> levels,
                         Explanation explanation) {
}
