package org.groupeval.domain.ranking;

import org.groupeval.domain.Grade;
import org.groupeval.domain.RuleBook;
import org.groupeval.domain.framework.GradeBand;
import org.groupeval.domain.framework.Score;
import org.groupeval.domain.group.GroupType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The annual ranking (rules.md §6 and §8): grades by band with veto and fraud, competition ranks
 * (1, 2, 2, 4) overall and within each district, funding awards by quota with the cycle's tie policy, the
 * once-only senior-post bonus, and the restructuring flag after two FAIL years. Pure and deterministic: the same
 * entries and settings always give the same outcome, whatever their order.
 */
public final class Ranking {

    /** The order of the ranking: score high to low, nothing-submitted last, ties by group id (stable display). */
    static final Comparator<Work> ORDER = Comparator
            .comparing((Work w) -> w.entry.score(), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(w -> w.entry.groupId());

    private Ranking() {
    }

    public static RankingOutcome rank(int year, List<RankingEntry> entries, AwardSettings settings,
                                      Function<BigDecimal, GradeBand> bands) {
        List<Work> works = new ArrayList<>(entries.size());
        for (RankingEntry entry : entries) {
            works.add(grade(year, entry, bands));
        }
        works.sort(ORDER);
        assignRanks(works);
        List<PoolOutcome> pools = new ArrayList<>();
        if (settings.scope() == AwardScope.PER_GRADE) {
            pools.add(award("EXCELLENT", works, w -> w.grade == Grade.EXCELLENT, settings));
            pools.add(award("GOOD", works, w -> w.grade == Grade.GOOD, settings));
        } else {
            pools.add(award("EXCELLENT+GOOD", works,
                    w -> w.grade == Grade.EXCELLENT || w.grade == Grade.GOOD, settings));
        }
        List<GroupResult> results = new ArrayList<>(works.size());
        Map<String, Integer> byGrade = new LinkedHashMap<>();
        Map<String, Integer> byBasis = new LinkedHashMap<>();
        for (Grade g : Grade.values()) {
            byGrade.put(g.name(), 0);
        }
        for (ResultBasis b : ResultBasis.values()) {
            byBasis.put(b.name(), 0);
        }
        int awarded = 0;
        int bonuses = 0;
        int restructuring = 0;
        for (Work w : works) {
            seniorPost(year, w);
            if (w.grade == Grade.FAIL && w.entry.failedPreviousYear()) {
                w.flag(ResultFlag.RESTRUCTURING, "FAIL this year and in " + (year - 1) + ": flagged for restructuring "
                        + "(优化组合); its schools' principals cannot be rated excellent this year "
                        + RuleBook.RESTRUCTURING.citation() + ".");
                restructuring++;
            }
            byGrade.merge(w.grade.name(), 1, Integer::sum);
            byBasis.merge(w.entry.basis().name(), 1, Integer::sum);
            awarded += w.award ? 1 : 0;
            bonuses += w.bonus ? 1 : 0;
            results.add(w.toResult(year));
        }
        return new RankingOutcome(results, new RankingSummary(works.size(), byGrade, byBasis, awarded, bonuses,
                restructuring, pools));
    }

    // ---- grade -----------------------------------------------------------------------------------------------------

    private static Work grade(int year, RankingEntry e, Function<BigDecimal, GradeBand> bands) {
        Work w = new Work(e);
        switch (e.basis()) {
            case CITY -> w.scoreWhy = Score.of(e.score()) + " from the city's final review (市级终评).";
            case DISTRICT -> w.scoreWhy = Score.of(e.score()) + " from the district's preliminary review (区级初评): "
                    + (e.cityReviewMissing()
                    ? "the district recommended the group, but no city sheet was submitted, so the district result "
                    + "stands."
                    : "the district did not recommend the group to the city, so its district result stands.");
            case NOT_SUBMITTED -> w.scoreWhy = "No district or city sheet was submitted: listed as NOT_SUBMITTED, graded "
                    + "FAIL and ranked after every scored group.";
        }
        if (e.basis() == ResultBasis.NOT_SUBMITTED) {
            w.bandGrade = Grade.FAIL;
            w.grade = Grade.FAIL;
            w.gradeWhy = "FAIL: nothing was submitted.";
            w.flag(ResultFlag.NOT_SUBMITTED, "NOT_SUBMITTED: no submitted district or city sheet.");
            return w;
        }
        if (e.basis() == ResultBasis.DISTRICT) {
            w.flag(e.cityReviewMissing() ? ResultFlag.CITY_REVIEW_MISSING : ResultFlag.NOT_RECOMMENDED,
                    e.cityReviewMissing()
                            ? "CITY_REVIEW_MISSING: recommended by the district, but the city sheet was not submitted."
                            : "NOT_RECOMMENDED: the district did not recommend the group to the city.");
        }
        GradeBand band = bands.apply(e.score());
        w.bandGrade = band.grade();
        String bandText = "Band " + band.grade() + " (" + band.grade().zh() + "): " + Score.of(band.min())
                + " ≤ score" + (band.below() == null ? "" : " < " + Score.of(band.below())) + ".";
        Grade grade = band.grade();
        if (e.veto()) {
            grade = Grade.FAIL;
            bandText += " Veto (一票否决): FAIL whatever the score.";
            w.flag(ResultFlag.VETO, "VETO: a major incident or major negative public opinion (一票否决) makes the grade "
                    + "FAIL " + RuleBook.VETO.citation() + ".");
        }
        if (e.fraud()) {
            Grade capped = grade.atMost(Grade.GOOD);
            bandText += capped != grade ? " Fraud (弄虚作假): capped at GOOD." : " Fraud (弄虚作假): no award.";
            grade = capped;
            w.flag(ResultFlag.FRAUD, "FRAUD: falsified data (弄虚作假) caps the grade at GOOD and excludes the group "
                    + "from awards " + RuleBook.FRAUD.citation() + ".");
        }
        w.grade = grade;
        w.gradeWhy = bandText;
        return w;
    }

    // ---- ranks -----------------------------------------------------------------------------------------------------

    /** Standard competition ranking (1, 2, 2, 4) over the sorted list, overall and within each district. */
    private static void assignRanks(List<Work> sorted) {
        BigDecimal lastScore = null;
        int lastRank = 0;
        Map<String, int[]> districtCount = new HashMap<>();
        Map<String, BigDecimal> districtLastScore = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            Work w = sorted.get(i);
            BigDecimal score = w.entry.score();
            w.rank = i > 0 && sameScore(score, lastScore) ? lastRank : i + 1;
            lastRank = w.rank;
            lastScore = score;
            int[] c = districtCount.computeIfAbsent(w.entry.district(), d -> new int[2]);
            boolean tiedInDistrict = c[0] > 0 && sameScore(score, districtLastScore.get(w.entry.district()));
            c[0]++;
            c[1] = tiedInDistrict ? c[1] : c[0];
            w.districtRank = c[1];
            districtLastScore.put(w.entry.district(), score);
        }
    }

