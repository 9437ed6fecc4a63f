package org.groupeval.store;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;

import java.util.List;
import java.util.function.Consumer;

/**
 * BatchGetItem of any number of keys of one table: requests of at most {@value #MAX_KEYS} keys (DynamoDB's limit);
 * the enhanced client's result pages re-request the keys DynamoDB leaves unprocessed, so every item found reaches
 * the sink, in no particular order.
 */
final class BatchGets {

    static final int MAX_KEYS = 100;

    private BatchGets() {
    }

    static void forEach(DynamoDbEnhancedClient client, DynamoDbTable<StoredItem> table, List<Key> keys,
                        boolean consistentRead, Consumer<StoredItem> sink) {
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            ReadBatch.Builder<StoredItem> batch = ReadBatch.builder(StoredItem.class).mappedTableResource(table);
            for (Key key : keys.subList(from, Math.min(keys.size(), from + MAX_KEYS))) {
                batch.addGetItem(GetItemEnhancedRequest.builder().key(key).consistentRead(consistentRead).build());
            }
            client.batchGetItem(BatchGetItemEnhancedRequest.builder().readBatches(batch.build()).build())
                    .resultsForTable(table).forEach(sink);
        }
    }
}
