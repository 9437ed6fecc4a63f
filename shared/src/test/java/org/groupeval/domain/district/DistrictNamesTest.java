package org.groupeval.domain.district;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistrictNamesTest {

    @Test
    void theBuiltInNamesAreTheCountyLevelDivisionsOfGbt2260() {
        DistrictNames names = DistrictNames.builtIn();
        assertEquals(Optional.of("汉滨区"), names.name("610902"));
        assertEquals(Optional.of("东城区"), names.name("110101"));
        assertEquals(Optional.of("仙桃市"), names.name("429004"));
        assertTrue(names.size() > 2800, "every county-level division: " + names.size());
        assertSame(names, DistrictNames.builtIn());
    }

    @Test
    void anUnknownCodeHasNoNameAndIsNoError() {
        DistrictNames names = DistrictNames.builtIn();
        assertEquals(Optional.empty(), names.name("610999"));
        assertNull(names.nameOrNull("610999"));
        assertNull(names.nameOrNull(null));
        assertNull(names.nameOrNull("not a code"));
        assertEquals("610999", names.label("610999"));
        assertEquals("汉滨区", names.label("610902"));
    }

    @Test
    void overridesAddAndRenameDivisionsOnTopOfTheBuiltInOnes() {
        DistrictNames names = DistrictNames.builtIn().withOverrides(Map.of("610999", " 高新区 ", "610902", "汉滨"));
        assertEquals("高新区", names.nameOrNull("610999"));
        assertEquals("汉滨", names.nameOrNull("610902"));
        assertEquals("汉阴县", names.nameOrNull("610921"));
        assertEquals("汉滨区", DistrictNames.builtIn().nameOrNull("610902"), "the built-in names stay as they are");
    }

    @Test
    void anInvalidOverrideNamesEveryBadPair() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DistrictNames.builtIn()
                .withOverrides(Map.of("61090", "x", "610998", " ", "610997", "名".repeat(51))));
        assertTrue(e.getMessage().contains("'61090' is not a 6-digit district code"), e.getMessage());
        assertTrue(e.getMessage().contains("610998: the name must have 1-50 characters"), e.getMessage());
        assertTrue(e.getMessage().contains("610997: the name must have 1-50 characters"), e.getMessage());
    }

    @Test
    void namesOfTheirOwnNeedNoBuiltInOnes() {
        DistrictNames names = DistrictNames.of(Map.of("610902", "A"));
        assertEquals(1, names.size());
        assertNull(names.nameOrNull("110101"));
    }
}
