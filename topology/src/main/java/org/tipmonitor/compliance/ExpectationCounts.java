package org.tipmonitor.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Theme;

/**
 * The counts every expectation is made of, computed once for one set of reference data: how many recommendations
 * each kind of reporter may report on (in all and per theme), and from which instant each State party counts
 * (in all and per M49 region and sub-region). {@link Expectations#expected} asked these by scanning every country
 * and recommendation for each delta, which was a third of the aggregation's time; here an answer is a map lookup
 * and a binary search. The rules themselves stay in {@link Expectations}; this class only counts by them.
 */
public final class ExpectationCounts {

    /** Party-from instant of a State that counts as a party throughout (no date). */
    private static final long THROUGHOUT = Long.MIN_VALUE;
    private static final long[] NONE = new long[0];
    private static final Instant LATEST_MS = Instant.ofEpochMilli(Long.MAX_VALUE);
    private static final Instant EARLIEST_MS = Instant.ofEpochMilli(Long.MIN_VALUE);

    private final Map<ReporterType, Integer> reportable = new EnumMap<>(ReporterType.class);
    private final Map<ReporterType, Map<Theme, Integer>> reportableByTheme = new EnumMap<>(ReporterType.class);
    private final long[] partyFrom;
    private final Map<String, long[]> partyFromByRegion;
    private final Map<String, long[]> partyFromBySubregion;

    private ExpectationCounts(final List<Recommendation> recommendations, final List<Country> countries) {
        for (final ReporterType reporterType : ReporterType.values()) {
            int all = 0;
            final Map<Theme, Integer> byTheme = new EnumMap<>(Theme.class);
            for (final Recommendation recommendation : recommendations) {
                if (Addressing.isReportableBy(recommendation, reporterType)) {
                    all++;
                    // A recommendation listing a theme twice still counts once in it.
                    recommendation.getThemes().stream().distinct()
                        .forEach(theme -> byTheme.merge(theme, 1, Integer::sum));
                }
            }
            reportable.put(reporterType, all);
            reportableByTheme.put(reporterType, byTheme);
        }
        final List<Long> all = new ArrayList<>();
        final Map<String, List<Long>> byRegion = new HashMap<>();
        final Map<String, List<Long>> bySubregion = new HashMap<>();
        for (final Country country : countries) {
            if (!Expectations.isStateOfProtocol(country)) {
                continue;
            }
            final long from = Expectations.statePartyFrom(country).map(Instant::toEpochMilli).orElse(THROUGHOUT);
            all.add(from);
            add(byRegion, country.getRegion(), from);
            add(bySubregion, country.getSubRegion(), from);
        }
        partyFrom = sorted(all);
        partyFromByRegion = sortedByArea(byRegion);
        partyFromBySubregion = sortedByArea(bySubregion);
    }

    /** The counts of these reference data. */
    public static ExpectationCounts of(final List<Recommendation> recommendations, final List<Country> countries) {
        return new ExpectationCounts(recommendations, countries);
    }

    /** Recommendations a reporter of this kind may report on, in all ({@code theme} null) or of one theme. */
    int reportable(final ReporterType reporterType, final Theme theme) {
        return theme == null ? reportable.get(reporterType)
            : reportableByTheme.get(reporterType).getOrDefault(theme, 0);
    }

    /** States parties at {@code at}. */
    int stateParties(final Instant at) {
        return countAtOrBefore(partyFrom, at);
    }

    /** States parties at {@code at} in the M49 region or sub-region {@code m49}. */
    int statePartiesIn(final Dimension dimension, final String m49, final Instant at) {
        final Map<String, long[]> byArea = dimension == Dimension.REGION ? partyFromByRegion : partyFromBySubregion;
        return countAtOrBefore(byArea.getOrDefault(m49, NONE), at);
    }

    private static int countAtOrBefore(final long[] sortedFrom, final Instant at) {
        // Party-from instants are whole days, so comparing with the millisecond floor of `at` is exact; an instant
        // beyond what milliseconds hold is before or after every one of them (the rule itself takes any instant).
        final long atMs = at.isAfter(LATEST_MS) ? Long.MAX_VALUE : at.isBefore(EARLIEST_MS) ? Long.MIN_VALUE
            : at.toEpochMilli();
        int low = 0;
        int high = sortedFrom.length;
        while (low < high) {
            final int mid = (low + high) >>> 1;
            if (sortedFrom[mid] <= atMs) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static void add(final Map<String, List<Long>> byArea, final M49Area area, final long from) {
        if (area != null) {
            byArea.computeIfAbsent(area.getCode(), code -> new ArrayList<>()).add(from);
        }
    }

    private static Map<String, long[]> sortedByArea(final Map<String, List<Long>> byArea) {
        final Map<String, long[]> sorted = new HashMap<>();
        byArea.forEach((code, froms) -> sorted.put(code, sorted(froms)));
        return Map.copyOf(sorted);
    }

    private static long[] sorted(final List<Long> values) {
        final long[] array = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(array);
        return array;
    }
}
