package org.groupeval.config;

import org.groupeval.domain.district.DistrictNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistrictNamesSettingsTest {

    @Test
    void withoutSettingsTheBuiltInNamesServe() {
        assertSame(DistrictNames.builtIn(), DistrictNamesSettings.load(null, null));
    }

    @Test
    void aFileAndAnInlineObjectOverrideTheBuiltInNamesInlineLast(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("districts.json");
        Files.writeString(file, "{\"610999\": \"高新区\", \"610902\": \"汉滨（文件）\"}");
        DistrictNames names = DistrictNamesSettings.load(file.toString(), "{\"610902\": \"汉滨（参数）\"}");
        assertEquals("高新区", names.nameOrNull("610999"));
        assertEquals("汉滨（参数）", names.nameOrNull("610902"));
        assertEquals("汉阴县", names.nameOrNull("610921"));
    }

    @Test
    void aSettingThatIsNotAnObjectOfNamesStopsTheStart(@TempDir Path dir) {
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> DistrictNamesSettings.load(null, "610999=高新区"));
        assertTrue(notJson.getMessage().startsWith("DISTRICT_NAMES must be a JSON object"), notJson.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DistrictNamesSettings.load(null, "[\"610999\"]"));
        assertThrows(IllegalArgumentException.class, () -> DistrictNamesSettings.load(null, "{\"6109\": \"x\"}"));
        assertThrows(RuntimeException.class,
                () -> DistrictNamesSettings.load(dir.resolve("missing.json").toString(), null));
    }

    @Test
    void theBeanReadsTheSettingsOfTheEnvironmentOrSystemProperties() {
        System.setProperty(DistrictNamesSettings.INLINE, "{\"610998\": \"新区\"}");
        try {
            assertEquals("新区", new DistrictNamesSettings().districtNames().nameOrNull("610998"));
        } finally {
            System.clearProperty(DistrictNamesSettings.INLINE);
        }
    }
}
