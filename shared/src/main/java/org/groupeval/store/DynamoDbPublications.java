package org.groupeval.store;

import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;

/**
 * Reads the ranking's publication pointer ({@link ResultKeys#published}), read-only: a school sees its district and
 * city sheets only once it exists.
 */
@Singleton
public class DynamoDbPublications implements Publications {

    private final DynamoDbTable<StoredItem> table;

    public DynamoDbPublications(DynamoDbEnhancedClient client, Tables tables) {
        this.table = client.table(tables.results(), StoredItem.SCHEMA);
    }

    @Override
    public boolean published(int year) {
        return table.getItem(ResultKeys.published(year).key()) != null;
    }
}
