package org.groupeval.store;

import jakarta.inject.Singleton;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.School;
import org.groupeval.web.Json;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups table (docs/data-model.md):
 * <pre>
 * group     pk GROUP#{groupId}          sk GROUP        gsi1 DISTRICT#{district} / {type}#{groupId}
 *                                                       gsi2 GROUPS / {type}#{groupId}
 * claim     pk SCHOOL#{schoolCode}      sk SCHOOL       data {groupId, role}
 * idem.     pk IDEMPOTENCY#{sub}#{key}  sk IDEMPOTENCY  ttl
 * </pre>
 */
@Singleton
public class DynamoDbGroupStore implements GroupStore {

    static final String GROUP_SK = "GROUP";
    static final String CLAIM_SK = "SCHOOL";

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<StoredItem> table;

    public DynamoDbGroupStore(DynamoDbEnhancedClient client, Tables tables) {
        this.client = client;
        this.table = client.table(tables.groups(), StoredItem.SCHEMA);
    }

    public static String groupPk(String groupId) {
        return "GROUP#" + groupId;
    }

    public static String schoolPk(String schoolCode) {
        return "SCHOOL#" + schoolCode;
    }

    @Override
    public Created create(Group group, IdempotencyKey idempotencyKey) {
        List<School> schools = group.schools();
        try {
            Transactions.write(client, tx -> {
                tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                        .item(toItem(group)).conditionExpression(Transactions.NOT_EXISTS).build());
                for (School school : schools) {
                    tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                            .item(claim(school, group)).conditionExpression(Transactions.NOT_EXISTS)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
                }
                if (idempotencyKey != null) {
                    tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                            .item(idempotencyKey.toItem(group.groupId(), group, group.createdAt()))
                            .conditionExpression(Transactions.NOT_EXISTS)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
                }
            });
            return new Created(group, false);
        } catch (Transactions.ConditionFailed failed) {
            int idempotencyIndex = schools.size() + 1;
            for (Transactions.Failure f : failed.failures()) {
                if (idempotencyKey != null && f.index() == idempotencyIndex && f.existing() != null) {
                    String firstId = idempotencyKey.replayedResourceId(f.existing());
                    // a record kept without the first result (written before results were kept): the group now
                    Group first = idempotencyKey.firstResult(f.existing(), Group.class).orElseGet(() -> find(firstId)
                            .orElseThrow(() -> new IllegalStateException("idempotency record names a missing group "
                                    + firstId)));
                    return new Created(first, true);
                }
            }
            throw schoolTaken(failed, schools, 1);
        }
    }

    @Override
    public Optional<Group> find(String groupId) {
        StoredItem item = table.getItem(Key.builder().partitionValue(groupPk(groupId)).sortValue(GROUP_SK).build());
        return Optional.ofNullable(item).map(DynamoDbGroupStore::fromItem);
    }

    @Override
    public Map<String, Group> findAll(Collection<String> groupIds) {
        List<Key> keys = groupIds.stream().distinct()
                .map(id -> Key.builder().partitionValue(groupPk(id)).sortValue(GROUP_SK).build()).toList();
        Map<String, Group> groups = new LinkedHashMap<>();
        BatchGets.forEach(client, table, keys, false, item -> {
            Group group = fromItem(item);
            groups.put(group.groupId(), group);
        });
        return groups;
    }

    @Override
    public Group update(Group updated, long expectedVersion) {
        Group current = find(updated.groupId()).orElseThrow(() -> DomainException.notFound(
                "No group " + updated.groupId() + "."));
        if (current.version() != expectedVersion) {
            throw stale(current);
        }
        Set<String> before = Set.copyOf(current.schoolCodes());
        Set<String> after = Set.copyOf(updated.schoolCodes());
        List<School> added = updated.schools().stream().filter(s -> !before.contains(s.code())).toList();
        List<String> removed = current.schoolCodes().stream().filter(c -> !after.contains(c)).toList();
        Group next = updated.withVersion(expectedVersion + 1);
        try {
            Transactions.write(client, tx -> {
                tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                        .item(toItem(next)).conditionExpression(Transactions.versionIs(expectedVersion)).build());
                for (School school : added) {
                    tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                            .item(claim(school, next)).conditionExpression(Transactions.NOT_EXISTS)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
                }
                for (String code : removed) {
                    tx.addDeleteItem(table, TransactDeleteItemEnhancedRequest.builder()
                            .key(Key.builder().partitionValue(schoolPk(code)).sortValue(CLAIM_SK).build())
                            .build());
                }
            });
            return next;
        } catch (Transactions.ConditionFailed failed) {
            if (failed.failedAt(0)) {
                throw stale(find(updated.groupId()).orElse(current));
            }
            throw schoolTaken(failed, added, 1);
        }
    }

    @Override
    public Page<Group> list(String district, String type, int limit, String cursor) {
        String index = district != null ? StoredItem.GSI1 : StoredItem.GSI2;
        String partition = district != null ? "DISTRICT#" + district : "GROUPS";
        Key key = Key.builder().partitionValue(partition).sortValue(type == null ? "" : type + "#").build();
        QueryConditional condition = type == null
                ? QueryConditional.keyEqualTo(Key.builder().partitionValue(partition).build())
                : QueryConditional.sortBeginsWith(key);
        DynamoDbIndex<StoredItem> gsi = table.index(index);
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(condition)
                .limit(limit)
                .exclusiveStartKey(PageCursor.decode(cursor))
                .build();
        var page = gsi.query(request).iterator().next();
        List<Group> groups = page.items().stream().map(DynamoDbGroupStore::fromItem).toList();
        return new Page<>(groups, PageCursor.encode(page.lastEvaluatedKey()));
    }

    @Override
    public Optional<String> groupOfSchool(String schoolCode) {
        StoredItem item = table.getItem(Key.builder().partitionValue(schoolPk(schoolCode)).sortValue(CLAIM_SK).build());
        return Optional.ofNullable(item).map(DynamoDbGroupStore::claimedGroupId);
    }

    private static DomainException stale(Group current) {
        return DomainException.preconditionFailed("Group " + current.groupId() + " has changed since you read it (now "
                + "version " + current.version() + "); read it again and reapply your change.")
                .with("currentETag", "\"" + current.version() + "\"");
    }

    /** The 409 for a school claimed by another group (rules.md §3.2: the loser learns the holder). */
    private static DomainException schoolTaken(Transactions.ConditionFailed failed, List<School> claimed, int offset) {
        List<Map<String, String>> taken = new ArrayList<>();
        for (Transactions.Failure f : failed.failures()) {
            int i = f.index() - offset;
            if (i < 0 || i >= claimed.size()) {
                continue;
            }
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("schoolCode", claimed.get(i).code());
            entry.put("holderGroupId", f.existing() == null ? null : claimedGroupId(f.existing()));
            taken.add(entry);
        }
        if (taken.isEmpty()) {
            throw new IllegalStateException("transaction condition failed outside the school claims: " + failed);
        }
        String detail = taken.stream().map(t -> "school " + t.get("schoolCode") + " already belongs to group "
                + t.get("holderGroupId")).reduce((a, b) -> a + "; " + b).orElseThrow()
                + ". A school belongs to at most one group.";
        return DomainException.conflict("school-already-in-group", "School already belongs to a group", detail)
                .with("holderGroupId", taken.get(0).get("holderGroupId"))
                .with("schools", taken);
    }

    private static String claimedGroupId(StoredItem claim) {
        @SuppressWarnings("unchecked")
        Map<String, String> data = Json.read(claim.getData(), Map.class);
        return data.get("groupId");
    }

    private static StoredItem claim(School school, Group group) {
        StoredItem item = StoredItem.of("SchoolClaim", schoolPk(school.code()), CLAIM_SK);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("groupId", group.groupId());
        data.put("role", school.code().equals(group.coreSchool().code()) ? "CORE" : "MEMBER");
        item.setData(Json.write(data));
        return item;
    }

    static StoredItem toItem(Group group) {
        StoredItem item = StoredItem.of("Group", groupPk(group.groupId()), GROUP_SK);
        item.setGsi1pk("DISTRICT#" + group.district());
        item.setGsi1sk(group.type() + "#" + group.groupId());
        item.setGsi2pk("GROUPS");
        item.setGsi2sk(group.type() + "#" + group.groupId());
        item.setDistrict(group.district());
        item.setGroupType(group.type());
        item.setVersion(group.version());
        item.setData(Json.write(group));
        return item;
    }

    static Group fromItem(StoredItem item) {
        return Json.read(item.getData(), Group.class).withVersion(item.getVersion());
    }
}
