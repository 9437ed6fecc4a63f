package org.groupeval.store;

import jakarta.inject.Singleton;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.GroupRules;
import org.groupeval.domain.group.School;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.Participant;
import org.groupeval.json.Json;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.util.ArrayList;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups and their school claims in GroupsTable (keys: {@link GroupKeys}). A group is written in one transaction
 * with the claims of its schools, each on condition that no group holds the school yet, and with its participations
 * in the cycles whose self-assessment is open ({@link GroupCycles}): enrolled when registered, their snapshots
 * refreshed when edited, withdrawn when the group ends. Dissolving releases the claims, merging passes them to the
 * surviving group, each in the transaction that ends the group.
 */
@Singleton
public class DynamoDbGroupStore implements GroupStore {

    /** Attempts of an edit whose participations changed while it was being written (each re-reads them). */
    private static final int ATTEMPTS = 4;

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<StoredItem> table;
    private final GroupCycles cycles;

    public DynamoDbGroupStore(DynamoDbEnhancedClient client, Tables tables) {
        this.client = client;
        this.table = client.table(tables.groups(), StoredItem.SCHEMA);
        this.cycles = new GroupCycles(client, tables);
    }

    @Override
    public Created create(Group group, IdempotencyKey idempotencyKey) {
        List<School> schools = group.schools();
        List<Cycle> open = cycles.openCycles(group.createdAt());
        recordMemberships(group.groupId(), group.schoolCodes());
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
                cycles.enrol(tx, group, open);
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
        return Optional.ofNullable(table.getItem(GroupKeys.group(groupId).key())).map(DynamoDbGroupStore::fromItem);
    }

    @Override
    public Map<String, Group> findAll(Collection<String> groupIds) {
        List<Key> keys = groupIds.stream().distinct().map(id -> GroupKeys.group(id).key()).toList();
        Map<String, Group> groups = new LinkedHashMap<>();
        BatchGets.forEach(client, table, keys, false, item -> {
            Group group = fromItem(item);
            groups.put(group.groupId(), group);
        });
        return groups;
    }

