package org.groupeval.store;

import org.groupeval.domain.review.Panel;
import org.groupeval.json.Json;

/**
 * ReviewTable's panel items (docs/data-model.md): the panel of one group's city stage ({@code data} the
 * {@link Panel}, {@code version} its ETag; GSI1 by district, for the progress view) and one seat per expert on it
 * ({@code data} {@link Seat}; GSI2 by expert, for the expert's assignments and what the expert may see).
 */
final class PanelMapper {

    static final String PANEL = "Panel";
    static final String SEAT = "PanelSeat";

    /** What a seat item holds: the cycle and group it is on, and the expert. */
    record Seat(String groupId, int year, Panel.Expert expert) {
    }

    private PanelMapper() {
    }

    static StoredItem toItem(Panel panel) {
        StoredItem item = StoredItem.of(PANEL, ReviewKeys.groupCycle(panel.year(), panel.groupId()),
                ReviewKeys.panel());
        item.setGsi1pk(ReviewKeys.panels(panel.year()));
        item.setGsi1sk(ReviewKeys.byDistrict(panel.district(), panel.groupId()));
        item.setDistrict(panel.district());
        item.setVersion(panel.version());
        item.setData(Json.write(panel));
        return item;
    }

    /** The panel an item holds, with the item's version. */
    static Panel fromItem(StoredItem item) {
        Panel panel = Json.read(item.getData(), Panel.class);
        return new Panel(panel.groupId(), panel.year(), panel.district(), panel.experts(), panel.updatedAt(),
                panel.updatedBy(), item.getVersion() == null ? 0 : item.getVersion());
    }

    static StoredItem seatItem(Panel panel, Panel.Expert expert) {
        StoredItem item = StoredItem.of(SEAT, ReviewKeys.groupCycle(panel.year(), panel.groupId()),
                ReviewKeys.seat(expert.subject()));
        item.setGsi2pk(ReviewKeys.expert(expert.subject()));
        item.setGsi2sk(ReviewKeys.seatOrder(panel.year(), panel.groupId()));
        item.setDistrict(panel.district());
        item.setData(Json.write(new Seat(panel.groupId(), panel.year(), expert)));
        return item;
    }

    static Seat seatFromItem(StoredItem item) {
        return Json.read(item.getData(), Seat.class);
    }
}
