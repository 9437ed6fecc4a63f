package org.groupeval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.groupeval.bench.Discovery.Event;
import org.groupeval.bench.Discovery.Fn;
import org.groupeval.local.HttpEvents;
import org.groupeval.local.LocalS3;
import org.groupeval.local.SamTemplate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The sample events of {@code events/} made to fit the data of the run (docs/benchmarks.md, "Data the sample events
 * need", "Samples that need more than creation", "The samples' calendar"): the creating events seed the tables and
 * lend the other samples the ids they created, setup recipes build what a sample needs beyond that, and every sample
 * is measured against the tables as they were before it.
 */
final class Samples {

    /** The run's clock for the samples' calendar (see {@link Setups#shiftCalendar}). */
    private static final OffsetDateTime RUN_STARTED = OffsetDateTime.now(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The shape of the ids the service generates: a short prefix and a ULID-like body. */
    private static final Pattern GENERATED_ID = Pattern.compile("[a-z]{1,4}-[0-9a-z]{16,}");

    private final Path root;
    private final SamTemplate template;
    private final ChildJvms children;
    private final BiConsumer<String, String> print;
    /** Sample id → the id the seeding created in its place. */
    private final Map<String, String> substitutions = new LinkedHashMap<>();
    /** "function/sample" → the ids its recipe created in place of the sample's own ({@link Setups.Step#creates}). */
    private final Map<String, Map<String, String>> createdFor = new LinkedHashMap<>();
    /** "function/sample" → the tables a sample is measured against (those before it seeded, or its recipe's). */
    private final Map<String, Path> snapshots = new LinkedHashMap<>();

    Samples(Path root, SamTemplate template, ChildJvms children, BiConsumer<String, String> print) {
        this.root = root;
        this.template = template;
        this.children = children;
        this.print = print;
    }

    /** The tables the sample is measured against, when they are not the seeded ones. */
    Optional<Path> tablesFor(Fn fn, Event event) {
        return Optional.ofNullable(snapshots.get(fn.name() + "/" + event.name()));
    }

    /**
     * Runs the function's creating events (POSTs to collections, see {@link Discovery#creates}) once, in template order of
     * the functions, so the other sample events find the data they name; the ids the service generated replace
     * the placeholders of the sample events (e.g. the {@code groupId} of get-group.json becomes the id of the group
     * register-group.json created, the {@code evidenceId} of get-evidence.json the one declare-evidence.json made).
     */
    void seed(Fn fn) throws Exception {
        List<Event> creating = fn.events().stream().filter(Discovery::creates).toList();
        if (creating.isEmpty()) {
            return;
        }
        Path dir = children.functionDir(fn);
        List<String> args = new ArrayList<>();
        for (Event e : creating) {
            args.add(write(fn, e).toString());
        }
        children.runChild(fn, "seed", args, true);
        for (String line : Files.readAllLines(dir.resolve("seed-results.txt"))) {
            String[] f = line.split("\t");
            Event event = creating.stream().filter(e -> e.name().equals(f[1])).findFirst().orElseThrow();
            snapshots.put(fn.name() + "/" + event.name(), dir.resolve("before-" + event.name() + ".bin"));
            print.accept("seed_status_" + fn.name() + "_" + Bench.slug(event.name()), f[2]);
            if (!f[3].equals("-")) {
                learnIds(fn, f[3]);
            }
        }
    }

    /**
     * Runs the recipes of the function's samples that need more than the creating events (bench/setup, see
     * {@link Setups}), each from the seeded tables, in one child JVM; each such sample is then measured against
     * the tables its recipe left.
     */
    void setUp(Fn fn, Path seededFile) throws Exception {
        String module = root.relativize(fn.jar()).getName(1).toString();
        Map<String, List<Setups.Step>> recipes = Setups.recipes(root, module);
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, List<Setups.Step>> recipe : recipes.entrySet()) {
            Optional<Event> sample = fn.events().stream().filter(e -> e.name().equals(recipe.getKey())).findFirst();
            if (sample.isEmpty()) {
                continue; // a recipe of another function of the module (one jar, two functions)
            }
            List<String> steps = new ArrayList<>();
            for (int i = 0; i < recipe.getValue().size(); i++) {
                String name = "setup-" + recipe.getKey() + "-" + (i + 1);
                Event step = new Event(sample.get().file(), name, sample.get().routeKey(),
                        recipe.getValue().get(i).json());
                steps.add(write(fn, step).toString());
            }
            entries.add(recipe.getKey() + "=" + seededFile + "=" + String.join(",", steps));
        }
        if (entries.isEmpty()) {
            return;
        }
        children.runChild(fn, "setup", entries, false);
        Path dir = children.functionDir(fn);
        for (String line : Files.readAllLines(dir.resolve("setup-results.txt"))) {
            String[] f = line.split("\t");
            snapshots.put(fn.name() + "/" + f[1], dir.resolve("setup-" + f[1] + ".bin"));
            print.accept("setup_status_" + fn.name() + "_" + Bench.slug(f[1]), f[2]);
            String[] locations = f.length > 3 ? f[3].split(" ") : new String[0];
            createdFor.put(fn.name() + "/" + f[1], created(recipes.get(f[1]), locations));
        }
    }

    /** Each step's {@code creates} sample id → the id its answer's Location ends in (/groups/g-123 → g-123). */
    static Map<String, String> created(List<Setups.Step> steps, String[] locations) {
        Map<String, String> created = new LinkedHashMap<>();
        for (int i = 0; i < steps.size() && i < locations.length; i++) {
            String location = locations[i];
            if (steps.get(i).creates() != null && !location.equals("-")) {
                created.put(steps.get(i).creates(), location.substring(location.lastIndexOf('/') + 1));
            }
        }
        return created;
    }

    /** Location /groups/g-123 matches GET /groups/{groupId}: the sample events' groupId becomes g-123. */
    private void learnIds(Fn fn, String location) throws IOException {
        String path = location.replaceFirst("^https?://[^/]+", "");
        for (SamTemplate.HttpRoute route : fn.function().routes()) {
            Map<String, String> params = HttpEvents.match(route.path(), path);
            if (params == null || params.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, String> param : params.entrySet()) {
                String created = param.getValue();
                for (Event e : fn.events()) {
                    JsonNode sample = MAPPER.readTree(e.json()).path("pathParameters").path(param.getKey());
                    // only generated ids (g-01k…, ev-01j…): a route such as …/sheets/{stage} also matches a
                    // Location, and replacing a word like "district" everywhere would corrupt every event
                    if (sample.isTextual() && !sample.asText().equals(created)
                            && GENERATED_ID.matcher(sample.asText()).matches()) {
                        substitutions.put(sample.asText(), created);
                    }
                }
            }
            return;
        }
    }

    /**
     * The event with each sample id replaced by the id the seeding created, in its text and, for a base64 body that
     * is a zip (an .xlsx upload), in the XML parts inside it: a form cites the ids a JSON body would.
     */
    static String substitute(String json, Map<String, String> substitutions) throws IOException {
        String replaced = replaceAll(json, substitutions);
        JsonNode event = MAPPER.readTree(replaced);
        if (substitutions.isEmpty() || !event.path("isBase64Encoded").asBoolean() || !event.path("body").isTextual()) {
            return replaced;
        }
        byte[] body = Base64.getDecoder().decode(event.path("body").asText());
        if (body.length < 4 || body[0] != 'P' || body[1] != 'K' || body[2] != 3 || body[3] != 4) {
            return replaced;
        }
        ((ObjectNode) event).put("body", Base64.getEncoder().encodeToString(substituteInZip(body, substitutions)));
        return MAPPER.writeValueAsString(event);
    }

    private static String replaceAll(String text, Map<String, String> substitutions) {
        String replaced = text;
        for (Map.Entry<String, String> s : substitutions.entrySet()) {
            replaced = replaced.replace(s.getKey(), s.getValue());
        }
        return replaced;
    }

    /** The zip with the substitutions made in its XML parts, every other part copied as it is. */
    private static byte[] substituteInZip(byte[] zip, Map<String, String> substitutions) throws IOException {
        // read through the central directory: a workbook's parts may carry their sizes only there (ZIP64 data
        // descriptors, as fastexcel writes them), which ZipInputStream cannot follow
        Path file = Files.createTempFile("bench-sample-", ".zip");
        try {
            Files.write(file, zip);
            ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length);
            try (ZipFile in = new ZipFile(file.toFile()); ZipOutputStream rewritten = new ZipOutputStream(out)) {
                for (ZipEntry entry : Collections.list(in.entries())) {
                    byte[] content = in.getInputStream(entry).readAllBytes();
                    if (entry.getName().endsWith(".xml")) {
                        content = replaceAll(new String(content, StandardCharsets.UTF_8), substitutions)
                                .getBytes(StandardCharsets.UTF_8);
                    }
                    rewritten.putNextEntry(new ZipEntry(entry.getName()));
                    rewritten.write(content);
                    rewritten.closeEntry();
                }
            }
            return out.toByteArray();
        } finally {
            Files.delete(file);
        }
    }

    /**
     * The sample event as this run sends it, written to the function's folder: the ids the seeding created in place of
     * the sample ids, the local bucket in place of a deployed one, the calendar moved to the run's date.
     */
    Path write(Fn fn, Event event) throws IOException {
        Map<String, String> ids = new LinkedHashMap<>(substitutions);
        ids.putAll(createdFor.getOrDefault(fn.name() + "/" + event.name(), Map.of()));
        String json = substitute(event.json(), ids);
        if (!event.http() && !fn.function().s3Triggers().isEmpty()) {
            // the sample names a deployed bucket: the local one stands in for it
            JsonNode records = MAPPER.readTree(json).path("Records");
            String local = LocalS3.bucketName(fn.function().s3Triggers().get(0).bucketLogicalId());
            for (JsonNode r : records) {
                String named = r.path("s3").path("bucket").path("name").asText(null);
                if (named != null) {
                    json = json.replace("\"" + named + "\"", "\"" + local + "\"")
                            .replace(":::" + named + "\"", ":::" + local + "\"");
                }
            }
        }
        List<String> buckets = template.resourcesOfType("AWS::S3::Bucket");
        String scanned = MAPPER.readTree(json).path("detail").path("s3ObjectDetails").path("bucketName").asText(null);
        if (scanned != null && buckets.size() == 1) {
            // a malware scan result names the deployed bucket too
            json = json.replace("\"" + scanned + "\"", "\"" + LocalS3.bucketName(buckets.get(0)) + "\"");
        }
        json = Setups.shiftCalendar(json, RUN_STARTED);
        Path file = children.functionDir(fn).resolve("events").resolve(event.name() + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }
}
