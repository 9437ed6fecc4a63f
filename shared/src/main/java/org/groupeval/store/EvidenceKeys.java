package org.groupeval.store;

import org.groupeval.domain.evidence.Evidence;

/**
 * Every key of EvidenceTable, written once (docs/data-model.md, EvidenceTable); every store that reads or writes the
 * table builds its keys here:
 * <pre>
 * evidence   pk CYCLE#{year}#GROUP#{groupId}  sk EVIDENCE#{evidenceId}
 *            gsi1 CYCLE#{year}#GROUP#{groupId}#INDICATOR#{indicatorId} / EVIDENCE#{evidenceId}     status
 * counter    pk CYCLE#{year}#GROUP#{groupId}  sk EVIDENCE_COUNT   count: files not withdrawn
 * statement  pk CYCLE#{year}#GROUP#{groupId}  sk STATEMENT        data = StatementOfWork
 * idem.      pk IDEMPOTENCY#{sub}#{key}       sk IDEMPOTENCY      ttl ({@link IdempotencyKey#itemKey()})
 * </pre>
 */
public final class EvidenceKeys {

    /** The sort key prefix of a group's evidence records within its cycle partition. */
    public static final String EVIDENCE = "EVIDENCE#";

    private EvidenceKeys() {
    }

    /** The partition of everything a group files for one cycle. */
    public static String partition(int year, String groupId) {
        return "CYCLE#" + year + "#GROUP#" + groupId;
    }

    /** One evidence record. */
    public static ItemKey evidence(int year, String groupId, String evidenceId) {
        return new ItemKey(partition(year, groupId), EVIDENCE + evidenceId);
    }

    /** The counter of a group's files of a cycle that are not withdrawn. */
    public static ItemKey counter(int year, String groupId) {
        return new ItemKey(partition(year, groupId), "EVIDENCE_COUNT");
    }

    /** A group's statement of work of a cycle. */
    public static ItemKey statement(int year, String groupId) {
        return new ItemKey(partition(year, groupId), "STATEMENT");
    }

    /** The GSI1 partition of a group's evidence of one indicator in a cycle. */
    public static String indicator(int year, String groupId, String indicatorId) {
        return partition(year, groupId) + "#INDICATOR#" + indicatorId;
    }

    /** An evidence record's item, with its index key: by indicator (GSI1). */
    public static StoredItem item(Evidence e) {
        ItemKey key = evidence(e.year(), e.groupId(), e.evidenceId());
        StoredItem item = key.item("Evidence");
        item.setGsi1pk(indicator(e.year(), e.groupId(), e.indicatorId()));
        item.setGsi1sk(key.sk());
        return item;
    }
}
