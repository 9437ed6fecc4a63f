package org.groupeval.config;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.groupeval.domain.district.DistrictNames;
import org.groupeval.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deployment's district names (docs/architecture.md, District names): the built-in GB/T 2260 names with the
 * deployment's own on top, from {@value #INLINE} (a JSON object of code → name, template.yaml's
 * {@code DistrictNames} parameter) and {@value #FILE} (the path of a file holding such an object, for a deployment
 * that ships one, and the local stack). A setting that is not such an object stops the function's start.
 */
@Factory
public class DistrictNamesSettings {

    /** A JSON object of code → name, e.g. {@code {"610999":"高新区"}}. */
    public static final String INLINE = "DISTRICT_NAMES";
    /** The path of a UTF-8 file holding such an object. */
    public static final String FILE = "DISTRICT_NAMES_FILE";

    @Singleton
    public DistrictNames districtNames() {
        return load(Settings.get(FILE, null), Settings.get(INLINE, null));
    }

    /** The built-in names with the file's and then the inline object's pairs on top (either may be null). */
    public static DistrictNames load(String file, String inline) {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (file != null) {
            try {
                overrides.putAll(parse(Files.readString(Path.of(file)), FILE + " (" + file + ")"));
            } catch (IOException e) {
                throw new UncheckedIOException(FILE + ": cannot read " + file, e);
            }
        }
        if (inline != null) {
            overrides.putAll(parse(inline, INLINE));
        }
        return DistrictNames.builtIn().withOverrides(overrides);
    }

    private static Map<String, String> parse(String json, String source) {
        try {
            Map<String, String> pairs = Json.MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {
            });
            if (pairs == null) {
                throw new IllegalArgumentException(source + " must be a JSON object of district code → name");
            }
            return pairs;
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " must be a JSON object of district code → name: "
                    + e.getMessage(), e);
        }
    }
}
