package org.groupeval.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Figure 4: sheets scored per second for each built-in framework, by the scoring engine's own benchmark
 * ({@code org.groupeval.domain.scoring.ScoringBenchmark} in shared's test sources; docs/frameworks.md), run in a
 * fresh JVM so that nothing else in this run shares its JIT profile.
 */
final class ScoringFigure {

    static final String MAIN = "org.groupeval.domain.scoring.ScoringBenchmark";
    private static final Pattern FIGURE = Pattern.compile("^[a-z0-9_\\-.]+: .+$");

    private final Path root;
    private final BiConsumer<String, String> print;

    ScoringFigure(Path root, BiConsumer<String, String> print) {
        this.root = root;
        this.print = print;
    }

    void run() throws Exception {
        Path testClasses = root.resolve("shared/target/test-classes");
        Path main = testClasses.resolve(MAIN.replace('.', '/') + ".class");
        if (!Files.exists(main)) {
            print.accept("scoring_sheets_per_second", "unavailable (" + MAIN + " is not compiled in "
                    + root.relativize(testClasses) + ")");
            return;
        }
        String seconds = System.getProperty("bench.scoringSeconds", "3");
        List<String> command = List.of(ChildJvms.javaBinary(), "-cp",
                testClasses + File.pathSeparator + System.getProperty("java.class.path"), MAIN, seconds);
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
            print.accept("scoring_sheets_per_second", "unavailable (" + MAIN + " failed or printed no figure)");
        }
    }
}
