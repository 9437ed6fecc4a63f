package org.groupeval.store;

import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.SheetStatus;
import org.groupeval.json.Json;

/**
 * ReviewTable's sheet items (docs/data-model.md): a stage sheet, or an expert's own sheet of the city stage. {@code
 * data} is the {@link ReviewSheet} as one flat object; the plain {@code status} (which the evidence store's condition
 * reads), {@code district} and {@code grade} repeat it; {@code version} is its ETag. The index keys put each stage's
 * sheets, and the experts' sheets apart, in GSI1 partitions of their own, by district.
 */
final class SheetMapper {

    static final String STAGE_SHEET = "StageSheet";
    static final String EXPERT_SHEET = "ExpertSheet";

    private SheetMapper() {
    }

    static String sk(ReviewSheet sheet) {
        return sheet.isExpertSheet() ? ReviewKeys.expertSheet(sheet.expertSub()) : ReviewKeys.stageSheet(sheet.stage());
    }

    static StoredItem toItem(ReviewSheet sheet) {
        StoredItem item = StoredItem.of(sheet.isExpertSheet() ? EXPERT_SHEET : STAGE_SHEET,
                ReviewKeys.groupCycle(sheet.year(), sheet.groupId()), sk(sheet));
        if (sheet.isExpertSheet()) {
            item.setGsi1pk(ReviewKeys.expertSheets(sheet.year()));
            item.setGsi1sk(ReviewKeys.byDistrict(sheet.district(), sheet.groupId(), sheet.expertSub()));
        } else {
            item.setGsi1pk(ReviewKeys.stageSheets(sheet.year(), sheet.stage()));
            item.setGsi1sk(ReviewKeys.byDistrict(sheet.district(), sheet.groupId()));
        }
        item.setStatus(sheet.status().name());
        item.setDistrict(sheet.district());
        item.setGrade(sheet.grade() == null ? null : sheet.grade().name());
        item.setVersion(sheet.version());
        item.setData(Json.write(sheet));
        return item;
    }

    /** The sheet an item holds, with the item's version (and its status, should the data hold none). */
    static ReviewSheet fromItem(StoredItem item) {
        ReviewSheet sheet = Json.read(item.getData(), ReviewSheet.class)
                .withVersion(item.getVersion() == null ? 0 : item.getVersion());
        return sheet.status() == null && item.getStatus() != null
                ? sheet.withStatus(SheetStatus.valueOf(item.getStatus())) : sheet;
    }
}
