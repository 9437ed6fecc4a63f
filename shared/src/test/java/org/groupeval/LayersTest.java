package org.groupeval;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arrows between the packages of {@code shared} (docs/architecture.md) point one way: the domain imports nothing
 * of AWS, Micronaut or the other layers; the store depends on the domain, not on the HTTP layer; the HTTP layer uses
 * of the store only what its interfaces hand out. Read from the sources' import lines.
 */
class LayersTest {

    private static final Path SOURCES = Path.of("src/main/java/org/groupeval");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void theDomainImportsNoFrameworkAndNoOtherLayer() throws IOException {
        assertEquals(List.of(), imports("domain", name -> name.startsWith("software.amazon.")
                || name.startsWith("com.amazonaws.") || name.startsWith("io.micronaut.")
                || name.startsWith("jakarta.") || name.startsWith("org.groupeval.")
                && !name.startsWith("org.groupeval.domain.")));
    }

    @Test
    void theStoreDoesNotKnowTheHttpLayerOrTheBootstrap() throws IOException {
        assertEquals(List.of(), imports("store", name -> name.startsWith("org.groupeval.web.")
                || name.startsWith("org.groupeval.lambda.")));
    }

    @Test
    void theHttpLayerUsesOfTheStoreOnlyWhatItsInterfacesHandOut() throws IOException {
        Set<String> handedOut = Set.of("org.groupeval.store.StorageFailures", "org.groupeval.store.Page");
        assertEquals(List.of(), imports("web", name -> name.startsWith("org.groupeval.store.")
                && !handedOut.contains(name) || name.startsWith("software.amazon.awssdk.services.dynamodb")));
    }

    private static List<String> imports(String layer, java.util.function.Predicate<String> forbidden)
            throws IOException {
        Path root = SOURCES.resolve(layer);
        assertTrue(Files.isDirectory(root), root + " exists");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    if (forbidden.test(m.group(1))) {
                        found.add(SOURCES.relativize(file) + " imports " + m.group(1));
                    }
                }
            }
        }
        return found;
    }
}
