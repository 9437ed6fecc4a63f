package org.groupeval.store;

import org.groupeval.domain.group.Group;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.Participant;
import org.groupeval.domain.review.ParticipantStatus;
import org.groupeval.domain.review.ParticipationCause;
import org.groupeval.domain.review.ParticipationRules;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a change of a group writes to ReviewTable in the group's own transaction (docs/review.md, Participation):
 * the enrolment of a new group in every cycle whose self-assessment is open, the refreshed snapshot of an edited
 * group in those cycles, the withdrawal of a dissolved or merged group from them. Cycles whose self-assessment has
 * closed are not touched: their snapshots stay as they were at the close.
 */
final class GroupCycles {

    /** Who a registration's enrolment is recorded as made by. */
    static final String REGISTRATION = "registration";

    private final DynamoDbTable<StoredItem> review;

    GroupCycles(DynamoDbEnhancedClient client, Tables tables) {
        this.review = client.table(tables.review(), StoredItem.SCHEMA);
    }

    /** Every cycle whose self-assessment is open at {@code at}. */
    List<Cycle> openCycles(Instant at) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(ReviewKeys.partition(ReviewKeys.cycles()))).build();
        List<Cycle> cycles = new ArrayList<>();
        review.index(StoredItem.GSI3).query(request).forEach(page -> page.items()
                .forEach(item -> cycles.add(CycleMapper.fromItem(item))));
        return ParticipationRules.openForEnrolment(cycles, at);
    }

    /** The group's participations in the cycles open at {@code at}, read strongly consistently. */
    List<Participant> openParticipations(String groupId, Instant at) {
        List<Participant> open = new ArrayList<>();
        for (Cycle cycle : openCycles(at)) {
            StoredItem item = review.getItem(r -> r.key(ParticipantMapper.key(cycle.year(), groupId))
                    .consistentRead(true));
            if (item != null) {
                open.add(ParticipantMapper.fromItem(item));
            }
        }
        return open;
    }

    /** A group's participations, oldest cycle first (GSI2). */
    List<Participant> participations(String groupId) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(ReviewKeys.partition(
                        ReviewKeys.participations(groupId)))).build();
        List<Participant> all = new ArrayList<>();
        review.index(StoredItem.GSI2).query(request).forEach(page -> page.items()
                .forEach(item -> all.add(ParticipantMapper.fromItem(item))));
        return all;
    }

    /** Adds the enrolment of a new group in each open cycle to its registration's transaction. */
    void enrol(TransactWriteItemsEnhancedRequest.Builder tx, Group group, List<Cycle> open) {
        for (Cycle cycle : open) {
            put(tx, Participant.enrol(cycle.year(), group, group.createdAt(), REGISTRATION,
                    "registered while the self-assessment was open", ParticipationCause.REGISTERED), null);
        }
    }

    /** Adds each participation, refreshed from the group as it now is, to the group's transaction. */
    void refresh(TransactWriteItemsEnhancedRequest.Builder tx, Group group, List<Participant> open) {
        for (Participant p : open) {
            put(tx, p.refreshed(group), p.version());
        }
    }

    /** Adds the withdrawal of an ended group from each open participation to its transaction. */
    void withdraw(TransactWriteItemsEnhancedRequest.Builder tx, Group ended, List<Participant> open) {
        for (Participant p : open) {
            boolean merged = ended.ended().mergedInto() != null;
            String why = merged
                    ? "merged into group " + ended.ended().mergedInto() + ": " + ended.ended().reason()
                    : "dissolved: " + ended.ended().reason();
            put(tx, p.changed(ParticipantStatus.WITHDRAWN, ended, ended.ended().at(), ended.ended().by(), why,
                    merged ? ParticipationCause.GROUP_MERGED : ParticipationCause.GROUP_DISSOLVED), p.version());
        }
    }

    /**
     * Adds the removal of the enrolments a registration wrote to the transaction that undoes it (a group import
     * taking back what it wrote): one per cycle that was open when the group was created, as {@link #enrol} wrote
     * them. The keys come from the cycles, not from the group's participations index, which may not show them yet;
     * the transaction's condition on the group itself (version 1) says nothing changed since.
     */
    void forget(TransactWriteItemsEnhancedRequest.Builder tx, Group group) {
        for (Cycle cycle : openCycles(group.createdAt())) {
            tx.addDeleteItem(review, TransactDeleteItemEnhancedRequest.builder()
                    .key(ParticipantMapper.key(cycle.year(), group.groupId())).build());
        }
    }

    private void put(TransactWriteItemsEnhancedRequest.Builder tx, Participant participant, Long expected) {
        Participant next = participant.withVersion(expected == null ? 1 : expected + 1);
        tx.addPutItem(review, TransactPutItemEnhancedRequest.builder(StoredItem.class)
                .item(ParticipantMapper.toItem(next))
                .conditionExpression(expected == null ? Transactions.NOT_EXISTS : Transactions.versionIs(expected))
                .build());
    }
}
