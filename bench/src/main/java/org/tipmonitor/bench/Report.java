package org.tipmonitor.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tipmonitor.runtime.RestoreProgress;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/** The figures of one bench run, printed at the end as one table (markdown, to paste into docs/performance.md). */
final class Report {

    private final List<String> rows = new ArrayList<>();

    void line(final String what, final Stats stats, final String unit) {
        if (stats == null || stats.isEmpty()) {
            return;
        }
        final String format = "%,.0f";
        rows.add(row(what, stats.summary(format) + " " + unit));
    }

    void ratios(final Stats baselineA, final Stats baselineB, final Map<AppRun.Setup, Stats> app) {
        for (final Map.Entry<AppRun.Setup, Stats> entry : app.entrySet()) {
            rows.add(row("ratio " + entry.getKey().label() + " / baseline A",
                ratio(entry.getValue(), baselineA) + targetA(entry.getKey())));
            rows.add(row("ratio " + entry.getKey().label() + " / baseline B", ratio(entry.getValue(), baselineB)));
        }
        for (final Map.Entry<AppRun.Setup, Stats> eos : app.entrySet()) {
            if (!StreamsConfig.EXACTLY_ONCE_V2.equals(eos.getKey().guarantee())) {
                continue;
            }
            app.entrySet().stream()
                .filter(e -> !StreamsConfig.EXACTLY_ONCE_V2.equals(e.getKey().guarantee())
                    && e.getKey().threads() == eos.getKey().threads())
                .findFirst()
                .ifPresent(alos -> rows.add(row("ratio EOS / ALOS, " + eos.getKey().threads() + "t",
                    ratio(eos.getValue(), alos.getValue()))));
        }
    }

    private static String targetA(final AppRun.Setup setup) {
        return StreamsConfig.EXACTLY_ONCE_V2.equals(setup.guarantee()) ? " (target >= 0.35)" : " (target >= 0.50)";
    }

    /** Median of the ratio of medians, with the range from the worst to the best pairing of extremes. */
    private static String ratio(final Stats numerator, final Stats denominator) {
        return String.format(Locale.ROOT, "%.3f (%.3f - %.3f)", numerator.median() / denominator.median(),
            numerator.min() / denominator.max(), numerator.max() / denominator.min());
    }

    void restore(final double running, final double correct, final long changelogRecords,
                 final RestoreProgress.Totals restored) {
        rows.add(row("6. restore: wipe state, restart -> RUNNING", String.format(Locale.ROOT, "%.2f s", running)));
        rows.add(row("6. restore -> first correct whole country table",
            String.format(Locale.ROOT, "%.2f s; %,d changelog records / that time -> %,.0f records/s",
                correct, changelogRecords, changelogRecords / correct)));
        rows.add(row("6. restore rate (the instance's restore listener: records / time some store restored)",
            String.format(Locale.ROOT, "%,.0f records/s (%,d records in %.2f s, %d store partitions; target >= 100,000)",
                restored.recordsPerSecond(), restored.records(), restored.restoringNanos() / 1e9,
                restored.storesRestored())));
    }

    void latency(final AppRun.Setup setup, final LatencyProbe.Result result) {
        final Stats s = result.latenciesMs();
        if (s.isEmpty()) {
            rows.add(row("4. end to end latency", "no probe seen"));
            return;
        }
        rows.add(row("4. end to end latency " + setup.label() + " at " + Math.round(result.rate())
                + " submissions/s (send -> country row)",
            String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, p99.9 %.0f ms, max %.0f ms (%d of %d seen)",
                s.percentile(50), s.percentile(99), s.percentile(99.9), s.max(), result.seen(), result.sent())));
    }

    void query(final QueryLoad.Result result) {
        final Stats s = result.latenciesMs();
        if (s.isEmpty()) {
            rows.add(row("5. query " + result.name(), "no answer (" + result.failures() + " failures)"));
            return;
        }
        rows.add(row("5. query, " + result.clients() + (result.clients() == 1 ? " client: " : " clients: ")
                + result.name(),
            String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms; %,.0f/s; %d failures; %,d bytes"
                    + " per answer", s.percentile(50), s.percentile(99), s.percentile(99.9), result.perSecond(),
                result.failures(), result.meanBytes())));
    }

    void memory(final String what) {
        rows.add(row(what, String.format(Locale.ROOT, "peak RSS %,d MiB (whole JVM: broker, bench, application),"
                + " RSS now %,d MiB, peak heap %,d MiB of max %,d MiB", Memory.peakRssMiB(), Memory.rssMiB(),
            Memory.peakHeapMiB(), Memory.maxHeapMiB())));
    }

    void print(final PrintStream out) {
        out.println("| measure | median (min - max) |");
        out.println("|---|---|");
        rows.forEach(out::println);
    }

    private static String row(final String what, final String value) {
        return "| " + what + " | " + value + " |";
    }
}
