package org.groupeval.domain.access;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.GroupRequest;
import org.groupeval.domain.group.GroupRules;
import org.groupeval.domain.group.School;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may register, read, change and list groups, and what a refused caller learns. */
class GroupAccessTest {

    static final Group GROUP = GroupRules.create("g-1", GroupRules.validate(new GroupRequest("n", "INTEGRATED",
            "610902", new School("S1", "c"), List.of(new School("S2", "m")), null)), Instant.EPOCH);
    static final Caller CORE = new Caller("u", Role.SCHOOL, "s1", null);
    static final Caller MEMBER = new Caller("u", Role.SCHOOL, "S2", null);
    static final Caller DISTRICT = new Caller("u", Role.DISTRICT, null, "610902");
    static final Caller OTHER_DISTRICT = new Caller("u", Role.DISTRICT, null, "610921");
    static final Caller CITY = new Caller("u", Role.CITY, null, null);
    static final Caller EXPERT = new Caller("e", Role.EXPERT, null, null);

    /** A lookup that finds {@link #GROUP} only, and records what it was asked. */
    static Function<String, Optional<Group>> lookup(List<String> asked) {
        return id -> {
            asked.add(id);
            return id.equals(GROUP.groupId()) ? Optional.of(GROUP) : Optional.empty();
        };
    }

    static DomainException refused(int status, Runnable action) {
        DomainException e = assertThrows(DomainException.class, action::run);
        assertEquals(status, e.status(), e.detail());
        return e;
    }

    @Test
    void whoMaySeeAndChangeAGroup() {
        Group g = GROUP;
        Caller core = CORE;
        Caller member = MEMBER;
        Caller district = DISTRICT;
        Caller otherDistrict = OTHER_DISTRICT;
        Caller city = CITY;
        assertTrue(GroupAccess.canRead(core, g));
        assertFalse(GroupAccess.canRead(member, g), "members do not manage the group; the core school does");
        assertTrue(GroupAccess.canRead(district, g));
        assertFalse(GroupAccess.canRead(otherDistrict, g));
        assertTrue(GroupAccess.canRead(city, g));
        assertTrue(GroupAccess.canUpdate(core, g));
        assertFalse(GroupAccess.canUpdate(district, g));
        assertTrue(GroupAccess.canUpdate(city, g));
        assertEquals("610902", GroupAccess.checkList(district, null));
        assertThrows(DomainException.class, () -> GroupAccess.checkList(district, "610921"));
        assertEquals(null, GroupAccess.checkList(city, null));
        assertThrows(DomainException.class, () -> GroupAccess.checkList(core, null));
    }

    @Test
    void onlyTheCityLearnsThatAGroupDoesNotExist() {
        List<String> asked = new ArrayList<>();
        assertSame(GROUP, GroupAccess.readable(CITY, "g-1", lookup(asked)));
        assertEquals("No group g-2.", refused(404, () -> GroupAccess.readable(CITY, "g-2", lookup(asked))).detail());
        for (Caller caller : List.of(CORE, MEMBER, DISTRICT, OTHER_DISTRICT, EXPERT)) {
            // missing, or there but not theirs: the same 403, in the same words
            String missing = refused(403, () -> GroupAccess.readable(caller, "g-2", lookup(asked))).detail();
            assertEquals("You may not see or change group g-2.", missing);
        }
        for (Caller caller : List.of(MEMBER, OTHER_DISTRICT, EXPERT)) {
            assertEquals("You may not see or change group g-1.",
                    refused(403, () -> GroupAccess.readable(caller, "g-1", lookup(asked))).detail());
        }
        assertEquals(400, GroupAccess.malformedId(CITY, "x").status());
        assertEquals("/path/groupId", GroupAccess.malformedId(CITY, "x").errors().get(0).pointer());
        assertEquals(403, GroupAccess.malformedId(DISTRICT, "x").status());
    }

    @Test
    void whoChangesAGroupIsCheckedBeforeTheGroupIsLookedUp() {
        List<String> asked = new ArrayList<>();
        assertSame(GROUP, GroupAccess.updatable(CORE, "g-1", lookup(asked)));
        assertSame(GROUP, GroupAccess.updatable(CITY, "g-1", lookup(asked)));
        asked.clear();
        for (Caller caller : List.of(DISTRICT, EXPERT)) {
            assertEquals("Only the group's core school or the city change a group.",
                    refused(403, () -> GroupAccess.updatable(caller, "g-1", lookup(asked))).detail());
        }
        assertEquals(List.of(), asked, "a caller who may not change groups at all causes no lookup");
        refused(403, () -> GroupAccess.updatable(MEMBER, "g-1", lookup(asked)));
        refused(404, () -> GroupAccess.updatable(CITY, "g-2", lookup(asked)));
    }

    @Test
    void aSchoolRegistersOnlyAsTheCoreSchool() {
        GroupAccess.checkCreate(CITY);
        GroupAccess.checkCreate(CORE);
        refused(403, () -> GroupAccess.checkCreate(DISTRICT));
        refused(403, () -> GroupAccess.checkCreate(EXPERT));
        GroupRequest naming = new GroupRequest("n", "INTEGRATED", "610902", new School(" s1 ", "c"), List.of(), null);
        GroupAccess.checkCreate(CORE, naming);
        GroupAccess.checkCreate(CITY, naming);
        assertTrue(refused(403, () -> GroupAccess.checkCreate(MEMBER, naming)).detail()
                .contains("your school is S2, the request names \"S1\""));
        // a request naming no core school is the validation's to refuse
        GroupAccess.checkCreate(MEMBER, new GroupRequest("n", "INTEGRATED", "610902", null, List.of(), null));
        refused(403, () -> GroupAccess.checkCreate(DISTRICT, naming));
    }
}
