package org.groupeval.domain.access;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.evidence.Evidence;
import org.groupeval.domain.evidence.EvidenceDeclaration;
import org.groupeval.domain.evidence.EvidenceRules;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.School;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.groupeval.domain.access.GroupAccessTest.lookup;
import static org.groupeval.domain.access.GroupAccessTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who files, reads and withdraws a group's evidence, and what a refused caller learns. */
class EvidenceAccessTest {

    private static final Group GROUP = new Group("g-1", "集团", "TRUSTEESHIP", "610902", new School("S001", "核心校"),
            List.of(new School("S002", "成员校")), null, Instant.EPOCH, Instant.EPOCH, 1);

    @Test
    void onlyTheCoreSchoolFilesAndOnlyAssignedExpertsRead() {
        Caller core = new Caller("u1", Role.SCHOOL, "s001", null);
        Caller member = new Caller("u2", Role.SCHOOL, "S002", null);
        Caller expert = new Caller("e1", Role.EXPERT, "S777", null);
        assertTrue(EvidenceAccess.canFile(core, GROUP));
        assertFalse(EvidenceAccess.canFile(member, GROUP));
        assertFalse(EvidenceAccess.canRead(member, GROUP, false));
        assertTrue(EvidenceAccess.canRead(new Caller("d", Role.DISTRICT, null, "610902"), GROUP, false));
        assertFalse(EvidenceAccess.canRead(new Caller("d", Role.DISTRICT, null, "610903"), GROUP, false));
        assertFalse(EvidenceAccess.canRead(expert, GROUP, false));
        assertTrue(EvidenceAccess.canRead(expert, GROUP, true));
        assertTrue(EvidenceAccess.seesWithdrawn(new Caller("c", Role.CITY, null, null)));
        assertFalse(EvidenceAccess.seesWithdrawn(core));
    }

    @Test
    void onlyASchoolIsLookedUpForFilingAndOnlyItsOwnGroupIsFound() {
        List<String> asked = new ArrayList<>();
        assertSame(GroupAccessTest.GROUP, EvidenceAccess.fileable(GroupAccessTest.CORE, "g-1", lookup(asked)));
        asked.clear();
        for (Caller caller : List.of(GroupAccessTest.CITY, GroupAccessTest.DISTRICT, GroupAccessTest.EXPERT)) {
            assertEquals("Only the group's core school files and withdraws its evidence.",
                    refused(403, () -> EvidenceAccess.fileable(caller, "g-1", lookup(asked))).detail());
        }
        assertEquals(List.of(), asked);
        // another school: the same 403 whether or not the group exists
        assertEquals("You may not see or file evidence of group g-1.",
                refused(403, () -> EvidenceAccess.fileable(GroupAccessTest.MEMBER, "g-1", lookup(asked))).detail());
        assertEquals("You may not see or file evidence of group g-2.",
                refused(403, () -> EvidenceAccess.fileable(GroupAccessTest.CORE, "g-2", lookup(asked))).detail());
    }

    @Test
    void anExpertIsAskedForASeatAndNobodyElse() {
        AtomicInteger seatChecks = new AtomicInteger();
        List<String> asked = new ArrayList<>();
        for (Caller caller : List.of(GroupAccessTest.CORE, GroupAccessTest.DISTRICT, GroupAccessTest.CITY)) {
            assertSame(GroupAccessTest.GROUP, EvidenceAccess.readable(caller, "g-1", lookup(asked), () -> {
                seatChecks.incrementAndGet();
                return false;
            }));
        }
        assertEquals(0, seatChecks.get());
        assertSame(GroupAccessTest.GROUP, EvidenceAccess.readable(GroupAccessTest.EXPERT, "g-1", lookup(asked),
                () -> true));
        refused(403, () -> EvidenceAccess.readable(GroupAccessTest.EXPERT, "g-1", lookup(asked), () -> false));
        refused(403, () -> EvidenceAccess.readable(GroupAccessTest.OTHER_DISTRICT, "g-1", lookup(asked), () -> true));
        refused(404, () -> EvidenceAccess.readable(GroupAccessTest.CITY, "g-2", lookup(asked), () -> true));
        refused(403, () -> EvidenceAccess.readable(GroupAccessTest.EXPERT, "g-2", lookup(asked), () -> true));
    }

    @Test
    void aWithdrawnFileIsMissingButToTheCity() {
        Evidence filed = EvidenceRules.declare("ev-1", GROUP, 2026, new EvidenceDeclaration("A01", "t", "m", "f.pdf",
                "application/pdf", 10L, "0".repeat(64)), GroupAccessTest.CORE, Instant.EPOCH);
        Evidence withdrawn = filed.withdrawn("u1", Instant.EPOCH);
        assertSame(filed, EvidenceAccess.visible(GroupAccessTest.DISTRICT, "ev-1", Optional.of(filed)));
        assertSame(withdrawn, EvidenceAccess.visible(GroupAccessTest.CITY, "ev-1", Optional.of(withdrawn)));
        DomainException missing = refused(404, () -> EvidenceAccess.visible(GroupAccessTest.CORE, "ev-1",
                Optional.of(withdrawn)));
        assertEquals("No evidence ev-1 in this group and cycle.", missing.detail());
        refused(404, () -> EvidenceAccess.visible(GroupAccessTest.CITY, "ev-1", Optional.empty()));
        EvidenceAccess.checkList(GroupAccessTest.CITY, true);
        EvidenceAccess.checkList(GroupAccessTest.CORE, false);
        refused(403, () -> EvidenceAccess.checkList(GroupAccessTest.CORE, true));
    }
}
