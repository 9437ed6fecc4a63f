package org.groupeval.store;

import org.groupeval.domain.review.Stage;
import software.amazon.awssdk.enhanced.dynamodb.Key;

import java.time.Instant;

/**
 * Every key of ReviewTable, written once (docs/data-model.md, ReviewTable); every store that touches the table builds
 * its keys here:
 * <pre>
 * cycle         CYCLE#{year} / CYCLE                      gsi3 CYCLES / {year}
 * stage sheet   CYCLE#{year}#GROUP#{g} / SHEET#{stage}     gsi1 CYCLE#{year}#STAGE#{stage} / DISTRICT#{d}#GROUP#{g}
 * expert sheet  CYCLE#{year}#GROUP#{g} / SHEET#city#EXPERT#{sub}
 *               gsi1 CYCLE#{year}#EXPERT-SHEETS / DISTRICT#{d}#GROUP#{g}#EXPERT#{sub}
 * panel         CYCLE#{year}#GROUP#{g} / PANEL             gsi1 CYCLE#{year}#PANELS / DISTRICT#{d}#GROUP#{g}
 * panel seat    CYCLE#{year}#GROUP#{g} / PANEL#EXPERT#{sub}  gsi2 EXPERT#{sub} / CYCLE#{year}#GROUP#{g}
 * extension     CYCLE#{year}#GROUP#{g} / EXTENSION#{stage} gsi3 CYCLE#{year}#EXTENSIONS / {stage}#{g}
 * participant   CYCLE#{year}#GROUP#{g} / PARTICIPANT       gsi1 CYCLE#{year}#PARTICIPANTS / DISTRICT#{d}#GROUP#{g}
 *                                                          gsi2 GROUP#{g}#CYCLES / CYCLE#{year}
 * audit record  CYCLE#{year}#GROUP#{g}#AUDIT / {instant}#{changeId}-{seq}
 * conflict      EXPERT#{sub} / CONFLICT#{schoolCode | GROUP#g}
 * idempotency   IDEMPOTENCY#{sub}#{key} / IDEMPOTENCY      ({@link IdempotencyKey})
 * </pre>
 */
public final class ReviewKeys {

    private static final String CYCLE = "CYCLE#";
    private static final String GROUP = "#GROUP#";
    private static final String SHEET = "SHEET#";
    private static final String EXPERT_SHEET = SHEET + Stage.CITY.code() + "#EXPERT#";
    private static final String PANEL = "PANEL";
    private static final String SEAT = PANEL + "#EXPERT#";
    private static final String EXTENSION = "EXTENSION#";
    private static final String DISTRICT = "DISTRICT#";
    private static final String EXPERT = "EXPERT#";
    private static final String CONFLICT = "CONFLICT#";
    private static final String PARTICIPANT = "PARTICIPANT";

    private ReviewKeys() {
    }

    public static Key key(String pk, String sk) {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }

    public static Key partition(String pk) {
        return Key.builder().partitionValue(pk).build();
    }

    // -- cycles ----------------------------------------------------------------------------------------------------

    public static String cycle(int year) {
        return CYCLE + year;
    }

    /** The sort key of the cycle item. */
    public static String cycleItem() {
        return "CYCLE";
    }

    /** GSI3's partition of every cycle, sorted by {@link #cycleOrder}. */
    public static String cycles() {
        return "CYCLES";
    }

    public static String cycleOrder(int year) {
        return String.valueOf(year);
    }

    // -- one group in one cycle ------------------------------------------------------------------------------------

    /** The partition of everything of one group in one cycle: its sheets, panel, seats and extensions. */
    public static String groupCycle(int year, String groupId) {
        return CYCLE + year + GROUP + groupId;
    }

    public static String stageSheet(Stage stage) {
        return SHEET + stage.code();
    }

    public static String expertSheet(String expertSub) {
        return EXPERT_SHEET + expertSub;
    }

    public static String panel() {
        return PANEL;
    }

    public static String seat(String expertSub) {
        return SEAT + expertSub;
    }

    public static String extension(Stage stage) {
        return EXTENSION + stage.code();
    }

    /** The sort key of a group's participation in the cycle (in the group-cycle partition). */
    public static String participant() {
        return PARTICIPANT;
    }

    /** What an item of a group's partition is, by its sort key. */
    public enum GroupItem { STAGE_SHEET, EXPERT_SHEET, PANEL, SEAT, EXTENSION, PARTICIPANT }

