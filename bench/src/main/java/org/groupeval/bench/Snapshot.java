package org.groupeval.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contents of the (small) benchmark tables at one moment, so that every timed invocation starts from the same
 * data: after a call, exactly the items it wrote are put back as they were (or deleted if they did not exist).
 */
final class Snapshot {

    record ItemKey(String table, Map<String, AttributeValue> key) {
    }

    private final Map<String, List<String>> keyNames;
    private final Map<String, Map<Map<String, AttributeValue>, Map<String, AttributeValue>>> items;

    private Snapshot(Map<String, List<String>> keyNames,
                     Map<String, Map<Map<String, AttributeValue>, Map<String, AttributeValue>>> items) {
        this.keyNames = keyNames;
        this.items = items;
    }

    static Snapshot take(DynamoDbClient client, List<String> tables) {
        Map<String, List<String>> keyNames = new LinkedHashMap<>();
        Map<String, Map<Map<String, AttributeValue>, Map<String, AttributeValue>>> items = new LinkedHashMap<>();
        for (String table : tables) {
            List<String> names = client.describeTable(r -> r.tableName(table)).table().keySchema().stream()
                    .map(KeySchemaElement::attributeName).toList();
            keyNames.put(table, names);
            Map<Map<String, AttributeValue>, Map<String, AttributeValue>> content = new HashMap<>();
            for (Map<String, AttributeValue> item : scan(client, table)) {
                content.put(project(item, names), item);
            }
            items.put(table, content);
        }
        return new Snapshot(keyNames, items);
    }

    private static List<Map<String, AttributeValue>> scan(DynamoDbClient client, String table) {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(table).consistentRead(true);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = client.scan(request.build());
            all.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return all;
    }

    private static Map<String, AttributeValue> project(Map<String, AttributeValue> item, List<String> names) {
        Map<String, AttributeValue> key = new HashMap<>();
        for (String name : names) {
            key.put(name, item.get(name));
        }
        return key;
    }

    int size() {
        return items.values().stream().mapToInt(Map::size).sum();
    }

    /** The items these requests wrote (put, update, delete; in transactions and batches too). */
    Set<ItemKey> writtenBy(List<SdkRequest> requests) {
        Set<ItemKey> keys = new LinkedHashSet<>();
        for (SdkRequest request : requests) {
            if (request instanceof PutItemRequest put) {
                keys.add(key(put.tableName(), put.item()));
            } else if (request instanceof UpdateItemRequest update) {
                keys.add(key(update.tableName(), update.key()));
            } else if (request instanceof DeleteItemRequest delete) {
                keys.add(key(delete.tableName(), delete.key()));
            } else if (request instanceof TransactWriteItemsRequest tx) {
                for (TransactWriteItem item : tx.transactItems()) {
                    if (item.put() != null) {
                        keys.add(key(item.put().tableName(), item.put().item()));
                    } else if (item.update() != null) {
                        keys.add(key(item.update().tableName(), item.update().key()));
                    } else if (item.delete() != null) {
                        keys.add(key(item.delete().tableName(), item.delete().key()));
                    }
                }
            } else if (request instanceof BatchWriteItemRequest batch) {
                batch.requestItems().forEach((table, writes) -> {
                    for (WriteRequest w : writes) {
                        keys.add(key(table, w.putRequest() != null ? w.putRequest().item() : w.deleteRequest().key()));
                    }
                });
            }
        }
        return keys;
    }

    private ItemKey key(String table, Map<String, AttributeValue> itemOrKey) {
        List<String> names = keyNames.get(table);
        if (names == null) {
            throw new IllegalStateException("a handler wrote to table " + table + ", which the benchmark does not track");
        }
        return new ItemKey(table, project(itemOrKey, names));
    }

