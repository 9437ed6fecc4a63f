package org.groupeval.domain.review;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.GroupAccess;
import org.groupeval.domain.access.Role;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.School;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The review's access policy (docs/review.md, Who reads what), one rule at a time. */
class ReviewAccessTest {

    private static final Group GROUP = new Group("g-01kexamp1e0000000000000001", "集团", "TRUSTEESHIP", "610902",
            new School("S001", "核心校"), List.of(new School("S002", "成员校")), null, Instant.EPOCH, Instant.EPOCH, 1);
    private static final Panel PANEL = new Panel(GROUP.groupId(), 2026, "610902",
            List.of(new Panel.Expert("E01", "专家", null)), Instant.EPOCH, "CITY:c", 1);

    private static final Caller CITY = new Caller("c", Role.CITY, null, null);
    private static final Caller CORE = new Caller("s", Role.SCHOOL, "s001", null);
    private static final Caller MEMBER = new Caller("m", Role.SCHOOL, "S002", null);
    private static final Caller DISTRICT = new Caller("d", Role.DISTRICT, null, "610902");
    private static final Caller OTHER_DISTRICT = new Caller("o", Role.DISTRICT, null, "610903");
    private static final Caller SEATED = new Caller("E01", Role.EXPERT, null, null);
    private static final Caller UNSEATED = new Caller("E02", Role.EXPERT, null, null);

    private static int refused(Executable check) {
        return assertThrows(DomainException.class, check).status();
    }

    @Test
    void eachStageIsWrittenByItsOwnReviewerOnly() {
        assertDoesNotThrow(() -> ReviewAccess.checkWriteSheet(CORE, GROUP, Stage.SELF));
        assertDoesNotThrow(() -> ReviewAccess.checkWriteSheet(DISTRICT, GROUP, Stage.DISTRICT));
        assertDoesNotThrow(() -> ReviewAccess.checkWriteSheet(CITY, GROUP, Stage.CITY));
        assertEquals(403, refused(() -> ReviewAccess.checkWriteSheet(MEMBER, GROUP, Stage.SELF)));
        assertEquals(403, refused(() -> ReviewAccess.checkWriteSheet(CITY, GROUP, Stage.SELF)));
        assertEquals(403, refused(() -> ReviewAccess.checkWriteSheet(OTHER_DISTRICT, GROUP, Stage.DISTRICT)));
        assertEquals(403, refused(() -> ReviewAccess.checkWriteSheet(SEATED, GROUP, Stage.CITY)));
    }

    @Test
    void theSchoolReadsItsLaterStagesOnceTheYearIsPublishedAndExpertsTheCitySheetWhenPeersAreVisible() {
        assertDoesNotThrow(() -> ReviewAccess.checkReadSheet(CORE, GROUP, Stage.SELF, 2026, false, false));
        assertEquals(403, refused(() -> ReviewAccess.checkReadSheet(CORE, GROUP, Stage.DISTRICT, 2026, false,
                false)));
        assertDoesNotThrow(() -> ReviewAccess.checkReadSheet(CORE, GROUP, Stage.CITY, 2026, true, false));
        assertDoesNotThrow(() -> ReviewAccess.checkReadSheet(SEATED, GROUP, Stage.DISTRICT, 2026, false, false));
        assertEquals(403, refused(() -> ReviewAccess.checkReadSheet(SEATED, GROUP, Stage.CITY, 2026, false,
                false)));
        assertDoesNotThrow(() -> ReviewAccess.checkReadSheet(SEATED, GROUP, Stage.CITY, 2026, false, true));
        assertEquals(403, refused(() -> ReviewAccess.checkReadSheet(OTHER_DISTRICT, GROUP, Stage.SELF, 2026, true,
                true)));
    }

    @Test
    void anExpertKnowsAGroupOnlyThroughASeatOnItsPanel() {
        assertDoesNotThrow(() -> ReviewAccess.checkSeesReview(SEATED, GROUP, PANEL));
        assertEquals(403, refused(() -> ReviewAccess.checkSeesReview(UNSEATED, GROUP, PANEL)));
        assertEquals(403, refused(() -> ReviewAccess.checkSeated(UNSEATED, PANEL, GROUP.groupId())));
        assertDoesNotThrow(() -> ReviewAccess.checkSeated(CITY, PANEL, GROUP.groupId()));
        assertEquals(403, refused(() -> ReviewAccess.checkWriteExpertSheet(SEATED, "E02")));
        assertEquals(403, refused(() -> ReviewAccess.checkWriteExpertSheet(CITY, "E01")));
        assertEquals(403, refused(() -> ReviewAccess.checkReadPeerSheet(SEATED, "E03",
                PeerVisibility.AFTER_PANEL_COMPLETE, false, GROUP.groupId())));
        assertDoesNotThrow(() -> ReviewAccess.checkReadPeerSheet(SEATED, "E01", PeerVisibility.NEVER, false,
                GROUP.groupId()));
        assertDoesNotThrow(() -> ReviewAccess.checkReadPeerSheet(SEATED, "E03", PeerVisibility.ALWAYS, false,
                GROUP.groupId()));
    }

    @Test
    void onlyTheCityIsToldThatAGroupDoesNotExist() {
        assertEquals(404, missing(CITY).status());
        assertEquals(403, missing(DISTRICT).status());
        assertEquals(ReviewAccess.hidden(GROUP.groupId()).detail(), missing(SEATED).detail());
    }

    @Test
    void aDistrictReviewerSeesTheProgressOfItsOwnDistrictOnly() {
        assertEquals("610902", ReviewAccess.progressDistrict(DISTRICT, Optional.empty()));
        assertEquals("610903", ReviewAccess.progressDistrict(CITY, Optional.of("610903")));
        assertEquals(null, ReviewAccess.progressDistrict(CITY, Optional.empty()));
        assertEquals(403, refused(() -> ReviewAccess.progressDistrict(DISTRICT, Optional.of("610903"))));
        assertEquals(403, refused(() -> ReviewAccess.progressDistrict(CORE, Optional.empty())));
        assertEquals(400, refused(() -> ReviewAccess.progressDistrict(CITY, Optional.of("61090"))));
        assertEquals(403, refused(() -> ReviewAccess.checkReadAudit(OTHER_DISTRICT, GROUP)));
        assertDoesNotThrow(() -> ReviewAccess.checkReadAudit(DISTRICT, GROUP));
        assertEquals(403, refused(() -> ReviewAccess.checkExpertOrCity(SEATED, "E02", "assignments")));
        assertDoesNotThrow(() -> ReviewAccess.checkExpertOrCity(SEATED, "E01", "conflicts"));
    }

    @Test
    void anExpertDeclaresTheirOwnConflictsOnly() {
        assertDoesNotThrow(() -> ReviewAccess.checkDeclareConflict(SEATED, "E01"));
        assertDoesNotThrow(() -> ReviewAccess.checkDeclareConflict(CITY, "E01"));
        assertEquals(403, refused(() -> ReviewAccess.checkDeclareConflict(SEATED, "E02")));
        assertEquals(403, refused(() -> ReviewAccess.checkDeclareConflict(DISTRICT, "E01")));
        assertEquals(403, refused(() -> ReviewAccess.checkDeclareConflict(CORE, "E01")));
    }

    private static DomainException missing(Caller caller) {
        return assertThrows(DomainException.class, () -> GroupAccess.found(caller, GROUP.groupId(),
                id -> Optional.empty(), ReviewAccess::hidden));
    }
}