    public static GroupItem groupItem(String sk) {
        if (sk.equals(PARTICIPANT)) {
            return GroupItem.PARTICIPANT;
        }
        if (sk.startsWith(EXPERT_SHEET)) {
            return GroupItem.EXPERT_SHEET;
        }
        if (sk.startsWith(SHEET)) {
            return GroupItem.STAGE_SHEET;
        }
        if (sk.startsWith(SEAT)) {
            return GroupItem.SEAT;
        }
        if (sk.equals(PANEL)) {
            return GroupItem.PANEL;
        }
        return sk.startsWith(EXTENSION) ? GroupItem.EXTENSION : null;
    }

    // -- the cycle-wide indexes ------------------------------------------------------------------------------------

    /** GSI1's partition of one stage's sheets of a cycle, sorted by {@link #byDistrict}. */
    public static String stageSheets(int year, Stage stage) {
        return CYCLE + year + "#STAGE#" + stage.code();
    }

    /** GSI1's partition of every expert's sheet of a cycle, sorted by {@link #byDistrict} and the expert. */
    public static String expertSheets(int year) {
        return CYCLE + year + "#EXPERT-SHEETS";
    }

    /** GSI1's partition of every participant of a cycle, sorted by {@link #byDistrict}. */
    public static String participants(int year) {
        return CYCLE + year + "#PARTICIPANTS";
    }

    /** GSI2's partition of a group's participations, sorted by {@link #participationOrder}. */
    public static String participations(String groupId) {
        return "GROUP#" + groupId + "#CYCLES";
    }

    public static String participationOrder(int year) {
        return CYCLE + year;
    }

    /** GSI1's partition of every panel of a cycle, sorted by {@link #byDistrict}. */
    public static String panels(int year) {
        return CYCLE + year + "#PANELS";
    }

    public static String byDistrict(String district, String groupId) {
        return districtPrefix(district) + "GROUP#" + groupId;
    }

    public static String byDistrict(String district, String groupId, String expertSub) {
        return byDistrict(district, groupId) + "#" + EXPERT + expertSub;
    }

    /** The GSI1 sort-key prefix of one district's items. */
    public static String districtPrefix(String district) {
        return DISTRICT + district + "#";
    }

    /** The group of an expert sheet's GSI1 sort key ({@link #byDistrict(String, String, String)}). */
    public static String groupOfExpertSheet(String gsi1sk) {
        return gsi1sk.substring(gsi1sk.indexOf(GROUP) + GROUP.length(), gsi1sk.indexOf("#" + EXPERT));
    }

    /** The expert of an expert sheet's GSI1 sort key ({@link #byDistrict(String, String, String)}). */
    public static String expertOfExpertSheet(String gsi1sk) {
        return gsi1sk.substring(gsi1sk.indexOf("#" + EXPERT) + EXPERT.length() + 1);
    }

    /** GSI3's partition of every extension of a cycle, sorted by {@link #extensionOrder}. */
    public static String extensions(int year) {
        return CYCLE + year + "#EXTENSIONS";
    }

    public static String extensionOrder(Stage stage, String groupId) {
        return stage.code() + "#" + groupId;
    }

    // -- experts ---------------------------------------------------------------------------------------------------

    /** GSI2's partition of an expert's seats, and the partition of their declared conflicts. */
    public static String expert(String expertSub) {
        return EXPERT + expertSub;
    }

    /** A seat's GSI2 sort key: the cycle and the group. */
    public static String seatOrder(int year, String groupId) {
        return groupCycle(year, groupId);
    }

    /** The GSI2 sort-key prefix of an expert's seats: of one cycle, or ({@code year} null) of every cycle. */
    public static String seatsPrefix(Integer year) {
        return year == null ? CYCLE : CYCLE + year + GROUP;
    }

    /** A declared conflict's sort key: with a school ({@code schoolCode}) or with a whole group. */
    public static String conflict(String schoolCode, String groupId) {
        return CONFLICT + (schoolCode != null ? schoolCode : "GROUP#" + groupId);
    }

    public static String conflictsPrefix() {
        return CONFLICT;
    }

    // -- audit -----------------------------------------------------------------------------------------------------

    public static String audit(int year, String groupId) {
        return groupCycle(year, groupId) + "#AUDIT";
    }

    /** An audit record's sort key: when, then its id (time-ordered, so records sort oldest first). */
    public static String auditRecord(Instant at, String auditId) {
        return StoredItem.instantKey(at) + "#" + auditId;
    }
}
