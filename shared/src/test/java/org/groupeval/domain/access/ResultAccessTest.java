package org.groupeval.domain.access;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

import static org.groupeval.domain.access.GroupAccessTest.CITY;
import static org.groupeval.domain.access.GroupAccessTest.CORE;
import static org.groupeval.domain.access.GroupAccessTest.DISTRICT;
import static org.groupeval.domain.access.GroupAccessTest.EXPERT;
import static org.groupeval.domain.access.GroupAccessTest.MEMBER;
import static org.groupeval.domain.access.GroupAccessTest.OTHER_DISTRICT;
import static org.groupeval.domain.access.GroupAccessTest.lookup;
import static org.groupeval.domain.access.GroupAccessTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs are the city's; results: the city every revision, a district its own, a school its published one. */
class ResultAccessTest {

    @Test
    void onlyTheCityRunsReadsAndPublishesRankings() {
        List<Consumer<Caller>> checks = List.of(ResultAccess::checkRun, ResultAccess::checkReadRuns,
                ResultAccess::checkPublish, ResultAccess::checkRevision);
        for (Consumer<Caller> check : checks) {
            check.accept(CITY);
            for (Caller caller : List.of(CORE, DISTRICT, EXPERT)) {
                refused(403, () -> check.accept(caller));
            }
        }
    }

    @Test
    void aDistrictListsItsOwnResultsAndASchoolNone() {
        assertNull(ResultAccess.checkList(CITY, null));
        assertEquals("610921", ResultAccess.checkList(CITY, "610921"));
        assertEquals("610902", ResultAccess.checkList(DISTRICT, null));
        assertEquals("610902", ResultAccess.checkList(DISTRICT, "610902"));
        refused(403, () -> ResultAccess.checkList(DISTRICT, "610921"));
        refused(403, () -> ResultAccess.checkList(CORE, null));
        refused(403, () -> ResultAccess.checkList(EXPERT, null));
    }

    @Test
    void aSchoolSeesThePublishedRevisionOnly() {
        assertTrue(ResultAccess.publishedOnly(CORE));
        assertFalse(ResultAccess.publishedOnly(CITY));
        assertFalse(ResultAccess.publishedOnly(DISTRICT));
        assertEquals(OptionalInt.of(1), ResultAccess.shownRevision(CORE, OptionalInt.of(1), () -> {
            throw new AssertionError("a school's history never asks for the latest revision");
        }));
        assertEquals(OptionalInt.empty(), ResultAccess.shownRevision(CORE, OptionalInt.empty(), OptionalInt::empty));
        assertEquals(OptionalInt.of(2), ResultAccess.shownRevision(CITY, OptionalInt.of(1), () -> OptionalInt.of(2)));
        assertEquals(OptionalInt.of(1), ResultAccess.shownRevision(DISTRICT, OptionalInt.of(1), OptionalInt::empty));
        assertEquals(404, ResultAccess.notPublished(2026).status());
    }

    @Test
    void aGroupsResultsAreItsCoreSchoolsItsDistrictsAndTheCitys() {
        List<String> asked = new ArrayList<>();
        for (Caller caller : List.of(CORE, DISTRICT, CITY)) {
            assertEquals("g-1", ResultAccess.readable(caller, "g-1", lookup(asked)).groupId());
        }
        for (Caller caller : List.of(MEMBER, OTHER_DISTRICT, EXPERT)) {
            assertEquals("You may not see the results of group g-1.",
                    refused(403, () -> ResultAccess.readable(caller, "g-1", lookup(asked))).detail());
            assertEquals("You may not see the results of group g-2.",
                    refused(403, () -> ResultAccess.readable(caller, "g-2", lookup(asked))).detail());
        }
        refused(404, () -> ResultAccess.readable(CITY, "g-2", lookup(asked)));
    }
}
