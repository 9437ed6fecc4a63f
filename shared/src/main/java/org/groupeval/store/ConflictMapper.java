package org.groupeval.store;

import org.groupeval.domain.review.DeclaredConflict;
import org.groupeval.json.Json;

/**
 * ReviewTable's declared-conflict item (docs/data-model.md): {@code data} is the {@link DeclaredConflict}, in the
 * expert's partition, one per school or group (a second declaration for the same target replaces the first).
 */
final class ConflictMapper {

    static final String KIND = "DeclaredConflict";

    private ConflictMapper() {
    }

    static StoredItem toItem(DeclaredConflict conflict) {
        StoredItem item = StoredItem.of(KIND, ReviewKeys.expert(conflict.expertSub()),
                ReviewKeys.conflict(conflict.schoolCode(), conflict.groupId()));
        item.setData(Json.write(conflict));
        return item;
    }

    static DeclaredConflict fromItem(StoredItem item) {
        return Json.read(item.getData(), DeclaredConflict.class);
    }
}
