package org.groupeval.store;

import org.groupeval.domain.group.Group;

import org.groupeval.domain.review.Participant;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where groups and the school → group claims live. */
public interface GroupStore {

    /** The result of a creation: the group, and whether it was replayed from an earlier request with the same key. */
    record Created(Group group, boolean replayed) {
    }

    /**
     * Stores a new group and claims each of its schools, atomically: if any school already belongs to a group,
     * nothing is written and a 409 names the holder.
     */
    Created create(Group group, IdempotencyKey idempotencyKey);

    Optional<Group> find(String groupId);

    /** The groups of these ids that exist, by id, read in batches rather than one request per group. */
    Map<String, Group> findAll(Collection<String> groupIds);

    /**
     * Replaces {@code current}, as the caller read it, with {@code updated} if the group is still at
     * {@code expectedVersion} (else 412), moving school claims as needed (409 when another group holds one).
     */
    Group update(Group current, Group updated, long expectedVersion);

    /** A merge's outcome: the merged group (ended) and the surviving group, each as stored. */
    record Merged(Group merged, Group survivor) {
    }

    /** The surviving group of a merge changed between its read and the merge: read it again and retry. */
    final class SurvivorChanged extends RuntimeException {
        public SurvivorChanged() {
            super("the surviving group changed", null, false, false);
        }
    }

    /**
     * Stores the group {@code dissolved} (as {@link org.groupeval.domain.group.GroupLifecycle#dissolve} made it) if it
     * is still at {@code expectedVersion} (else 412), releasing every school claim and withdrawing it from the cycles
     * whose self-assessment is open, in one transaction.
     */
    Group dissolve(Group dissolved, long expectedVersion);

    /**
     * Stores a merge: {@code merged} (ended, still at {@code expectedVersion}, else 412) and {@code survivor} with the
     * merged schools (still at its own version as read, else {@link SurvivorChanged}), the claims passed to the
     * survivor, the merged group withdrawn from and the survivor's snapshots refreshed in the open cycles, in one
     * transaction.
     */
    Merged merge(Group merged, long expectedVersion, Group survivor);

    /** The groups that list the school, active first, then the newest first. */
    List<Group> groupsOfSchool(String schoolCode);

    /** A group's participations in cycles, oldest first (ReviewTable). */
    List<Participant> participations(String groupId);

    /** Groups of a district (or all, for {@code district == null}), optionally of one type, in registration order. */
    Page<Group> list(String district, String type, int limit, String cursor);

    /** The id of the group a school belongs to, if any. */
    Optional<String> groupOfSchool(String schoolCode);

    /** Of these schools, those that belong to a group: school code → group id, read in batches. */
    Map<String, String> holders(Collection<String> schoolCodes);

    /**
     * Takes back a group this request has just created with {@link #create} (an import that could not write all its
     * rows undoes the rows it wrote): removes everything {@code create} wrote for it, on condition that the group is
     * still as created (version 1). Whatever {@code create} writes for a new group, this removes.
     */
    void remove(Group group);

    /**
     * The first result kept under an idempotency key by {@link #remember}, if the key was used (422 when it was used
     * for a different request).
     */
    <T> Optional<T> replay(IdempotencyKey key, Class<T> type);

    /** Keeps a result of many creations under an idempotency key, once all of them are written. */
    void remember(IdempotencyKey key, String resourceId, Object result, java.time.Instant now);
}
