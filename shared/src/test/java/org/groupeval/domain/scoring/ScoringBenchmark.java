package org.groupeval.domain.scoring;

import org.groupeval.domain.framework.Framework;
import org.groupeval.domain.framework.FrameworkCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark, not a test (surefire skips it: the name does not end in Test). Scores random valid sheets of each
 * built-in framework, after a warm-up, for a few seconds each, and prints sheets per second. Run it as shown in
 * docs/frameworks.md, "Performance".
 */
public final class ScoringBenchmark {

    public static void main(String[] args) {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 3;
        for (Framework framework : FrameworkCatalog.builtIn().all()) {
            Random random = new Random(42);
            List<Map<String, Object>> sheets = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                sheets.add(RandomSheets.sheet(framework, random));
            }
            long sink = run(framework, sheets, 1_000_000_000L);             // warm-up: 1 s
            long start = System.nanoTime();
            long scored = run(framework, sheets, seconds * 1_000_000_000L);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long perSecond = Math.round(scored / elapsed);
            System.out.println("scoring_sheets_per_second_" + framework.id() + ": " + perSecond);
            System.out.printf("scoring_microseconds_per_sheet_%s: %.1f%n", framework.id(), 1e6 / perSecond);
            if (sink == 42) {
                System.out.println();
            }
        }
    }

    private static long run(Framework framework, List<Map<String, Object>> sheets, long nanos) {
        long deadline = System.nanoTime() + nanos;
        long count = 0;
        long sink = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 100; i++) {
                ScoredSheet scored = SheetScorer.score(framework, sheets.get((int) (count % sheets.size())),
                        ScoringMode.SUBMISSION);
                sink += scored.total().value().unscaledValue().intValue();
                count++;
            }
        }
        return sink == Long.MIN_VALUE ? -1 : count;
    }
}
