package org.groupeval.scoring;

import jakarta.inject.Singleton;
import org.groupeval.domain.DomainException;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.GroupRules;
import org.groupeval.domain.review.Cycle;
import org.groupeval.domain.review.ReviewSheet;
import org.groupeval.domain.review.Stage;
import org.groupeval.store.GroupStore;
import org.groupeval.store.ReviewStore;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The reads every review route starts with, and the refusals they share. A caller who could not see a group anyway
 * gets the same 403 whether or not it exists; only CITY is told 404 (docs/api.md, Not found and forbidden).
 */
@Singleton
class Lookups {

    final GroupStore groups;
    final ReviewStore reviews;

    Lookups(GroupStore groups, ReviewStore reviews) {
        this.groups = groups;
        this.reviews = reviews;
    }

    Group group(Caller caller, String groupId) {
        return groups.find(groupId).orElseThrow(() -> GroupRules.seesEveryGroup(caller)
                ? DomainException.notFound("No group " + groupId + ".") : hidden(groupId));
    }

    /** The groups of these ids that exist, by id, read in batches (for lists such as an expert's seats). */
    Map<String, Group> groups(Collection<String> groupIds) {
        return groups.findAll(groupIds);
    }

    List<Cycle> cycles() {
        return reviews.cycles();
    }

    Cycle cycle(int year) {
        return reviews.cycle(year).orElseThrow(() -> DomainException.notFound("No cycle " + year
                + "; the city creates it with POST /cycles."));
    }

    /**
     * The built-in frameworks, read on first use (a request that scores or changes a cycle's framework), not when
     * the handler is wired: reading a cycle or the progress needs none of it, and a cold start should not parse
     * both frameworks for them. {@code ApiHandler}'s SnapStart priming loads them before the snapshot.
     */
    FrameworkCatalog catalog() {
        return FrameworkCatalog.builtIn();
    }

    Framework framework(Cycle cycle) {
        return catalog().find(cycle.frameworkId(), cycle.frameworkVersion()).orElseThrow(() ->
                new IllegalStateException("cycle " + cycle.year() + " pins an unknown framework "
                        + cycle.frameworkId() + "/" + cycle.frameworkVersion()));
    }

    static DomainException hidden(String groupId) {
        return DomainException.forbidden("You may not see or change the review of group " + groupId + ".");
    }

    /** The district recommended the group (rules.md §7.3): the city stage only scores such groups. */
    static void requireRecommended(ReviewStore.GroupCycle state, String groupId) {
        ReviewSheet district = state.sheets().get(Stage.DISTRICT);
        if (district == null || !district.submitted() || !Boolean.TRUE.equals(district.recommend())) {
            throw DomainException.conflict("group-not-recommended", "The group is not recommended to the city",
                    "Group " + groupId + " has " + (district == null || !district.submitted()
                            ? "no submitted district review yet" : "not been recommended by its district")
                            + "; the city stage scores only groups the district recommended.")
                    .with("districtStatus", district == null ? null : district.status())
                    .with("recommend", district == null ? null : district.recommend());
        }
    }

    /** 428 / 412 for a write to an existing resource (docs/api.md, Updates). */
    static void precondition(Long current, java.util.Optional<Long> ifMatch, String what) {
        if (current == null) {
            if (ifMatch.isPresent()) {
                throw DomainException.preconditionFailed("There is no " + what + " yet, so If-Match "
                        + ifMatch.get() + " matches nothing; send the first draft without If-Match.");
            }
            return;
        }
        long expected = ifMatch.orElseThrow(() -> new DomainException(428, "precondition-required",
                "If-Match required", "The " + what + " exists (version " + current + "); send If-Match with its ETag "
                + "as you last read it.", null));
        if (expected != current) {
            throw DomainException.preconditionFailed("The " + what + " has changed since you read it (now version "
                    + current + "); read it again and reapply your change.").with("currentETag", "\"" + current + "\"");
        }
    }

    static DomainException staleOrCreated(String what) {
        return DomainException.preconditionFailed("The " + what + " was changed by someone else meanwhile; read it "
                + "again and reapply your change.");
    }
}
