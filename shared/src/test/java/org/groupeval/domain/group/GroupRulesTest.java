package org.groupeval.domain.group;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.FieldError;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupRulesTest {

    static GroupRequest request(String name, String type, String district, School core, School... members) {
        return new GroupRequest(name, type, district, core, List.of(members), null);
    }

    static Set<String> pointers(Runnable r) {
        DomainException e = assertThrows(DomainException.class, r::run);
        assertEquals(400, e.status());
        return e.errors().stream().map(FieldError::pointer).collect(Collectors.toSet());
    }

    @Test
    void aValidRequestIsNormalised() {
        GroupRequest valid = GroupRules.validate(request("  集团 ", "INTEGRATED", "610902",
                new School("s001", " 核心校 "), new School("s002", "成员校")));
        assertEquals("集团", valid.name());
        assertEquals("S001", valid.coreSchool().code());
        assertEquals("核心校", valid.coreSchool().name());
        assertEquals("S002", valid.memberSchools().get(0).code());
    }

    @Test
    void namesAreNonEmptyAndAtMost100Characters() {
        assertEquals(Set.of("/name"), pointers(() -> GroupRules.validate(request("", "INTEGRATED", "610902",
                new School("S1", "c"), new School("S2", "m")))));
        assertEquals(Set.of("/name"), pointers(() -> GroupRules.validate(request("x".repeat(101), "INTEGRATED",
                "610902", new School("S1", "c"), new School("S2", "m")))));
        GroupRules.validate(request("x".repeat(100), "INTEGRATED", "610902", new School("S1", "c"),
                new School("S2", "m")));
    }

    @Test
    void theTypeMustBeKnownAndTheListIsExtensible() {
        assertEquals(Set.of("/type"), pointers(() -> GroupRules.validate(request("n", "FRIENDS", "610902",
                new School("S1", "c"), new School("S2", "m")))));
        for (String type : List.of("INTEGRATED", "TRUSTEESHIP", "COLLABORATIVE", "CLOSE", "ALLIANCE", "PROJECT",
                "PARTNERSHIP")) {
            GroupRules.validate(request("n", type, "610902", new School("S1", "c"), new School("S2", "m")));
        }
    }

    @Test
    void theDistrictIsASixDigitCode() {
        for (String bad : List.of("61090", "6109021", "61090a", "")) {
            assertEquals(Set.of("/district"), pointers(() -> GroupRules.validate(request("n", "INTEGRATED", bad,
                    new School("S1", "c"), new School("S2", "m")))));
        }
    }

    @Test
    void schoolCodesAreOneToTwentyLettersOrDigits() {
        assertEquals(Set.of("/coreSchool/code", "/memberSchools/0/code"), pointers(() -> GroupRules.validate(
                request("n", "INTEGRATED", "610902", new School("S-1", "c"), new School("X".repeat(21), "m")))));
        GroupRules.validate(request("n", "INTEGRATED", "610902", new School("4161000123", "c"),
                new School("X".repeat(20), "m")));
    }

    @Test
    void duplicatesAndTheCoreAsMemberAreRefusedCaseInsensitively() {
        assertEquals(Set.of("/memberSchools/0/code", "/memberSchools/2/code"), pointers(() -> GroupRules.validate(
                request("n", "INTEGRATED", "610902", new School("S1", "c"), new School("s1", "m"),
                        new School("S2", "m"), new School("s2", "m")))));
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        Set<String> all = pointers(() -> GroupRules.validate(new GroupRequest(null, null, null, null, List.of(),
                new Contact("x".repeat(101), "abc", "not-an-email"))));
        assertEquals(Set.of("/name", "/type", "/district", "/coreSchool", "/memberSchools", "/contact/name",
                "/contact/phone", "/contact/email"), all);
    }

    @Test
    void districtAndCoreSchoolCannotChangeOnUpdate() {
        Group current = GroupRules.create("g-1", GroupRules.validate(request("n", "INTEGRATED", "610902",
                new School("S1", "c"), new School("S2", "m"))), Instant.EPOCH);
        GroupRequest moved = GroupRules.validate(request("n", "INTEGRATED", "610921", new School("S9", "c"),
                new School("S2", "m")));
        DomainException e = assertThrows(DomainException.class,
                () -> GroupRules.update(current, moved, Instant.EPOCH));
        assertEquals(2, e.errors().size());
    }

    @Test
    void whoMaySeeAndChangeAGroup() {
        Group g = GroupRules.create("g-1", GroupRules.validate(request("n", "INTEGRATED", "610902",
                new School("S1", "c"), new School("S2", "m"))), Instant.EPOCH);
        Caller core = new Caller("u", Role.SCHOOL, "s1", null);
        Caller member = new Caller("u", Role.SCHOOL, "S2", null);
        Caller district = new Caller("u", Role.DISTRICT, null, "610902");
        Caller otherDistrict = new Caller("u", Role.DISTRICT, null, "610921");
        Caller city = new Caller("u", Role.CITY, null, null);
        assertTrue(GroupRules.canRead(core, g));
        assertFalse(GroupRules.canRead(member, g), "members do not manage the group; the core school does");
        assertTrue(GroupRules.canRead(district, g));
        assertFalse(GroupRules.canRead(otherDistrict, g));
        assertTrue(GroupRules.canRead(city, g));
        assertTrue(GroupRules.canUpdate(core, g));
        assertFalse(GroupRules.canUpdate(district, g));
        assertTrue(GroupRules.canUpdate(city, g));
        assertEquals("610902", GroupRules.checkList(district, null));
        assertThrows(DomainException.class, () -> GroupRules.checkList(district, "610921"));
        assertEquals(null, GroupRules.checkList(city, null));
        assertThrows(DomainException.class, () -> GroupRules.checkList(core, null));
    }

    /** A text that counts how often its characters are read: how much work a pattern does on it. */
    private static final class CountedText implements CharSequence {
        private final String text;
        private long reads;

        CountedText(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            reads++;
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @Test
    void theEmailCheckReadsEachCharacterABoundedNumberOfTimes() {
        // "a@a.a.a. … @": every '.' could end the domain, so a backtracking pattern tries each of them in turn
        for (String hostile : List.of("a@" + "a.".repeat(126) + "@", "a@" + "a.".repeat(126), "@".repeat(254),
                "a@" + ".".repeat(252), "a".repeat(253) + "@")) {
            CountedText text = new CountedText(hostile);
            assertFalse(GroupRules.isEmail(text), hostile);
            assertTrue(text.reads <= 4L * hostile.length(), hostile.length() + " characters, " + text.reads
                    + " reads");
        }
        assertTrue(GroupRules.isEmail("office@example.org"));
        assertTrue(GroupRules.isEmail("wang.laoshi+group@mail.ankang.edu.cn"));
        assertFalse(GroupRules.isEmail("office@example"));
        assertFalse(GroupRules.isEmail("office@example..org"));
        assertFalse(GroupRules.isEmail("office@@example.org"));
        assertFalse(GroupRules.isEmail("of fice@example.org"));
    }

    @Test
    void anAddressLongerThanAnyThereIsIsRefusedByItsLengthBeforeAnyPatternSeesIt() {
        CountedText longest = new CountedText("a".repeat(242) + "@example.org");
        assertEquals(254, longest.length());
        assertTrue(GroupRules.isEmail(longest));
        CountedText hostile = new CountedText("a@" + "a.".repeat(30_000) + "@");
        assertFalse(GroupRules.isEmail(hostile));
        assertEquals(0, hostile.reads);
        DomainException e = assertThrows(DomainException.class, () -> GroupRules.validate(new GroupRequest("n",
                "INTEGRATED", "610902", new School("S1", "c"), List.of(new School("S2", "m")),
                new Contact(null, null, hostile.toString()))));
        assertEquals("/contact/email", e.errors().get(0).pointer());
        assertTrue(e.errors().get(0).message().contains("at most 254 characters"), e.errors().get(0).message());
    }
}
