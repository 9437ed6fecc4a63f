package org.groupeval.store;

import org.groupeval.domain.review.AuditRecord;
import org.groupeval.json.Json;

/**
 * ReviewTable's audit record item (docs/data-model.md): {@code data} is the {@link AuditRecord}, in the group's audit
 * partition of the cycle, sorted by when it was made and its id.
 */
final class AuditMapper {

    static final String KIND = "Audit";

    private AuditMapper() {
    }

    static StoredItem toItem(AuditRecord record) {
        StoredItem item = StoredItem.of(KIND, ReviewKeys.audit(record.year(), record.groupId()),
                ReviewKeys.auditRecord(record.at(), record.auditId()));
        item.setData(Json.write(record));
        return item;
    }

    static AuditRecord fromItem(StoredItem item) {
        return Json.read(item.getData(), AuditRecord.class);
    }
}
