package org.groupeval.domain.review;

import org.groupeval.domain.DomainException;
import org.groupeval.domain.group.Group;
import org.groupeval.domain.group.School;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conflicts of interest between a panel's experts and the group, at seating and at the city's confirmation. */
class PanelRulesTest {

    private static final Group GROUP = new Group("g-1", "集团", "TRUSTEESHIP", "610902", new School("S001", "核心校"),
            List.of(new School("S002", "成员校")), null, Instant.EPOCH, Instant.EPOCH, 1);

    private static DeclaredConflict withSchool(String sub, String school) {
        return new DeclaredConflict(sub, school, null, "taught there", Instant.EPOCH, "city");
    }

    private static DeclaredConflict withGroup(String sub, String groupId) {
        return new DeclaredConflict(sub, null, groupId, "relative on the staff", Instant.EPOCH, "city");
    }

    @Test
    void everyKindOfConflictIsFoundWithTheExpertsIndex() {
        List<Panel.Expert> experts = List.of(new Panel.Expert("E1", "甲", "S001"), new Panel.Expert("E2", "乙", "S002"),
                new Panel.Expert("E3", "丙", null), new Panel.Expert("E4", "丁", null), new Panel.Expert("E5", "戊", null));
        Map<String, List<DeclaredConflict>> declared = Map.of(
                "E3", List.of(withSchool("E3", "s002")),
                "E4", List.of(withGroup("E4", "g-1")),
                "E5", List.of(withSchool("E5", "S999"), withGroup("E5", "g-2")));
        List<Map<String, Object>> found = PanelRules.conflicts(GROUP, experts, declared);
        assertEquals(List.of("CORE_SCHOOL", "MEMBER_SCHOOL", "DECLARED_SCHOOL", "DECLARED_GROUP"),
                found.stream().map(c -> c.get("kind")).toList());
        assertEquals(List.of("/experts/0", "/experts/1", "/experts/2", "/experts/3"),
                found.stream().map(c -> c.get("pointer")).toList());
        assertEquals("S002", found.get(2).get("schoolCode"));
        assertEquals("relative on the staff", found.get(3).get("reason"));
    }

    @Test
    void seatingAndConfirmationRefuseWithTheirOwnProblemTypes() {
        List<Panel.Expert> experts = List.of(new Panel.Expert("E1", "甲", null), new Panel.Expert("E2", "乙", null));
        Map<String, List<DeclaredConflict>> declared = Map.of("E2", List.of(withSchool("E2", "S002")));
        DomainException seating = assertThrows(DomainException.class,
                () -> PanelRules.checkConflicts(GROUP, experts, declared));
        assertEquals("conflict-of-interest", seating.type());
        assertEquals(409, seating.status());
        DomainException confirming = assertThrows(DomainException.class,
                () -> PanelRules.checkSeatedConflicts(GROUP, experts, declared));
        assertEquals("seated-expert-conflict", confirming.type());
        assertEquals(409, confirming.status());
        assertTrue(confirming.detail().startsWith("expert E2 has a declared conflict with school S002"),
                confirming.detail());
        assertTrue(confirming.detail().contains("PUT …/panel"), confirming.detail());
        assertTrue(String.valueOf(confirming.extensions().get("conflicts")).contains("E2"));
        assertDoesNotThrow(() -> PanelRules.checkSeatedConflicts(GROUP, experts, Map.of()));
    }
}
