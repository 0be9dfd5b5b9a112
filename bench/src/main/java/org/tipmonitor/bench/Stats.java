package org.tipmonitor.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Figures of repeated measurements: min, median, max; and percentiles of latency samples. */
final class Stats {

    private final List<Double> values = new ArrayList<>();

    Stats add(final double value) {
        values.add(value);
        return this;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    int count() {
        return values.size();
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        return sorted().get(values.size() - 1);
    }

    double median() {
        final List<Double> sorted = sorted();
        final int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Nearest-rank percentile, p in (0, 100]. */
    double percentile(final double p) {
        final List<Double> sorted = sorted();
        final int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private List<Double> sorted() {
        if (values.isEmpty()) {
            throw new IllegalStateException("no values");
        }
        final List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }

    /** "median (min-max)" with the given format for each value. */
    String summary(final String format) {
        if (values.isEmpty()) {
            return "n/a";
        }
        return String.format(Locale.ROOT, format + " (" + format + " - " + format + ")", median(), min(), max());
    }
}
