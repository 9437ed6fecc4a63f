package org.groupeval.store;

import org.groupeval.domain.review.Participant;
import org.groupeval.json.Json;

/**
 * ReviewTable's participant item (docs/data-model.md): {@code data} is the {@link Participant} with its snapshot,
 * kept in the group's partition of the cycle (so the one query of a group's review finds it), in GSI1's partition of
 * the cycle's participants (by district: the list, progress and the ranking) and in GSI2's partition of the group's
 * participations (its history). {@code status} repeats the participant's for filters; {@code version} is its ETag.
 */
final class ParticipantMapper {

    static final String KIND = "Participant";

    private ParticipantMapper() {
    }

    static StoredItem toItem(Participant participant) {
        StoredItem item = StoredItem.of(KIND, ReviewKeys.groupCycle(participant.year(), participant.groupId()),
                ReviewKeys.participant());
        item.setGsi1pk(ReviewKeys.participants(participant.year()));
        item.setGsi1sk(ReviewKeys.byDistrict(participant.district(), participant.groupId()));
        item.setGsi2pk(ReviewKeys.participations(participant.groupId()));
        item.setGsi2sk(ReviewKeys.participationOrder(participant.year()));
        item.setDistrict(participant.district());
        item.setStatus(participant.status().name());
        item.setVersion(participant.version());
        item.setData(Json.write(participant));
        return item;
    }

    static Participant fromItem(StoredItem item) {
        return Json.read(item.getData(), Participant.class).withVersion(item.getVersion());
    }

    static software.amazon.awssdk.enhanced.dynamodb.Key key(int year, String groupId) {
        return ReviewKeys.key(ReviewKeys.groupCycle(year, groupId), ReviewKeys.participant());
    }
}