    @Override
    public Group update(Group current, Group updated, long expectedVersion) {
        if (current.version() != expectedVersion) {
            throw GroupRules.changedSince(current);
        }
        Set<String> before = Set.copyOf(current.schoolCodes());
        Set<String> after = Set.copyOf(updated.schoolCodes());
        List<School> added = updated.schools().stream().filter(s -> !before.contains(s.code())).toList();
        List<String> removed = current.schoolCodes().stream().filter(c -> !after.contains(c)).toList();
        Group next = updated.withVersion(expectedVersion + 1);
        recordMemberships(next.groupId(), added.stream().map(School::code).toList());
        for (int attempt = 1; ; attempt++) {
            List<Participant> open = cycles.openParticipations(next.groupId(), next.updatedAt());
            try {
                Transactions.write(client, tx -> {
                    tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                            .item(toItem(next)).conditionExpression(Transactions.versionIs(expectedVersion)).build());
                    for (School school : added) {
                        tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                                .item(claim(school, next)).conditionExpression(Transactions.NOT_EXISTS)
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                                .build());
                    }
                    for (String code : removed) {
                        tx.addDeleteItem(table, TransactDeleteItemEnhancedRequest.builder()
                                .key(GroupKeys.claim(code).key()).build());
                    }
                    cycles.refresh(tx, next, open);
                });
                return next;
            } catch (Transactions.ConditionFailed failed) {
                if (failed.failedAt(0)) {
                    throw GroupRules.changedSince(find(updated.groupId()).orElse(current));
                }
                int participations = 1 + added.size() + removed.size();
                if (failed.failures().stream().allMatch(f -> f.index() >= participations) && attempt < ATTEMPTS) {
                    continue;   // the city changed a participation meanwhile: read them again
                }
                throw schoolTaken(failed, added, 1);
            }
        }
    }

    @Override
    public Group dissolve(Group dissolved, long expectedVersion) {
        for (int attempt = 1; ; attempt++) {
            List<Participant> open = cycles.openParticipations(dissolved.groupId(), dissolved.ended().at());
            try {
                Transactions.write(client, tx -> {
                    tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                            .item(toItem(dissolved.withVersion(expectedVersion + 1)))
                            .conditionExpression(Transactions.versionIs(expectedVersion)).build());
                    for (String code : dissolved.schoolCodes()) {
                        tx.addDeleteItem(table, TransactDeleteItemEnhancedRequest.builder()
                                .key(GroupKeys.claim(code).key()).build());
                    }
                    cycles.withdraw(tx, dissolved, open);
                });
                return dissolved.withVersion(expectedVersion + 1);
            } catch (Transactions.ConditionFailed failed) {
                if (failed.failedAt(0) || attempt >= ATTEMPTS) {
                    throw GroupRules.changedSince(find(dissolved.groupId()).orElse(dissolved));
                }
            }
        }
    }

    @Override
    public Merged merge(Group merged, long expectedVersion, Group survivor) {
        recordMemberships(survivor.groupId(), merged.schoolCodes());
        for (int attempt = 1; ; attempt++) {
            List<Participant> ending = cycles.openParticipations(merged.groupId(), merged.ended().at());
            List<Participant> surviving = cycles.openParticipations(survivor.groupId(), merged.ended().at());
            Group mergedNext = merged.withVersion(expectedVersion + 1);
            Group survivorNext = survivor.withVersion(survivor.version() + 1);
            try {
                Transactions.write(client, tx -> {
                    tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                            .item(toItem(mergedNext)).conditionExpression(Transactions.versionIs(expectedVersion))
                            .build());
                    tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                            .item(toItem(survivorNext))
                            .conditionExpression(Transactions.versionIs(survivor.version())).build());
                    for (School school : merged.schools()) {
                        // the merged group's schools pass to the survivor: its version check above guards them
                        tx.addPutItem(table, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                                .item(claim(school, survivorNext)).build());
                    }
                    cycles.withdraw(tx, mergedNext, ending);
                    cycles.refresh(tx, survivorNext, surviving);
                });
                return new Merged(mergedNext, survivorNext);
            } catch (Transactions.ConditionFailed failed) {
                if (failed.failedAt(0)) {
                    throw GroupRules.changedSince(find(merged.groupId()).orElse(merged));
                }
                if (failed.failedAt(1)) {
                    throw new SurvivorChanged();
                }
                if (attempt >= ATTEMPTS) {
                    throw new SurvivorChanged();
                }
            }
        }
    }

    @Override
    public List<Group> groupsOfSchool(String schoolCode) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(Key.builder()
                        .partitionValue(GroupKeys.claim(schoolCode).pk()).sortValue(GroupKeys.MEMBERSHIP).build()))
                .consistentRead(true).build();
        List<String> ids = new ArrayList<>();
        table.query(request).forEach(page -> page.items().forEach(i -> ids.add(GroupKeys.membershipGroup(i.getSk()))));
        // a membership is written before its group's transaction: only groups that list the school count
        List<Group> groups = new ArrayList<>(findAll(ids).values().stream().filter(g -> g.hasSchool(schoolCode))
                .toList());
        groups.sort(Comparator.comparing((Group g) -> !g.active()).thenComparing(Group::createdAt,
                Comparator.reverseOrder()));
        return groups;
    }

    @Override
    public List<Participant> participations(String groupId) {
        return cycles.participations(groupId);
    }

    /**
     * Records that each school belongs to the group, before the transaction that claims it: a school's list of
     * groups ({@link #groupsOfSchool}) keeps the groups it left and those that ended. A record whose transaction then
     * fails names a group that does not list the school (or does not exist), which readers skip.
     */
    private void recordMemberships(String groupId, List<String> schoolCodes) {
        List<WriteBatch> batches = new ArrayList<>();
        for (int from = 0; from < schoolCodes.size(); from += 25) {
            WriteBatch.Builder<StoredItem> batch = WriteBatch.builder(StoredItem.class).mappedTableResource(table);
            schoolCodes.subList(from, Math.min(schoolCodes.size(), from + 25))
                    .forEach(code -> batch.addPutItem(GroupKeys.membership(code, groupId).item("SchoolMembership")));
            batches.add(batch.build());
        }
        for (WriteBatch batch : batches) {
            BatchWriteItemEnhancedRequest request = BatchWriteItemEnhancedRequest.builder().addWriteBatch(batch).build();
            for (int attempt = 1; ; attempt++) {
                List<StoredItem> left = client.batchWriteItem(request).unprocessedPutItemsForTable(table);
                if (left.isEmpty()) {
                    break;
                }
                if (attempt >= 12) {
                    throw new IllegalStateException("memberships of group " + groupId + " left unwritten");
                }
                Backoff.pause(10, attempt, 500);
                WriteBatch.Builder<StoredItem> again = WriteBatch.builder(StoredItem.class).mappedTableResource(table);
                left.forEach(again::addPutItem);
                request = BatchWriteItemEnhancedRequest.builder().addWriteBatch(again.build()).build();
            }
        }
    }

    @Override
    public Page<Group> list(String district, String type, int limit, String cursor) {
        String index = district != null ? StoredItem.GSI1 : StoredItem.GSI2;
        String partition = district != null ? GroupKeys.district(district) : GroupKeys.ALL_GROUPS;
        QueryConditional condition = type == null
                ? QueryConditional.keyEqualTo(Key.builder().partitionValue(partition).build())
                : QueryConditional.sortBeginsWith(Key.builder().partitionValue(partition)
                        .sortValue(GroupKeys.ofType(type)).build());
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(condition)
                .limit(limit)
                .exclusiveStartKey(PageCursor.decode(cursor))
                .build();
        var page = table.index(index).query(request).iterator().next();
        List<Group> groups = page.items().stream().map(DynamoDbGroupStore::fromItem).toList();
        return new Page<>(groups, PageCursor.encode(page.lastEvaluatedKey()));
    }

    @Override
    public Optional<String> groupOfSchool(String schoolCode) {
        StoredItem item = table.getItem(GroupKeys.claim(schoolCode).key());
        return Optional.ofNullable(item).map(DynamoDbGroupStore::claimedGroupId);
    }

    @Override
    public Map<String, String> holders(Collection<String> schoolCodes) {
        List<Key> keys = schoolCodes.stream().distinct().map(code -> GroupKeys.claim(code).key()).toList();
        Map<String, String> holders = new LinkedHashMap<>();
        BatchGets.forEach(client, table, keys, true, item -> holders.put(item.getPk().substring(
                GroupKeys.claim("").pk().length()), claimedGroupId(item)));
        return holders;
    }

    @Override
    public void remove(Group group) {
        Transactions.write(client, tx -> {
            tx.addDeleteItem(table, TransactDeleteItemEnhancedRequest.builder().key(GroupKeys.group(group.groupId())
                    .key()).conditionExpression(Transactions.versionIs(1)).build());
            for (School school : group.schools()) {
                tx.addDeleteItem(table, TransactDeleteItemEnhancedRequest.builder()
                        .key(GroupKeys.claim(school.code()).key()).build());
            }
            cycles.forget(tx, group);
        });
    }

    @Override
    public <T> Optional<T> replay(IdempotencyKey key, Class<T> type) {
        StoredItem existing = table.getItem(r -> r.key(key.itemKey().key()).consistentRead(true));
        return existing == null ? Optional.empty() : key.firstResult(existing, type);
    }

    @Override
    public void remember(IdempotencyKey key, String resourceId, Object result, Instant now) {
        table.putItem(key.toItem(resourceId, result, now));
    }

    /** The 409 for schools claimed by another group: each refused claim with the group found holding it. */
    private static RuntimeException schoolTaken(Transactions.ConditionFailed failed, List<School> claimed, int offset) {
        Map<String, String> holders = new LinkedHashMap<>();
        for (Transactions.Failure f : failed.failures()) {
            int i = f.index() - offset;
            if (i >= 0 && i < claimed.size()) {
                holders.put(claimed.get(i).code(), f.existing() == null ? null : claimedGroupId(f.existing()));
            }
        }
        if (holders.isEmpty()) {
            return new IllegalStateException("transaction condition failed outside the school claims: " + failed);
        }
        return GroupRules.schoolsTaken(holders);
    }

    private static String claimedGroupId(StoredItem claim) {
        @SuppressWarnings("unchecked")
        Map<String, String> data = Json.read(claim.getData(), Map.class);
        return data.get("groupId");
    }

    private static StoredItem claim(School school, Group group) {
        StoredItem item = GroupKeys.claim(school.code()).item("SchoolClaim");
        Map<String, String> data = new LinkedHashMap<>();
        data.put("groupId", group.groupId());
        data.put("role", school.code().equals(group.coreSchool().code()) ? "CORE" : "MEMBER");
        item.setData(Json.write(data));
        return item;
    }

    /** A group's item, as every writer of GroupsTable stores it. */
    public static StoredItem toItem(Group group) {
        StoredItem item = GroupKeys.item(group);
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
