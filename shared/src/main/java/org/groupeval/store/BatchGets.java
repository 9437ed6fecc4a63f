package org.groupeval.store;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPage;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;

import java.util.List;
import java.util.function.Consumer;

/**
 * BatchGetItem of any number of keys of one table: requests of at most {@value #MAX_KEYS} keys (DynamoDB's limit);
 * the keys DynamoDB leaves unprocessed (throttling, or a response over its 16 MB) are requested again after a backoff
 * ({@link Backoff}), up to {@value #MAX_ATTEMPTS} requests per batch. Every item found reaches the sink once, in no
 * particular order. The keys must be distinct: DynamoDB refuses a request that names one twice.
 */
final class BatchGets {

    static final int MAX_KEYS = 100;
    static final int MAX_ATTEMPTS = 8;

    private BatchGets() {
    }

    static void forEach(DynamoDbEnhancedClient client, DynamoDbTable<StoredItem> table, List<Key> keys,
                        boolean consistentRead, Consumer<StoredItem> sink) {
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            List<Key> pending = keys.subList(from, Math.min(keys.size(), from + MAX_KEYS));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB left " + pending.size() + " keys of " + table.tableName()
                            + " unprocessed after " + MAX_ATTEMPTS + " requests");
                }
                if (attempt > 1) {
                    Backoff.pause(10, attempt - 1, 1_000);
                }
                ReadBatch.Builder<StoredItem> batch = ReadBatch.builder(StoredItem.class).mappedTableResource(table);
                for (Key key : pending) {
                    batch.addGetItem(GetItemEnhancedRequest.builder().key(key).consistentRead(consistentRead).build());
                }
                // one request (the first page); what it leaves unprocessed is asked for again here, after a pause,
                // rather than by the page iterator, which would ask again at once
                BatchGetResultPage page = client.batchGetItem(BatchGetItemEnhancedRequest.builder()
                        .readBatches(batch.build()).build()).iterator().next();
                page.resultsForTable(table).forEach(sink);
                pending = page.unprocessedKeysForTable(table);
            }
        }
    }
}
