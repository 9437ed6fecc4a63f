package org.groupeval.store;

import org.groupeval.local.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * BatchGets against DynamoDB Local, with the case the service's batching exists for: items whose total exceeds what
 * one BatchGetItem answers (16 MB), so that DynamoDB leaves keys unprocessed and they must be asked for again.
 */
class BatchGetsTest {

    private static final int ITEMS = 60;
    private static final String BIG = "x".repeat(350_000);

    @Test
    void everyItemIsReadOnceEvenWhenDynamoDbLeavesKeysUnprocessed() {
        LocalAws.start();
        DynamoDbClient lowLevel = DynamoDbClients.create();
        DynamoDbEnhancedClient client = DynamoDbEnhancedClient.builder().dynamoDbClient(lowLevel).build();
        Tables tables = Tables.fromEnvironment();
        DynamoDbTable<StoredItem> table = client.table(tables.review(), StoredItem.SCHEMA);
        String pk = "TEST#BATCHGETS#" + System.nanoTime();
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            StoredItem item = StoredItem.of("Test", pk, "ITEM#" + i);
            item.setData(i + ":" + BIG);
            table.putItem(item);
            keys.add(Key.builder().partitionValue(pk).sortValue("ITEM#" + i).build());
        }
        // the premise: one request does not answer all of them (60 × 350 KB is over 16 MB)
        BatchGetItemResponse once = lowLevel.batchGetItem(r -> r.requestItems(Map.of(tables.review(),
                KeysAndAttributes.builder().keys(keys.stream().map(k -> Map.of(
                        "pk", AttributeValue.fromS(pk), "sk", k.sortKeyValue().orElseThrow())).toList()).build())));
        assertFalse(once.unprocessedKeys().isEmpty(), "DynamoDB Local answered 21 MB in one response");

        List<Key> asked = new ArrayList<>(keys);
        asked.add(Key.builder().partitionValue(pk).sortValue("ITEM#missing").build());
        Map<String, Integer> seen = new HashMap<>();
        BatchGets.forEach(client, table, asked, true, item -> {
            assertEquals(item.getSk().substring("ITEM#".length()), item.getData().substring(0,
                    item.getData().indexOf(':')));
            seen.merge(item.getSk(), 1, Integer::sum);
        });
        assertEquals(ITEMS, seen.size());
        seen.forEach((sk, times) -> assertEquals(1, times, sk));
        for (Key key : keys) {
            table.deleteItem(key);
        }
    }
}
