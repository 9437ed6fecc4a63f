package org.groupeval.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The body of the plain-Java baseline handlers: a bare SDK client built at init the way the functions build
 * theirs, and per request exactly the DynamoDB calls the real handler made for the same event (recorded in the
 * warm phase, file named by {@code BENCH_REPLAY}). The time spent reading that file is benchmark plumbing, not
 * handler work: it is measured and reported so the harness can take it off the baseline. Building the SDK requests
 * from what was read is not plumbing: a plain handler builds its requests too (it loads the same model classes and
 * builders), so that time stays in the baseline.
 */
final class PlainReplay {

    static volatile long plumbingNanos;

    private final DynamoDbClient client = Replayer.bareClient();

    /** Makes the recorded calls and returns the stored JSON ({@code data}) they read, as a handler would. */
    String handle() {
        long started = System.nanoTime();
        List<Object> trees = read(Path.of(Replayer.setting("BENCH_REPLAY", "replay.bin")));
        plumbingNanos = System.nanoTime() - started;
        List<SdkRequest> requests = decode(trees);
        Object last = null;
        for (SdkRequest request : requests) {
            try {
                last = call(request);
            } catch (SdkServiceException refused) {
                last = refused;
            }
        }
        if (last instanceof GetItemResponse get && get.hasItem()) {
            return data(get.item());
        }
        if (last instanceof QueryResponse query) {
            StringJoiner items = new StringJoiner(",", "[", "]");
            query.items().forEach(item -> items.add(data(item)));
            return items.toString();
        }
        return "{}";
    }

    private static String data(Map<String, AttributeValue> item) {
        AttributeValue data = item.get("data");
        return data == null || data.s() == null ? "{}" : data.s();
    }

    private Object call(SdkRequest request) {
        if (request instanceof GetItemRequest r) {
            return client.getItem(r);
        } else if (request instanceof QueryRequest r) {
            return client.query(r);
        } else if (request instanceof PutItemRequest r) {
            return client.putItem(r);
        } else if (request instanceof UpdateItemRequest r) {
            return client.updateItem(r);
        } else if (request instanceof DeleteItemRequest r) {
            return client.deleteItem(r);
        } else if (request instanceof TransactWriteItemsRequest r) {
            return client.transactWriteItems(r);
        } else if (request instanceof TransactGetItemsRequest r) {
            return client.transactGetItems(r);
        } else if (request instanceof BatchGetItemRequest r) {
            return client.batchGetItem(r);
        } else if (request instanceof BatchWriteItemRequest r) {
            return client.batchWriteItem(r);
        }
        return new Replayer(client).call(request);
    }

    /** The recorded requests as plain trees (maps, lists, strings): the benchmark's file format, nothing of the SDK. */
    @SuppressWarnings("unchecked")
    private static List<Object> read(Path file) {
        return (List<Object>) SdkCodec.read(file);
    }

    /** The trees rebuilt as SDK requests with the SDK's builders, as a handler builds its own. */
    @SuppressWarnings("unchecked")
    private static List<SdkRequest> decode(List<Object> trees) {
        List<SdkRequest> requests = new ArrayList<>();
        for (Object tree : trees) {
            requests.add((SdkRequest) SdkCodec.decodeTop((Map<String, Object>) tree));
        }
        return requests;
    }
}
