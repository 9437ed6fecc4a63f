package org.groupeval.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * A figure measured by a benchmark main of a module's test sources, run in a fresh JVM (so that nothing else in this
 * run shares its JIT profile) with those test classes, the module's classes and this harness's classpath; its
 * {@code name: value} lines are printed as they come. Figure 4, the scoring engine's sheets per second
 * ({@code ScoringBenchmark} in shared; docs/frameworks.md), and figure 6, a group import of 150 rows through the
 * registration handler on DynamoDB Local ({@code ImportBenchmark}; docs/benchmarks.md).
 */
final class ChildFigure {

    private static final Pattern FIGURE = Pattern.compile("^[a-z0-9_\\-.]+: .+$");

    private final Path root;
    private final BiConsumer<String, String> print;
    private final String module;
    private final String main;
    private final String figure;
    private final List<String> args;

    ChildFigure(Path root, BiConsumer<String, String> print, String module, String main, String figure,
                String... args) {
        this.root = root;
        this.print = print;
        this.module = module;
        this.main = main;
        this.figure = figure;
        this.args = List.of(args);
    }

    /** Figure 4: sheets scored per second for each built-in framework. */
    static ChildFigure scoring(Path root, BiConsumer<String, String> print) {
        return new ChildFigure(root, print, "shared", "org.groupeval.domain.scoring.ScoringBenchmark",
                "scoring_sheets_per_second", System.getProperty("bench.scoringSeconds", "3"));
    }

    /** Figure 6: 150 groups registered from one spreadsheet in one request. */
    static ChildFigure groupImport(Path root, BiConsumer<String, String> print) {
        return new ChildFigure(root, print, "functions/registration", "org.groupeval.registration.ImportBenchmark",
                "import_150_groups_ms", System.getProperty("bench.importGroups", "150"));
    }

    void run() throws Exception {
        Path testClasses = root.resolve(module).resolve("target/test-classes");
        Path mainClass = testClasses.resolve(main.replace('.', '/') + ".class");
        if (!Files.exists(mainClass)) {
            print.accept(figure, "unavailable (" + main + " is not compiled in " + root.relativize(testClasses) + ")");
            return;
        }
        List<String> command = new ArrayList<>(List.of(ChildJvms.javaBinary(), "-Dgroupeval.repo.root=" + root,
                "-cp", testClasses + File.pathSeparator + root.resolve(module).resolve("target/classes")
                        + File.pathSeparator + System.getProperty("java.class.path"), main));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean any = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (FIGURE.matcher(line).matches()) {
                    int colon = line.indexOf(": ");
                    print.accept(line.substring(0, colon), line.substring(colon + 2));
                    any = true;
                }
            }
        }
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0 || !any) {
            process.destroyForcibly();
            print.accept(figure, "unavailable (" + main + " failed or printed no figure)");
        }
    }
}
