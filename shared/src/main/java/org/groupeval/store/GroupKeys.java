package org.groupeval.store;

import org.groupeval.domain.group.Group;

/**
 * Every key of GroupsTable, written once (docs/data-model.md, GroupsTable); every store that reads or writes the
 * table builds its keys here:
 * <pre>
 * group     pk GROUP#{groupId}          sk GROUP        gsi1 DISTRICT#{district} / {type}#{groupId}
 *                                                       gsi2 GROUPS / {type}#{groupId}
 * claim     pk SCHOOL#{schoolCode}      sk SCHOOL       data {groupId, role}
 * member    pk SCHOOL#{schoolCode}      sk GROUP#{groupId}   (a group the school belongs or belonged to)
 * idem.     pk IDEMPOTENCY#{sub}#{key}  sk IDEMPOTENCY  ttl ({@link IdempotencyKey#itemKey()})
 * </pre>
 */
public final class GroupKeys {

    /** The GSI2 partition that holds every group. */
    public static final String ALL_GROUPS = "GROUPS";
    private static final String GROUP = "GROUP#";

    private GroupKeys() {
    }

    /** A group's item. */
    public static ItemKey group(String groupId) {
        return new ItemKey(GROUP + groupId, "GROUP");
    }

    /** The id of the group whose item has this partition key. */
    public static String groupId(String groupPk) {
        return groupPk.substring(GROUP.length());
    }

    /** A school's claim: the item that says which group the school belongs to. */
    public static ItemKey claim(String schoolCode) {
        return new ItemKey("SCHOOL#" + schoolCode, "SCHOOL");
    }

    /** The sort-key prefix of a school's memberships. */
    public static final String MEMBERSHIP = "GROUP#";

    /** A school's membership of a group: written when the group first lists the school, never removed. */
    public static ItemKey membership(String schoolCode, String groupId) {
        return new ItemKey(claim(schoolCode).pk(), MEMBERSHIP + groupId);
    }

    /** The group of a membership's sort key. */
    public static String membershipGroup(String sk) {
        return sk.substring(MEMBERSHIP.length());
    }

    /** The GSI1 partition of a district's groups. */
    public static String district(String district) {
        return "DISTRICT#" + district;
    }

    /** The sort key prefix, in GSI1 and GSI2, of the groups of one type. */
    public static String ofType(String type) {
        return type + "#";
    }

    /** A group's item, with its index keys: by district (GSI1) and among all groups (GSI2), each by type. */
    public static StoredItem item(Group group) {
        StoredItem item = group(group.groupId()).item("Group");
        String byType = ofType(group.type()) + group.groupId();
        item.setGsi1pk(district(group.district()));
        item.setGsi1sk(byType);
        item.setGsi2pk(ALL_GROUPS);
        item.setGsi2sk(byType);
        return item;
    }
}
