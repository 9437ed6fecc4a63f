package org.groupeval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SAMPLE_EVIDENCE = "ev-01jd0a6k3m9v2x7c5b8n4q1r6t";
    private static final String CREATED_EVIDENCE = "ev-01kbench000000000000000000";
    private static final String SAMPLE_GROUP = "g-01kexamp1e0000000000000000";
    private static final String CREATED_GROUP = "g-01kbench000000000000000000";

    @Test
    void theStatementFormCitesTheEvidenceTheSeedingCreated() throws IOException {
        String sample = Files.readString(repoRoot().resolve("events/evidence/put-statement-xlsx.json"));
        assertTrue(parts(sample).get("xl/sharedStrings.xml").contains(SAMPLE_EVIDENCE), "the form cites the sample id");

        String sent = Samples.substitute(sample, substitutions());

        JsonNode event = MAPPER.readTree(sent);
        assertEquals("/groups/" + CREATED_GROUP + "/cycles/2026/statement.xlsx", event.path("rawPath").asText());
        assertTrue(event.path("isBase64Encoded").asBoolean());
        Map<String, String> parts = parts(sent);
        assertTrue(parts.get("xl/sharedStrings.xml").contains(CREATED_EVIDENCE));
        assertFalse(parts.get("xl/sharedStrings.xml").contains(SAMPLE_EVIDENCE));
        assertEquals(parts(sample).keySet(), parts.keySet(), "every part of the workbook is kept");
        assertEquals(parts(sample).get("xl/workbook.xml"), parts.get("xl/workbook.xml"));
    }

    @Test
    void aJsonBodyIsReplacedAsText() throws IOException {
        String sample = Files.readString(repoRoot().resolve("events/evidence/put-statement.json"));

        String sent = Samples.substitute(sample, substitutions());

        assertTrue(MAPPER.readTree(sent).path("body").asText().contains(CREATED_EVIDENCE));
        assertFalse(sent.contains(SAMPLE_EVIDENCE));
        assertFalse(sent.contains(SAMPLE_GROUP));
    }

    @Test
    void aRecipeStepThatCreatesStandsForTheSampleIdItNames() {
        List<Setups.Step> steps = List.of(new Setups.Step("{}", null),
                new Setups.Step("{}", "g-01kexamp1e0000000000000001"), new Setups.Step("{}", "ev-01kexamp1e0000000000000000"));

        Map<String, String> created = Samples.created(steps, new String[]{"/groups/g-first", "/groups/g-second", "-"});

        assertEquals(Map.of("g-01kexamp1e0000000000000001", "g-second"), created);
    }

    private static Map<String, String> substitutions() {
        Map<String, String> substitutions = new LinkedHashMap<>();
        substitutions.put(SAMPLE_GROUP, CREATED_GROUP);
        substitutions.put(SAMPLE_EVIDENCE, CREATED_EVIDENCE);
        return substitutions;
    }

    /** The text of each part of the event's base64 zip body. */
    private static Map<String, String> parts(String json) throws IOException {
        byte[] body = Base64.getDecoder().decode(MAPPER.readTree(json).path("body").asText());
        Path file = Files.createTempFile("sample-", ".xlsx");
        try {
            Files.write(file, body);
            Map<String, String> parts = new LinkedHashMap<>();
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry entry : Collections.list(zip.entries())) {
                    parts.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return parts;
        } finally {
            Files.delete(file);
        }
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
