package org.groupeval.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import org.groupeval.web.Json;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;

import java.util.Optional;

/**
 * ReviewTable read with GetItem only (docs/data-model.md):
 * <pre>
 * cycle       pk CYCLE#{year}                   sk CYCLE                    data {frameworkId, frameworkVersion, ...}
 * panel seat  pk CYCLE#{year}#GROUP#{groupId}   sk PANEL#EXPERT#{expertSub}
 * </pre>
 * Reads are strongly consistent: a seat takes effect at once.
 */
@Singleton
public class DynamoDbReviewFacts implements ReviewFacts {

    private final DynamoDbTable<StoredItem> table;

    public DynamoDbReviewFacts(DynamoDbEnhancedClient client, Tables tables) {
        this.table = client.table(tables.review(), StoredItem.SCHEMA);
    }

    public static String cyclePk(int year) {
        return "CYCLE#" + year;
    }

    public static String groupCyclePk(int year, String groupId) {
        return "CYCLE#" + year + "#GROUP#" + groupId;
    }

    @Override
    public Optional<CycleFramework> cycle(int year) {
        return get(cyclePk(year), "CYCLE").map(item -> {
            try {
                JsonNode data = Json.MAPPER.readTree(item.getData() == null ? "{}" : item.getData());
                JsonNode id = data.get("frameworkId");
                JsonNode version = data.get("frameworkVersion");
                if (id == null || id.isNull() || version == null || version.isNull()) {
                    throw new IllegalStateException("cycle " + year + " names no framework id and version");
                }
                return new CycleFramework(year, id.asText(), version.asText());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cycle " + year + " holds unreadable data", e);
            }
        });
    }

    @Override
    public boolean onPanel(int year, String groupId, String expertSubject) {
        return get(groupCyclePk(year, groupId), "PANEL#EXPERT#" + expertSubject).isPresent();
    }

    private Optional<StoredItem> get(String pk, String sk) {
        return Optional.ofNullable(table.getItem(GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(pk).sortValue(sk).build()).consistentRead(true).build()));
    }
}
