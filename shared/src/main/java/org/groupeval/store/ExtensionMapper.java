package org.groupeval.store;

import org.groupeval.domain.review.Extension;
import org.groupeval.json.Json;

/**
 * ReviewTable's extension item (docs/data-model.md): {@code data} is the {@link Extension}, kept in the group's
 * partition of the cycle and in GSI3's partition of the cycle's extensions (the progress view, the publication gate).
 */
final class ExtensionMapper {

    static final String KIND = "Extension";

    private ExtensionMapper() {
    }

    static StoredItem toItem(Extension extension) {
        StoredItem item = StoredItem.of(KIND, ReviewKeys.groupCycle(extension.year(), extension.groupId()),
                ReviewKeys.extension(extension.stage()));
        item.setGsi3pk(ReviewKeys.extensions(extension.year()));
        item.setGsi3sk(ReviewKeys.extensionOrder(extension.stage(), extension.groupId()));
        item.setDistrict(extension.district());
        item.setData(Json.write(extension));
        return item;
    }

    static Extension fromItem(StoredItem item) {
        return Json.read(item.getData(), Extension.class);
    }
}
