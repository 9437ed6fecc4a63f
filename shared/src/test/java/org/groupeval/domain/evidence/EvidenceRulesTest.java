package org.groupeval.domain.evidence;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.access.Caller;
import org.groupeval.domain.access.Role;
import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.School;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Declarations within limits and the framework; who files and reads; how a stored file is judged. */
class EvidenceRulesTest {

    private static final Framework ANKANG = FrameworkCatalog.builtIn().find("ankang-2022", "1").orElseThrow();
    private static final String SHA = "9f2c1e4b7a0d3c6e8f1a2b4c5d7e9f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e";
    private static final Group GROUP = new Group("g-1", "集团", "TRUSTEESHIP", "610902", new School("S001", "核心校"),
            List.of(new School("S002", "成员校")), null, Instant.EPOCH, Instant.EPOCH, 1);

    private static EvidenceDeclaration declaration(String indicator, String type, long size) {
        return new EvidenceDeclaration(indicator, " 章程 ", "A01-01", "章程.pdf", type, size, SHA.toUpperCase());
    }

    @Test
    void aValidDeclarationIsNormalised() {
        EvidenceDeclaration valid = EvidenceRules.validate(declaration("A01", "Application/PDF", 10),
                EvidenceLimits.defaults(), ANKANG);
        assertEquals("章程", valid.title());
        assertEquals("application/pdf", valid.contentType());
        assertEquals(SHA, valid.sha256());
    }

    @Test
    void limitsNameTheirSettings() {
        DomainException e = assertThrows(DomainException.class, () -> EvidenceRules.validate(
                declaration("A01", "application/zip", EvidenceLimits.DEFAULT_MAX_BYTES + 1), EvidenceLimits.defaults(),
                ANKANG));
        assertEquals(400, e.status());
        assertEquals(2, e.errors().size());
        assertTrue(e.errors().get(0).message().contains(EvidenceLimits.ALLOWED_TYPES));
        assertTrue(e.errors().get(1).message().contains(EvidenceLimits.MAX_BYTES));
        assertEquals(2, ((List<?>) e.extensions().get("limits")).size());
    }

    @Test
    void theIndicatorMustBeInTheCyclesFramework() {
        DomainException e = assertThrows(DomainException.class, () -> EvidenceRules.validate(
                declaration("B01", "application/pdf", 10), EvidenceLimits.defaults(), ANKANG));
        assertEquals("/indicatorId", e.errors().get(0).pointer());
        assertTrue(e.errors().get(0).message().contains("A18"));
    }

    @Test
    void onlyTheCoreSchoolFilesAndOnlyAssignedExpertsRead() {
        Caller core = new Caller("u1", Role.SCHOOL, "s001", null);
        Caller member = new Caller("u2", Role.SCHOOL, "S002", null);
        Caller expert = new Caller("e1", Role.EXPERT, "S777", null);
        assertTrue(EvidenceRules.canFile(core, GROUP));
        assertFalse(EvidenceRules.canFile(member, GROUP));
        assertFalse(EvidenceRules.canRead(member, GROUP, false));
        assertTrue(EvidenceRules.canRead(new Caller("d", Role.DISTRICT, null, "610902"), GROUP, false));
        assertFalse(EvidenceRules.canRead(new Caller("d", Role.DISTRICT, null, "610903"), GROUP, false));
        assertFalse(EvidenceRules.canRead(expert, GROUP, false));
        assertTrue(EvidenceRules.canRead(expert, GROUP, true));
        assertTrue(EvidenceRules.seesWithdrawn(new Caller("c", Role.CITY, null, null)));
        assertFalse(EvidenceRules.seesWithdrawn(core));
    }

    @Test
    void aStoredFileIsJudgedOnSizeDigestAndContentTogether() {
        Evidence declared = EvidenceRules.declare("ev-1", GROUP, 2026, EvidenceRules.validate(
                declaration("A01", "application/pdf", 10), EvidenceLimits.defaults(), ANKANG),
                new Caller("u1", Role.SCHOOL, "S001", null), Instant.EPOCH);
        assertEquals(EvidenceStatus.PENDING, declared.status());
        assertEquals("evidence/2026/g-1/ev-1", declared.objectKey());
        EvidenceRules.Verdict ok = EvidenceRules.judge(declared,
                new ContentInspection(10, SHA, Optional.of(FileType.PDF), "a PDF document"));
        assertEquals(new EvidenceRules.Verdict(EvidenceStatus.VERIFIED, null), ok);
        EvidenceRules.Verdict bad = EvidenceRules.judge(declared,
                new ContentInspection(11, "00" + SHA.substring(2), Optional.empty(), "a Windows executable"));
        assertEquals(EvidenceStatus.REJECTED, bad.status());
        assertEquals("size is 11 bytes, declared 10; SHA-256 is 00" + SHA.substring(2) + ", declared " + SHA
                + "; content is a Windows executable, not pdf (application/pdf) as declared", bad.reason());
        assertEquals(Optional.empty(), EvidenceRules.judgeSize(declared, 10));
        assertTrue(EvidenceRules.judgeSize(declared, 9).isPresent());
    }

    @Test
    void withdrawalEndsWithTheSelfAssessment() {
        Evidence e = EvidenceRules.declare("ev-1", GROUP, 2026, EvidenceRules.validate(
                declaration("A01", "application/pdf", 10), EvidenceLimits.defaults(), ANKANG),
                new Caller("u1", Role.SCHOOL, "S001", null), Instant.EPOCH);
        DomainException locked = EvidenceRules.withdrawalLocked(e);
        assertEquals(409, locked.status());
        assertEquals("self-assessment-submitted", locked.type());
        Evidence verifiedThenWithdrawn = e.checked(EvidenceStatus.VERIFIED, null, Instant.EPOCH)
                .withdrawn("u1", Instant.EPOCH);
        assertTrue(verifiedThenWithdrawn.verified());
        assertFalse(e.checked(EvidenceStatus.REJECTED, "size", Instant.EPOCH).withdrawn("u1", Instant.EPOCH)
                .verified());
    }
}