    private static boolean sameScore(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    // ---- awards ----------------------------------------------------------------------------------------------------

    private static PoolOutcome award(String pool, List<Work> sorted, Predicate<Work> inPool, AwardSettings settings) {
        List<Work> members = sorted.stream().filter(inPool).toList();
        int count = members.size();
        int quota = AwardQuota.of(settings.ratio(), count, settings.rounding());
        List<Work> eligible = new ArrayList<>();
        for (Work w : members) {
            if (w.entry.fraud()) {
                w.awardWhy = "No award: falsified data (弄虚作假) excludes the group from awards.";
            } else if (w.entry.basis() != ResultBasis.CITY) {
                w.awardWhy = "No award: awards go to groups finally reviewed by the city; this result rests on the "
                        + "district review.";
            } else {
                eligible.add(w);
            }
        }
        String quotaText = "quota " + settings.rounding().symbol() + "(" + settings.ratio().toPlainString() + " × " + count + ") = " + quota;
        // competition positions among the eligible
        for (int i = 0; i < eligible.size(); i++) {
            Work w = eligible.get(i);
            w.position = i > 0 && sameScore(w.entry.score(), eligible.get(i - 1).entry.score())
                    ? eligible.get(i - 1).position : i + 1;
        }
        List<String> tied = new ArrayList<>();
        BigDecimal tiedScore = null;
        String resolution = null;
        if (quota == 0 || eligible.isEmpty()) {
            for (Work w : eligible) {
                w.awardWhy = "No award: " + pool + " pool of " + count + " group(s), " + quotaText + ".";
            }
        } else if (eligible.size() <= quota) {
            for (Work w : eligible) {
                grant(w, pool, eligible.size(), quotaText);
            }
        } else {
            BigDecimal cut = eligible.get(quota - 1).entry.score();
            List<Work> above = eligible.stream().filter(w -> w.entry.score().compareTo(cut) > 0).toList();
            List<Work> block = eligible.stream().filter(w -> w.entry.score().compareTo(cut) == 0).toList();
            above.forEach(w -> grant(w, pool, eligible.size(), quotaText));
            if (above.size() + block.size() <= quota) {
                block.forEach(w -> grant(w, pool, eligible.size(), quotaText));
            } else {
                tiedScore = cut;
                block.forEach(w -> tied.add(w.entry.groupId()));
                resolution = resolveTie(block, quota - above.size(), pool, eligible.size(), quotaText, settings);
            }
            for (Work w : eligible) {
                if (w.awardWhy == null) {
                    w.awardWhy = "No award: position " + w.position + " of " + eligible.size() + " eligible in the "
                            + pool + " pool is outside the " + quotaText + ".";
                }
            }
        }
        BigDecimal cutoff = null;
        int awarded = 0;
        for (Work w : eligible) {
            if (w.award) {
                awarded++;
                cutoff = cutoff == null || w.entry.score().compareTo(cutoff) < 0 ? w.entry.score() : cutoff;
            }
        }
        for (Work w : members) {
            w.quota = new QuotaPosition(pool, count, settings.ratio(), quota, w.position, Score.of(cutoff));
        }
        return new PoolOutcome(pool, count, eligible.size(), quota, awarded, Score.of(cutoff), Score.of(tiedScore),
                tied, resolution);
    }

    private static void grant(Work w, String pool, int eligible, String quotaText) {
        w.award = true;
        w.awardWhy = "Awarded: position " + w.position + " of " + eligible + " eligible in the " + pool
                + " pool, within the " + quotaText + ".";
    }

    /**
     * A tied block at the last award place that would exceed the quota, with {@code places} places left for it
     * (rules.md §8.5).
     */
    private static String resolveTie(List<Work> block, int places, String pool, int eligible, String quotaText,
                                     AwardSettings settings) {
        String tie = block.size() + " groups tied at " + Score.of(block.get(0).entry.score())
                + " for the last " + places + " place(s) of the " + quotaText;
        switch (settings.tiePolicy()) {
            case NONE_AT_CUTOFF -> {
                for (Work w : block) {
                    w.flag(ResultFlag.TIED_AT_CUTOFF, "TIED_AT_CUTOFF: " + tie + "; left for the city to resolve.");
                    w.awardWhy = "No award: " + tie + "; awarding all would exceed the quota, and the tie policy "
                            + "NONE_AT_CUTOFF awards none of them.";
                }
                return "NONE_AWARDED";
            }
            case INCLUDE_ALL_TIED -> {
                for (Work w : block) {
                    w.award = true;
                    w.flag(ResultFlag.TIE_RESOLVED, "TIE_RESOLVED: " + tie + "; all of them awarded (INCLUDE_ALL_TIED).");
                    w.awardWhy = "Awarded: " + tie + "; the tie policy INCLUDE_ALL_TIED awards the whole block, "
                            + "exceeding the quota.";
                }
                return "ALL_AWARDED";
            }
            default -> {
                return breakByCategories(block, places, tie, settings.tieBreakCategories());
            }
        }
    }

    private static String breakByCategories(List<Work> block, int places, String tie, List<String> categories) {
        Comparator<Work> byCategories = (a, b) -> {
            for (String c : categories) {
                int cmp = points(b, c).compareTo(points(a, c));
                if (cmp != 0) {
                    return cmp;
                }
            }
            return 0;
        };
        List<Work> ordered = new ArrayList<>(block);
        ordered.sort(byCategories.thenComparing(w -> w.entry.groupId()));
        String order = "subtotals of " + String.join(", then ", categories);
        boolean unresolved = false;
        int i = 0;
        while (i < ordered.size()) {
            int j = i;
            while (j < ordered.size() && byCategories.compare(ordered.get(i), ordered.get(j)) == 0) {
                j++;
            }
            List<Work> sub = ordered.subList(i, j);
            int position = i + 1;
            for (Work w : sub) {
                String values = categories.stream().map(c -> c + " " + Score.of(points(w, c)))
                        .reduce((x, y) -> x + ", " + y).orElse("");
                if (j <= places) {
                    w.award = true;
                    w.flag(ResultFlag.TIE_RESOLVED, "TIE_RESOLVED: " + tie + "; broken by " + order + ".");
                    w.awardWhy = "Awarded: " + tie + "; broken by " + order + " (" + values + "): place " + position
                            + " of " + places + ".";
                } else if (position <= places) {
                    unresolved = true;
                    w.flag(ResultFlag.TIED_AT_CUTOFF, "TIED_AT_CUTOFF: " + tie + "; still tied after " + order
                            + "; left for the city to resolve.");
                    w.awardWhy = "No award: " + tie + "; still tied after " + order + " (" + values
                            + "), and awarding all would exceed the quota.";
                } else {
                    w.flag(ResultFlag.TIE_RESOLVED, "TIE_RESOLVED: " + tie + "; broken by " + order + ".");
                    w.awardWhy = "No award: " + tie + "; broken by " + order + " (" + values + "): place " + position
                            + ", outside the " + places + " remaining place(s).";
                }
            }
            i = j;
        }
        return unresolved ? "PARTLY_UNRESOLVED" : "BROKEN_BY_CATEGORIES";
    }

    /** A category subtotal of the sheet; a category the sheet does not report counts as 0. */
    private static BigDecimal points(Work w, String category) {
        BigDecimal p = w.entry.categoryPoints().get(category);
        return p == null ? BigDecimal.ZERO : p;
    }

    // ---- senior-post bonus ------------------------------------------------------------------------------------------

    /**
     * The year of a recorded senior-post grant that counts against ranking {@code year}: only a grant of an earlier
     * year does. The record of this year's own publication (or of a later year) is an outcome, not an input, so it
     * changes nothing, and the ranking's input leaves it out (null).
     */
    public static Integer earlierGrant(int year, Integer grantedIn) {
        return grantedIn != null && grantedIn < year ? grantedIn : null;
    }

    /**
     * Whether the group could be granted the senior-post bonus this year, before its earlier grants are known
     * (rules.md §8.6): an INTEGRATED group with a submitted sheet, no veto or fraud, and a score in the EXCELLENT
     * band. The ranking reads the earlier grants of these groups only.
     */
    public static boolean seniorPostCandidate(RankingEntry entry, Function<BigDecimal, GradeBand> bands) {
        return GroupType.INTEGRATED.equals(entry.groupType()) && entry.basis() != ResultBasis.NOT_SUBMITTED
                && !entry.veto() && !entry.fraud() && bands.apply(entry.score()).grade() == Grade.EXCELLENT;
    }

    /** rules.md §8.6: INTEGRATED and EXCELLENT, once per group ever. */
    private static void seniorPost(int year, Work w) {
        boolean integrated = GroupType.INTEGRATED.equals(w.entry.groupType());
        Integer earlier = earlierGrant(year, w.entry.seniorPostBonusYear());
        if (!integrated) {
            w.bonusWhy = "Not applicable: the senior-post bonus is for INTEGRATED groups.";
        } else if (w.grade != Grade.EXCELLENT) {
            w.bonusWhy = "Not granted: an INTEGRATED group needs the grade EXCELLENT; this one is " + w.grade + ".";
        } else if (earlier != null) {
            w.flag(ResultFlag.SENIOR_POST_BONUS_ALREADY_RECEIVED, "SENIOR_POST_BONUS_ALREADY_RECEIVED: granted in "
                    + earlier + "; a group receives it once (一个教育集团只能获得一次奖励指标).");
            w.bonusWhy = "Not granted: the group received the senior-post bonus in " + earlier
                    + ", and it is granted once per group ever.";
        } else {
            w.bonus = true;
            w.bonusWhy = "Granted: +5 % senior-teacher post ratio, INTEGRATED group graded EXCELLENT, first time.";
        }
    }

    // ---- working state ---------------------------------------------------------------------------------------------

    static final class Work {
        final RankingEntry entry;
        Grade bandGrade;
        Grade grade;
        int rank;
        int districtRank;
        Integer position;
        QuotaPosition quota;
        boolean award;
        boolean bonus;
        String scoreWhy;
        String gradeWhy;
        String awardWhy;
        String bonusWhy;
        final EnumSet<ResultFlag> flags = EnumSet.noneOf(ResultFlag.class);
        final List<String> flagWhy = new ArrayList<>(2);

        Work(RankingEntry entry) {
            this.entry = entry;
        }

        void flag(ResultFlag flag, String why) {
            if (flags.add(flag)) {
                flagWhy.add(why);
            }
        }

        GroupResult toResult(int year) {
            String awardText = awardWhy != null ? awardWhy
                    : "No award: funding awards go to EXCELLENT and GOOD groups; this one is " + grade + ".";
            return new GroupResult(entry.groupId(), year, entry.name(), entry.district(), entry.groupType(), rank,
                    districtRank, Score.of(entry.score()), entry.basis(), bandGrade, grade, award, bonus,
                    List.copyOf(flags), new ResultExplanation(scoreWhy, gradeWhy, flagWhy, quota, awardText, bonusWhy));
        }
    }
}
