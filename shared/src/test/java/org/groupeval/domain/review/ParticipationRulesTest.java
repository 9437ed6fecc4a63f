package org.groupeval.domain.review;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.GroupLifecycle;
import org.groupeval.domain.group.LifecycleRequest;
import org.groupeval.domain.group.School;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who takes part in a cycle, and until when the city may change it (docs/review.md, Participation). */
class ParticipationRulesTest {

    private static final Instant DEADLINE = Instant.parse("2027-08-31T15:59:59Z");

    private static Cycle cycle() {
        return new Cycle(2027, "ankang-2022", "1", new Cycle.Deadlines("2027-08-31T23:59:59+08:00",
                "2027-09-30T23:59:59+08:00", "2027-10-31T23:59:59+08:00"), null, null, null, false, null, null,
                null, 1);
    }

    private static Group group() {
        return new Group("g-01kexamp1e0000000000000000", "集团", "TRUSTEESHIP", "610902", new School("S1", "核心校"),
                List.of(new School("S2", "成员校")), null, Instant.EPOCH, Instant.EPOCH, 1);
    }

    @Test
    void theSelfAssessmentDeadlineItselfStillEnrols() {
        assertTrue(ParticipationRules.selfOpen(cycle(), DEADLINE));
        assertFalse(ParticipationRules.selfOpen(cycle(), DEADLINE.plusMillis(1)));
        assertEquals(List.of(), ParticipationRules.openForEnrolment(List.of(cycle()), DEADLINE.plusMillis(1)));
    }

    @Test
    void aChangeNamesEveryInvalidFieldAtOnce() {
        DomainException e = assertThrows(DomainException.class,
                () -> ParticipationRules.validate(new ParticipantRequest("PAUSED", " ")));
        assertEquals(List.of("/status", "/reason"), e.errors().stream().map(f -> f.pointer()).toList());
    }

    @Test
    void theCityChangesParticipationUntilTheDeadlineAndNeverEnrolsAnEndedGroup() {
        ParticipantRequest withdraw = ParticipationRules.validate(new ParticipantRequest("WITHDRAWN", " 改制 "));
        Participant p = ParticipationRules.change(cycle(), group(), null, withdraw, DEADLINE, "CITY:c");
        assertEquals(ParticipantStatus.WITHDRAWN, p.status());
        assertEquals("改制", p.reason());
        DomainException late = assertThrows(DomainException.class, () -> ParticipationRules.change(cycle(), group(),
                p, withdraw, DEADLINE.plusMillis(1), "CITY:c"));
        assertEquals("deadline-passed", late.type());
        Group dissolved = GroupLifecycle.dissolve(group(), new LifecycleRequest("2027-05-01", "撤销", null),
                DEADLINE, "CITY:c");
        ParticipantRequest enrol = ParticipationRules.validate(new ParticipantRequest("ENROLLED", "恢复"));
        assertEquals("group-not-active", assertThrows(DomainException.class, () -> ParticipationRules.change(cycle(),
                dissolved, p, enrol, DEADLINE, "CITY:c")).type());
        assertEquals("not-a-participant", assertThrows(DomainException.class,
                () -> ParticipationRules.checkTakesPart(p, p.groupId(), 2027)).type());
    }
}
