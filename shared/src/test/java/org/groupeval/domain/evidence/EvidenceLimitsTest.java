package org.groupeval.domain.evidence;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limits are settings with sane defaults; a malformed setting fails loudly at start-up. */
class EvidenceLimitsTest {

    @Test
    void theDefaultsAreTheIssuesNumbers() {
        EvidenceLimits limits = EvidenceLimits.defaults();
        assertEquals(EnumSet.allOf(FileType.class), limits.allowedTypes());
        assertEquals(52_428_800L, limits.maxBytes());
        assertEquals(300, limits.maxFilesPerGroupAndCycle());
        assertEquals(Duration.ofMinutes(15), limits.uploadUrlTtl());
        assertEquals(Duration.ofMinutes(5), limits.downloadUrlTtl());
    }

    @Test
    void settingsOverrideTheDefaults() {
        Map<String, String> settings = Map.of(EvidenceLimits.ALLOWED_TYPES, "pdf, JPEG", EvidenceLimits.MAX_BYTES,
                "1000", EvidenceLimits.MAX_FILES, "7");
        EvidenceLimits limits = EvidenceLimits.from((name, fallback) -> settings.getOrDefault(name, fallback));
        assertEquals(EnumSet.of(FileType.PDF, FileType.JPG), limits.allowedTypes());
        assertEquals(1000, limits.maxBytes());
        assertEquals(7, limits.maxFilesPerGroupAndCycle());
    }

    @Test
    void aMalformedSettingNamesItself() {
        Map<String, String> settings = Map.of(EvidenceLimits.ALLOWED_TYPES, "pdf,exe", EvidenceLimits.MAX_FILES, "-1");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EvidenceLimits.from((name, fallback) -> settings.getOrDefault(name, fallback)));
        assertTrue(e.getMessage().contains("EVIDENCE_ALLOWED_TYPES: unknown type 'exe'"), e.getMessage());
        assertTrue(e.getMessage().contains("EVIDENCE_MAX_FILES"), e.getMessage());
    }
}
