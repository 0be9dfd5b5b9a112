package org.tipmonitor.cycles;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The reporting cycles of the biennial Global Report on Trafficking in Persons (para 44), as a list of cut-off
 * instants, one per edition, and how often the topology checks whether a cut-off has passed. Immutable.
 *
 * <p>By default the cut-off of edition YYYY is {@code YYYY-06-30T00:00:00Z} for every even year from 2014 to 2030
 * (editions appear in even years, usually in December, so a mid-year cut-off leaves UNODC time to use the data).
 * The first cycle begins at the end of the 2013 Working Group meeting (2013-11-08T00:00:00Z); every later cycle
 * begins just after the previous cut-off.
 *
 * <p>Keys: {@value #CUTOFFS} (comma-separated ISO-8601 instants; each cut-off names its edition by its UTC year),
 * {@value #FIRST_BEGINS} (ISO-8601 instant) and {@value #SNAPSHOT_INTERVAL} (ISO-8601 duration, default PT30S).
 */
public final class CycleCalendar {

    public static final String CUTOFFS = "tip.cycles.cutoffs";
    public static final String FIRST_BEGINS = "tip.cycles.first-begins";
    public static final String SNAPSHOT_INTERVAL = "tip.cycles.snapshot-interval";

    /** The 2013 Working Group meeting (Vienna, 6-8 November 2013) ended on 8 November. */
    public static final Instant DEFAULT_FIRST_BEGINS = Instant.parse("2013-11-08T00:00:00Z");
    public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofSeconds(30);

    private static final int FIRST_DEFAULT_EDITION = 2014;
    private static final int LAST_DEFAULT_EDITION = 2030;

    private final List<Cycle> cycles;
    private final Duration snapshotInterval;

    private CycleCalendar(final List<Cycle> cycles, final Duration snapshotInterval) {
        this.cycles = List.copyOf(cycles);
        this.snapshotInterval = snapshotInterval;
    }

    /**
     * Cycles from cut-offs in increasing order, each in a different UTC year.
     *
     * @throws IllegalArgumentException if the cut-offs are empty, not increasing, share a year, or the first does
     *                                  not come after {@code firstBegins}
     */
    public static CycleCalendar of(final Instant firstBegins, final List<Instant> cutoffs,
                                   final Duration snapshotInterval) {
        Objects.requireNonNull(firstBegins, "firstBegins");
        Objects.requireNonNull(snapshotInterval, "snapshotInterval");
        if (cutoffs.isEmpty()) {
            throw new IllegalArgumentException(CUTOFFS + ": at least one cut-off is needed");
        }
        if (snapshotInterval.isNegative() || snapshotInterval.isZero()) {
            throw new IllegalArgumentException(SNAPSHOT_INTERVAL + ": must be positive: " + snapshotInterval);
        }
        final List<Cycle> cycles = new ArrayList<>();
        Instant begins = firstBegins;
        for (final Instant cutoff : cutoffs) {
            final int edition = cutoff.atZone(ZoneOffset.UTC).getYear();
            if (!cycles.isEmpty() && cycles.get(cycles.size() - 1).edition() == edition) {
                throw new IllegalArgumentException(CUTOFFS + ": two cut-offs in " + edition
                    + " would name the same edition");
            }
            if (!begins.isBefore(cutoff)) {
                throw new IllegalArgumentException(CUTOFFS + ": cut-offs must increase and follow " + FIRST_BEGINS
                    + " (" + cutoff + " does not come after " + begins + ")");
            }
            cycles.add(new Cycle(edition, begins, cutoff));
            begins = cutoff;
        }
        return new CycleCalendar(cycles, snapshotInterval);
    }

    /** June 30 of every even year from 2014 to 2030, from the end of the 2013 meeting, checked every 30 s. */
    public static CycleCalendar defaults() {
        final List<Instant> cutoffs = new ArrayList<>();
        for (int year = FIRST_DEFAULT_EDITION; year <= LAST_DEFAULT_EDITION; year += 2) {
            cutoffs.add(Instant.parse(year + "-06-30T00:00:00Z"));
        }
        return of(DEFAULT_FIRST_BEGINS, cutoffs, DEFAULT_SNAPSHOT_INTERVAL);
    }

    /** Settings from {@code tip.cycles.*} properties; absent keys keep their defaults. */
    public static CycleCalendar from(final Map<String, ?> properties) {
        final CycleCalendar defaults = defaults();
        final Object cutoffs = properties.get(CUTOFFS);
        final Object firstBegins = properties.get(FIRST_BEGINS);
        final Object interval = properties.get(SNAPSHOT_INTERVAL);
        return of(
            firstBegins == null ? DEFAULT_FIRST_BEGINS : instant(FIRST_BEGINS, firstBegins.toString()),
            cutoffs == null ? defaults.cutoffs() : instants(cutoffs.toString()),
            interval == null ? DEFAULT_SNAPSHOT_INTERVAL : duration(interval));
    }

    /** Every cycle, oldest first. */
    public List<Cycle> cycles() {
        return cycles;
    }

    /** The cycle a submission made at this instant belongs to: the first whose cut-off is at or after it. */
    public Optional<Cycle> cycleOf(final Instant submittedAt) {
        for (final Cycle cycle : cycles) {
            if (cycle.contains(submittedAt)) {
                return Optional.of(cycle);
            }
        }
        return Optional.empty();
    }

    /** The cycles whose cut-off has passed at {@code now} (strictly before it), oldest first. */
    public List<Cycle> passedAt(final Instant now) {
        final List<Cycle> passed = new ArrayList<>();
        for (final Cycle cycle : cycles) {
            if (cycle.hasPassedAt(now)) {
                passed.add(cycle);
            }
        }
        return passed;
    }

    /** The cycle of an edition, e.g. 2016. */
    public Optional<Cycle> edition(final int edition) {
        return cycles.stream().filter(c -> c.edition() == edition).findFirst();
    }

    /** How often (wall clock and stream time) the topology checks whether a cut-off has passed. */
    public Duration snapshotInterval() {
        return snapshotInterval;
    }

    private List<Instant> cutoffs() {
        return cycles.stream().map(Cycle::cutoff).toList();
    }

    private static List<Instant> instants(final String value) {
        final List<Instant> instants = new ArrayList<>();
        for (final String part : value.split(",", -1)) {
            final String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                instants.add(instant(CUTOFFS, trimmed));
            }
        }
        return instants;
    }

    private static Instant instant(final String key, final String value) {
        try {
            return Instant.parse(value.trim());
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": not an ISO-8601 instant (e.g. 2016-06-30T00:00:00Z): "
                + value, e);
        }
    }

    private static Duration duration(final Object value) {
        try {
            return value instanceof Duration ? (Duration) value : Duration.parse(value.toString().trim());
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException(SNAPSHOT_INTERVAL + ": not an ISO-8601 duration (e.g. PT30S): "
                + value, e);
        }
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof CycleCalendar other && cycles.equals(other.cycles)
            && snapshotInterval.equals(other.snapshotInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cycles, snapshotInterval);
    }

    @Override
    public String toString() {
        return "CycleCalendar" + cycles + " every " + snapshotInterval;
    }
}