    /** Puts back exactly these items as they were in the snapshot. */
    void restore(DynamoDbClient client, Set<ItemKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        // one BatchWriteItem per 25 items: the undo should cost the run as little time as possible
        Map<String, List<WriteRequest>> batch = new LinkedHashMap<>();
        int count = 0;
        for (ItemKey k : keys) {
            Map<String, AttributeValue> before = items.get(k.table()).get(k.key());
            WriteRequest write = before == null
                    ? WriteRequest.builder().deleteRequest(d -> d.key(k.key())).build()
                    : WriteRequest.builder().putRequest(p -> p.item(before)).build();
            batch.computeIfAbsent(k.table(), t -> new ArrayList<>()).add(write);
            if (++count == 25) {
                writeAll(client, batch);
                batch = new LinkedHashMap<>();
                count = 0;
            }
        }
        writeAll(client, batch);
    }

    private static void writeAll(DynamoDbClient client, Map<String, List<WriteRequest>> batch) {
        Map<String, List<WriteRequest>> pending = batch;
        while (!pending.isEmpty()) {
            var response = client.batchWriteItem(BatchWriteItemRequest.builder().requestItems(pending).build());
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    /** Makes the tables hold exactly the snapshot again (scans them: for small tables only). */
    void restoreAll(DynamoDbClient client) {
        for (var table : items.entrySet()) {
            List<String> names = keyNames.get(table.getKey());
            Map<Map<String, AttributeValue>, Map<String, AttributeValue>> wanted = table.getValue();
            Set<Map<String, AttributeValue>> seen = new LinkedHashSet<>();
            for (Map<String, AttributeValue> item : scan(client, table.getKey())) {
                Map<String, AttributeValue> key = project(item, names);
                seen.add(key);
                Map<String, AttributeValue> before = wanted.get(key);
                if (before == null) {
                    client.deleteItem(r -> r.tableName(table.getKey()).key(key));
                } else if (!before.equals(item)) {
                    client.putItem(r -> r.tableName(table.getKey()).item(before));
                }
            }
            wanted.forEach((key, item) -> {
                if (!seen.contains(key)) {
                    client.putItem(r -> r.tableName(table.getKey()).item(item));
                }
            });
        }
    }

    // ---- to and from a file (an item map is a map of AttributeValue pojos) ----

    void write(Path file) {
        Map<String, Object> tree = new LinkedHashMap<>();
        items.forEach((table, content) -> {
            List<Object> list = new ArrayList<>();
            for (Map<String, AttributeValue> item : content.values()) {
                Map<String, Object> encoded = new LinkedHashMap<>();
                item.forEach((name, value) -> encoded.put(name, SdkCodec.encode(value)));
                list.add(encoded);
            }
            tree.put(table, new ArrayList<>(List.of(keyNames.get(table), list)));
        });
        SdkCodec.write(file, tree);
    }

    @SuppressWarnings("unchecked")
    static Snapshot read(Path file) {
        Map<String, Object> tree = (Map<String, Object>) SdkCodec.read(file);
        Map<String, List<String>> keyNames = new LinkedHashMap<>();
        Map<String, Map<Map<String, AttributeValue>, Map<String, AttributeValue>>> items = new LinkedHashMap<>();
        tree.forEach((table, raw) -> {
            List<Object> pair = (List<Object>) raw;
            List<String> names = (List<String>) pair.get(0);
            keyNames.put(table, names);
            Map<Map<String, AttributeValue>, Map<String, AttributeValue>> content = new HashMap<>();
            for (Object encodedItem : (List<Object>) pair.get(1)) {
                Map<String, AttributeValue> item = new HashMap<>();
                ((Map<String, Object>) encodedItem).forEach((name, value) -> item.put(name,
                        (AttributeValue) SdkCodec.decode((Map<String, Object>) value,
                                () -> (software.amazon.awssdk.core.SdkPojo) AttributeValue.builder())));
                content.put(project(item, names), item);
            }
            items.put(table, content);
        });
        return new Snapshot(keyNames, items);
    }
}
