package org.groupeval.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import org.groupeval.local.DynamoDbLocal;
import org.groupeval.local.LocalAws;
import org.groupeval.local.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cold start of the scheduled ranking as Lambda makes it: a fresh JVM with the function's JVM options from
 * template.yaml ({@code JAVA_TOOL_OPTIONS}) and the serial collector of Lambda's Java runtime, the handler made
 * through its no-arg constructor, one delivery that finds nothing due. Its class metadata passes the JVM's default
 * first metaspace threshold (21 MB), which would stop the first delivery on a full collection; the template's
 * options leave the cold start without one (docs/benchmarks.md, "Measures behind the figures").
 */
class ScheduleColdStartTest {

    /** The child JVM's main: the first delivery of a fresh handler, its answer on standard output. */
    public static void main(String[] args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RankingScheduleHandler().handleRequest(new ByteArrayInputStream(args[0].getBytes(StandardCharsets.UTF_8)),
                out, null);
        System.out.println(out.toString(StandardCharsets.UTF_8));
        System.exit(0);
    }

    @Test
    void aColdDeliveryWithNothingDueMakesNoFullCollectionForClassMetadata(@TempDir Path dir) throws Exception {
        DynamoDbLocal dynamo = LocalAws.start();
        SamTemplate.Function function = SamTemplate.load().function("RankingScheduleFunction").orElseThrow();
        Path gcLog = dir.resolve("gc.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String toolOptions = function.environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
        Stream.of(toolOptions.trim().split("\\s+")).filter(option -> !option.isEmpty()).forEach(command::add);
        command.add("-XX:+UseSerialGC");
        command.add("-Xlog:gc:file=" + gcLog);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ScheduleColdStartTest.class.getName());
        // a scheduled time before every cycle of the tests: nothing is due, nothing is written
        command.add("{\"trigger\":\"SCHEDULE\",\"year\":\"auto\",\"scheduledTime\":\"1999-01-01T00:00:00Z\"}");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr.log").toFile());
        builder.environment().putAll(function.environment());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().put("DYNAMODB_ENDPOINT", dynamo.endpoint());
        builder.environment().put("AWS_REGION", "us-east-1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the cold start did not end");
        assertEquals(0, process.exitValue(), output + Files.readString(dir.resolve("stderr.log")));

        String answer = output.lines().filter(line -> line.startsWith("{\"status\"")).findFirst().orElseThrow();
        JsonNode response = Fixtures.JSON.readTree(answer);
        assertEquals("NOTHING_TO_RANK", response.get("status").asText(), answer);
        String gc = Files.readString(gcLog);
        assertFalse(gc.contains("Metadata GC Threshold"), gc);
    }
}
