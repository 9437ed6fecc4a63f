package org.groupeval.store;

import jakarta.inject.Singleton;
import org.groupeval.domain.review.Cycle;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;

import java.util.Optional;

/**
 * What other functions read of ReviewTable, with GetItem only (keys in {@link ReviewKeys}): the cycle (through the
 * review's own {@link CycleMapper}) and a panel seat. Reads are strongly consistent: a seat takes effect at once.
 */
@Singleton
public class DynamoDbReviewFacts implements ReviewFacts {

    private final DynamoDbTable<StoredItem> table;

    public DynamoDbReviewFacts(DynamoDbEnhancedClient client, Tables tables) {
        this.table = client.table(tables.review(), StoredItem.SCHEMA);
    }

    @Override
    public Optional<CycleFramework> cycle(int year) {
        return get(ReviewKeys.cycle(year), ReviewKeys.cycleItem()).map(item -> {
            Cycle cycle = CycleMapper.fromItem(item);
            if (cycle.frameworkId() == null || cycle.frameworkVersion() == null) {
                throw new IllegalStateException("cycle " + year + " names no framework id and version");
            }
            return new CycleFramework(year, cycle.frameworkId(), cycle.frameworkVersion());
        });
    }

    @Override
    public boolean onPanel(int year, String groupId, String expertSubject) {
        return get(ReviewKeys.groupCycle(year, groupId), ReviewKeys.seat(expertSubject)).isPresent();
    }

    private Optional<StoredItem> get(String pk, String sk) {
        return Optional.ofNullable(table.getItem(GetItemEnhancedRequest.builder()
                .key(ReviewKeys.key(pk, sk)).consistentRead(true).build()));
    }
}
