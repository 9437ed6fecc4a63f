package org.groupeval.store;

import org.groupeval.domain.group.Group;

import java.util.Collection;
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

    /** Replaces a group if it is still at {@code expectedVersion} (else 412), moving school claims as needed. */
    Group update(Group updated, long expectedVersion);

    /** Groups of a district (or all, for {@code district == null}), optionally of one type, in registration order. */
    Page<Group> list(String district, String type, int limit, String cursor);

    /** The id of the group a school belongs to, if any. */
    Optional<String> groupOfSchool(String schoolCode);
}
