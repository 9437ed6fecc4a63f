package org.groupeval.store;

import org.groupeval.domain.Grade;
import org.groupeval.domain.ranking.GroupResult;

import java.time.Instant;

/**
 * Every key of ResultsTable, written once (docs/data-model.md, ResultsTable); every store that reads or writes the
 * table builds its keys here:
 * <pre>
 * run        pk CYCLE#{year}        sk RUN#{revision:06d}
 * pointers   pk CYCLE#{year}        sk RUN#LATEST | RUN#PUBLISHED     version = the revision pointed at
 * scheduled  pk CYCLE#{year}        sk SCHEDULED#{rankingAt}           data ScheduledRun (the schedule's marker)
 * result     pk GROUP#{groupId}     sk RESULT#{year}#{revision:06d}
 *            gsi1 RESULTS#{year}#{rev:06d}                     / {rank:07d}#{groupId}
 *            gsi2 RESULTS#{year}#{rev:06d}#DISTRICT#{district} / same
 *            gsi3 RESULTS#{year}#{rev:06d}#GRADE#{grade}       / same
 *            gsi4 RESULTS#{year}#{rev:06d}#AWARDED             / same (awarded only)
 * bonus      pk GROUP#{groupId}     sk SENIOR_POST_BONUS               data {year, revision}
 * </pre>
 */
public final class ResultKeys {

    /** The highest revision a run key can hold ({@code RUN#999999}). */
    public static final int MAX_REVISION = 999_999;
    private static final String GROUP = "GROUP#";
    private static final String RESULT = "RESULT#";

    private ResultKeys() {
    }

    /** One ranking run of a year. */
    public static ItemKey run(int year, int revision) {
        return new ItemKey(cycle(year), String.format("RUN#%06d", revision));
    }

    /** The pointer at the newest complete revision of a year. */
    public static ItemKey latest(int year) {
        return new ItemKey(cycle(year), "RUN#LATEST");
    }

    /** The pointer at the published revision of a year. */
    public static ItemKey published(int year) {
        return new ItemKey(cycle(year), "RUN#PUBLISHED");
    }

    /** The schedule's marker of a cycle for one {@code rankingAt}. */
    public static ItemKey scheduled(int year, Instant rankingAt) {
        return new ItemKey(cycle(year), "SCHEDULED#" + ItemKey.instant(rankingAt));
    }

    /** A group's result in one revision of a year. */
    public static ItemKey result(String groupId, int year, int revision) {
        return new ItemKey(group(groupId), String.format(RESULT + "%d#%06d", year, revision));
    }

    /** The prefix of every result of a group, all years and revisions: its history. */
    public static ItemKey history(String groupId) {
        return new ItemKey(group(groupId), RESULT);
    }

    /** A group's senior-post bonus record. */
    public static ItemKey bonus(String groupId) {
        return new ItemKey(group(groupId), "SENIOR_POST_BONUS");
    }

    /** The group a bonus record belongs to. */
    public static String bonusGroupId(StoredItem bonus) {
        return bonus.getPk().substring(GROUP.length());
    }

    /** The GSI1 partition of a revision's results in rank order. */
    public static String ranked(int year, int revision) {
        return String.format("RESULTS#%d#%06d", year, revision);
    }

    /** The GSI2 partition of a revision's results of one district. */
    public static String ofDistrict(int year, int revision, String district) {
        return ranked(year, revision) + "#DISTRICT#" + district;
    }

    /** The GSI3 partition of a revision's results of one grade. */
    public static String ofGrade(int year, int revision, Grade grade) {
        return ranked(year, revision) + "#GRADE#" + grade.name();
    }

    /** The GSI4 partition (sparse) of a revision's awarded results. */
    public static String awarded(int year, int revision) {
        return ranked(year, revision) + "#AWARDED";
    }

    /** A result's sort key in every index: rank order, then group id ({@code {rank:07d}#{groupId}}). */
    public static String rankOrder(int rank, String groupId) {
        return String.format("%07d#%s", rank, groupId);
    }

    /** The group a result's index sort key ({@link #rankOrder}) names. */
    public static String rankedGroupId(String indexSortKey) {
        return indexSortKey.substring(indexSortKey.indexOf('#') + 1);
    }

    /** A result's item in one revision, with its index keys: in rank order, by district, by grade and if awarded. */
    public static StoredItem item(int revision, GroupResult r) {
        StoredItem item = result(r.groupId(), r.year(), revision).item("Result");
        String order = rankOrder(r.rank(), r.groupId());
        item.setGsi1pk(ranked(r.year(), revision));
        item.setGsi1sk(order);
        item.setGsi2pk(ofDistrict(r.year(), revision, r.district()));
        item.setGsi2sk(order);
        item.setGsi3pk(ofGrade(r.year(), revision, r.grade()));
        item.setGsi3sk(order);
        if (r.award()) {
            item.setGsi4pk(awarded(r.year(), revision));
            item.setGsi4sk(order);
        }
        return item;
    }

    private static String cycle(int year) {
        return "CYCLE#" + year;
    }

    private static String group(String groupId) {
        return GROUP + groupId;
    }
}
