package org.groupeval.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * BatchWriteItem of any number of new items into one table: batches of at most {@value #MAX_ITEMS} items (DynamoDB's
 * limit), sent from {@value #WRITERS} threads at once (BatchWriteItem latency, not CPU, bounds a 100,000-item write);
 * what DynamoDB leaves unprocessed is sent again with exponential backoff and jitter ({@link Backoff}), up to
 * {@value #MAX_ATTEMPTS} requests per batch.
 */
final class BatchWrites {

    static final int MAX_ITEMS = 25;
    static final int MAX_ATTEMPTS = 12;
    /** Concurrent BatchWriteItem calls of one write. */
    static final int WRITERS = 8;

    private BatchWrites() {
    }

    /**
     * Puts the item of every value; each batch's items are made ({@code toItem}) on the thread that writes them, so
     * that only the batches in flight are held as items.
     */
    static <T> void putAll(DynamoDbClient client, String tableName, List<T> values, Function<T, StoredItem> toItem) {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> batches = new ArrayList<>(values.size() / MAX_ITEMS + 1);
            for (int from = 0; from < values.size(); from += MAX_ITEMS) {
                List<T> chunk = values.subList(from, Math.min(values.size(), from + MAX_ITEMS));
                batches.add(writers.submit(() -> write(client, tableName, chunk.stream().map(value -> WriteRequest
                        .builder().putRequest(PutRequest.builder()
                                .item(StoredItem.SCHEMA.itemToMap(toItem.apply(value), true)).build()).build())
                        .toList())));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + tableName, e);
        } finally {
            writers.shutdownNow();
        }
    }

    /** One BatchWriteItem, and its unprocessed items again until none is left. */
    private static void write(DynamoDbClient client, String tableName, List<WriteRequest> requests) {
        Map<String, List<WriteRequest>> pending = Map.of(tableName, requests);
        for (int attempt = 1; ; attempt++) {
            Map<String, List<WriteRequest>> sending = pending;
            BatchWriteItemResponse response = client.batchWriteItem(r -> r.requestItems(sending));
            Map<String, List<WriteRequest>> unprocessed = response.unprocessedItems();
            if (unprocessed == null || unprocessed.isEmpty()) {
                return;
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB left " + unprocessed.get(tableName).size()
                        + " items of " + tableName + " unprocessed after " + attempt + " attempts");
            }
            pending = unprocessed;
            Backoff.pause(25, attempt, 5_000);
        }
    }
}
