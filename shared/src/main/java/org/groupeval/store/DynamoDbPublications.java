package org.groupeval.store;

import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/**
 * Reads the ranking's publication pointer (docs/data-model.md, ResultsTable: {@code pk CYCLE#{year}},
 * {@code sk RUN#PUBLISHED}), read-only: a school sees its district and city sheets only once it exists.
 */
@Singleton
public class DynamoDbPublications implements Publications {

    private final DynamoDbTable<StoredItem> table;

    public DynamoDbPublications(DynamoDbEnhancedClient client, Tables tables) {
        this.table = client.table(tables.results(), StoredItem.SCHEMA);
    }

    @Override
    public boolean published(int year) {
        return table.getItem(Key.builder().partitionValue("CYCLE#" + year).sortValue("RUN#PUBLISHED").build()) != null;
    }
}
