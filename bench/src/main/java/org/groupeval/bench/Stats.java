package org.groupeval.bench;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of timings in nanoseconds, reported in milliseconds. */
final class Stats {

    private Stats() {
    }

    static double percentileMs(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
    }

    static double medianMs(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return median / 1_000_000.0;
    }

    /** Each timing in whole milliseconds, in the order taken: {@code "1301 1288 1342"}. */
    static String runsMs(long[] nanos) {
        StringBuilder out = new StringBuilder();
        for (long n : nanos) {
            out.append(out.isEmpty() ? "" : " ").append(Math.round(n / 1_000_000.0));
        }
        return out.toString();
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String fmt3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
