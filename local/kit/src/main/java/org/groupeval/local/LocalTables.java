package org.groupeval.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

import java.util.List;
import java.util.Map;

import static org.groupeval.local.SamTemplate.list;
import static org.groupeval.local.SamTemplate.map;

/**
 * Creates the tables exactly as template.yaml declares them (keys, attribute definitions, global secondary indexes
 * and projections), named by their logical ids. Nothing about the tables is repeated in code.
 */
public final class LocalTables {

    private LocalTables() {
    }

    public static void createAll(DynamoDbClient client, SamTemplate template) {
        for (SamTemplate.Table table : template.tables()) {
            create(client, table);
        }
    }

    public static void create(DynamoDbClient client, SamTemplate.Table table) {
        Map<String, Object> p = table.properties();
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table.logicalId())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(p.get("AttributeDefinitions")).stream().map(a -> AttributeDefinition.builder()
                        .attributeName(String.valueOf(map(a).get("AttributeName")))
                        .attributeType(ScalarAttributeType.fromValue(String.valueOf(map(a).get("AttributeType"))))
                        .build()).toList())
                .keySchema(keySchema(p.get("KeySchema")));
        List<GlobalSecondaryIndex> indexes = list(p.get("GlobalSecondaryIndexes")).stream().map(raw -> {
            Map<String, Object> gsi = map(raw);
            Map<String, Object> projection = map(gsi.get("Projection"));
            Projection.Builder proj = Projection.builder()
                    .projectionType(ProjectionType.fromValue(String.valueOf(projection.getOrDefault("ProjectionType", "ALL"))));
            if (projection.get("NonKeyAttributes") != null) {
                proj.nonKeyAttributes(list(projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList());
            }
            return GlobalSecondaryIndex.builder()
                    .indexName(String.valueOf(gsi.get("IndexName")))
                    .keySchema(keySchema(gsi.get("KeySchema")))
                    .projection(proj.build())
                    .build();
        }).toList();
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        try {
            client.createTable(request.build());
        } catch (ResourceInUseException alreadyThere) {
            // persisted with --data: the table survives restarts
        }
    }

    private static List<KeySchemaElement> keySchema(Object raw) {
        return list(raw).stream().map(k -> KeySchemaElement.builder()
                .attributeName(String.valueOf(map(k).get("AttributeName")))
                .keyType(KeyType.fromValue(String.valueOf(map(k).get("KeyType"))))
                .build()).toList();
    }
}
