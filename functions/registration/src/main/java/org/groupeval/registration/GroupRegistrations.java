package org.groupeval.registration;

import jakarta.inject.Singleton;
import org.groupeval.domain.Identifiers;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.GroupRequest;
import org.groupeval.domain.group.GroupRules;
import org.groupeval.store.GroupStore;
import org.groupeval.store.IdempotencyKey;
import org.groupeval.store.Ids;

import java.time.Clock;

/**
 * How a group is registered: {@code POST /groups} and every row of an import go this one way, so what a
 * registration does, an imported group gets too.
 */
@Singleton
class GroupRegistrations {

    private final GroupStore groups;
    private final Clock clock;

    GroupRegistrations(GroupStore groups, Clock clock) {
        this.groups = groups;
        this.clock = clock;
    }

    /** Registers a valid request (the group and the claims of its schools, atomically; 409 if a school is taken). */
    GroupStore.Created register(GroupRequest valid, IdempotencyKey key) {
        Group group = GroupRules.create(Ids.newId(Identifiers.GROUP), valid, clock.instant());
        return groups.create(group, key);
    }

    /** Takes back a group {@link #register} has just created in this request. */
    void undo(Group group) {
        groups.remove(group);
    }
}
