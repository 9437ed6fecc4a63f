package org.groupeval.domain;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repository carries its own rule book (docs/rules.md): every section the code, the docs and the texts shown to
 * users cite exists there, every relative link in the documentation reaches a file of the repository, and nothing
 * refers to a path outside it.
 */
class RuleBookTest {

    private static final Pattern HEADING = Pattern.compile("(?m)^#{2,3} (\\d+(?:\\.\\d+)?) (.+)$");
    private static final Pattern ANCHOR = Pattern.compile("<a id=\"([^\"]+)\"></a>");
    /** {@code rules.md §7.3}, also {@code rules.md §7.3–§7.5}, {@code rules.md §10.1, §10.2}, {@code §6 and §8}. */
    private static final Pattern CITATION = Pattern.compile(
            "rules\\.md §(\\d+(?:\\.\\d+)?)((?:(?:–|, | and )§\\d+(?:\\.\\d+)?)*)");
    private static final Pattern MORE = Pattern.compile("§(\\d+(?:\\.\\d+)?)");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private static Path root;
    private static Map<String, String> sections;
    private static Set<String> anchors;

    @BeforeAll
    static void readRuleBook() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        assertNotNull(dir, "the repository root (with template.yaml) above " + Path.of("").toAbsolutePath());
        root = dir;
        String book = Files.readString(root.resolve("docs/rules.md"), StandardCharsets.UTF_8);
        sections = new HashMap<>();
        Matcher heading = HEADING.matcher(book);
        while (heading.find()) {
            sections.put(heading.group(1), heading.group(2));
        }
        anchors = new HashSet<>();
        Matcher anchor = ANCHOR.matcher(book);
        while (anchor.find()) {
            anchors.add(anchor.group(1));
        }
    }

    @Test
    void everySectionTheTextsShownToUsersCiteExistsWithTheTitlesTheyGive() {
        for (RuleBook cited : RuleBook.values()) {
            String title = sections.get(cited.section());
            assertNotNull(title, "rules.md has no section " + cited.section() + " (" + cited.en() + ")");
            assertTrue(title.startsWith(cited.en() + " "), "§" + cited.section() + " is titled '" + title + "'");
            assertTrue(title.endsWith(cited.zh()), "§" + cited.section() + " is titled '" + title + "'");
            assertTrue(anchors.contains("s" + cited.section().replace('.', '-')), "no anchor for §" + cited.section());
        }
        assertEquals("（《考核规则》第6.3节 一票否决）/ (rules.md §6.3 Veto)", RuleBook.VETO.citation());
    }

    @Test
    void everyCitationOfTheRuleBookNamesAnExistingSection() throws IOException {
        List<String> dangling = new ArrayList<>();
        for (Path file : sources()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher citation = CITATION.matcher(text);
            while (citation.find()) {
                List<String> numbers = new ArrayList<>(List.of(citation.group(1)));
                Matcher more = MORE.matcher(citation.group(2));
                while (more.find()) {
                    numbers.add(more.group(1));
                }
                for (String number : numbers) {
                    if (!sections.containsKey(number)) {
                        dangling.add(root.relativize(file) + ": rules.md §" + number);
                    }
                }
            }
        }
        assertEquals(List.of(), dangling);
    }

    @Test
    void everyRelativeLinkOfTheDocumentationReachesAFileOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path file : sources()) {
            if (!file.toString().endsWith(".md")) {
                continue;
            }
            Matcher link = LINK.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*") || target.startsWith("#")) {
                    continue;
                }
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path resolved = file.getParent().resolve(path).normalize();
                if (!resolved.startsWith(root) || !Files.exists(resolved)) {
                    broken.add(root.relativize(file) + ": " + target);
                } else if (target.contains("#") && resolved.endsWith(Path.of("docs", "rules.md"))
                        && !anchors.contains(target.substring(target.indexOf('#') + 1))) {
                    broken.add(root.relativize(file) + ": " + target + " (no such anchor)");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void nothingRefersToAPathOutsideTheRepository() throws IOException {
        String outside = ".." + "/shared";
        List<String> found = new ArrayList<>();
        for (Path file : sources()) {
            if (Files.readString(file, StandardCharsets.UTF_8).contains(outside)) {
                found.add(root.relativize(file).toString());
            }
        }
        assertEquals(List.of(), found);
    }

    /**
     * The repository's own text files: sources, docs, events, scripts; no build output ({@code target/}, the web
     * client's {@code dist/}) and no installed packages ({@code node_modules/}).
     */
    private static List<Path> sources() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        Path relative = root.relativize(p);
                        for (Path part : relative) {
                            String name = part.toString();
                            if (name.equals("target") || name.equals("node_modules")
                                    || name.startsWith(".") && !name.equals(".ci")) {
                                return false;
                            }
                        }
                        return !relative.startsWith(Path.of("web", "dist"));
                    })
                    .filter(p -> p.toString().matches(".*\\.(java|md|json|yaml|xml|properties)$")
                            || p.getFileName().toString().equals("run"))
                    .sorted()
                    .toList();
        }
    }
}
