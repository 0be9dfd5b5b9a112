package org.tipmonitor.alerts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cut-offs of the reporting cycles, one per Global Report edition. A submission belongs to the cycle whose
 * cut-off is the first at or after its submittedAt; a cycle begins just after the previous cut-off, the first one
 * at the Working Group meeting of 8 November 2013.
 *
 * <p>Kept small on purpose: the cycles part of the system has its own calendar, with which this is to be unified;
 * until then the alerts read the same {@code tip.cycles.cutoffs} setting.
 */
public final class ReportingCutoffs {

    /** The Working Group's meeting of 6-8 November 2013, from which the recommendations of its report apply. */
    public static final Instant DEFAULT_FIRST_CYCLE_BEGINS = Instant.parse("2013-11-08T00:00:00Z");

    private static final int FIRST_DEFAULT_EDITION = 2014;
    private static final int LAST_DEFAULT_EDITION = 2030;

    private final List<ReportingCycle> cycles;

    private ReportingCutoffs(final List<ReportingCycle> cycles) {
        this.cycles = List.copyOf(cycles);
    }

    /** 30 June 00:00 UTC of every even year from 2014 to 2030: the Global Report is biennial, in even years. */
    public static ReportingCutoffs defaults() {
        final List<Instant> cutoffs = new ArrayList<>();
        for (int year = FIRST_DEFAULT_EDITION; year <= LAST_DEFAULT_EDITION; year += 2) {
            cutoffs.add(Instant.parse(year + "-06-30T00:00:00Z"));
        }
        return of(DEFAULT_FIRST_CYCLE_BEGINS, cutoffs);
    }

    /**
     * Cycles from their cut-offs, in any order; each edition is its cut-off's UTC year.
     *
     * @throws IllegalArgumentException if there is no cut-off, two fall in the same year, or one is not after
     *                                  {@code firstCycleBegins}
     */
    public static ReportingCutoffs of(final Instant firstCycleBegins, final List<Instant> cutoffs) {
        Objects.requireNonNull(firstCycleBegins, "firstCycleBegins");
        if (cutoffs.isEmpty()) {
            throw new IllegalArgumentException("at least one cut-off is needed");
        }
        final List<Instant> sorted = new ArrayList<>(cutoffs);
        Collections.sort(sorted);
        final List<ReportingCycle> cycles = new ArrayList<>();
        Instant previous = null;
        for (final Instant cutoff : sorted) {
            final int edition = cutoff.atZone(ZoneOffset.UTC).getYear();
            if (previous != null && previous.atZone(ZoneOffset.UTC).getYear() == edition) {
                throw new IllegalArgumentException("two cut-offs in " + edition + " (" + previous + ", " + cutoff
                    + "): a cycle is named by its cut-off's year");
            }
            if (!cutoff.isAfter(firstCycleBegins)) {
                throw new IllegalArgumentException("cut-off " + cutoff + " is not after the first cycle's start "
                    + firstCycleBegins);
            }
            cycles.add(new ReportingCycle(edition, previous == null ? firstCycleBegins : previous, cutoff, previous));
            previous = cutoff;
        }
        return new ReportingCutoffs(cycles);
    }

    /** Cycles from comma-separated ISO-8601 instants, e.g. {@code 2014-06-30T00:00:00Z,2016-06-30T00:00:00Z}. */
    public static ReportingCutoffs parse(final String cutoffs, final Instant firstCycleBegins) {
        final List<Instant> instants = new ArrayList<>();
        for (final String part : cutoffs.split(",")) {
            final String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                instants.add(Instant.parse(trimmed));
            } catch (final DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 instant (e.g. 2016-06-30T00:00:00Z): " + trimmed,
                    e);
            }
        }
        return of(firstCycleBegins, instants);
    }

    /** Every cycle, oldest first. */
    public List<ReportingCycle> cycles() {
        return cycles;
    }

    /** The cycle a submission made at {@code submittedAt} belongs to; empty after the last cut-off. */
    public Optional<ReportingCycle> cycleOf(final Instant submittedAt) {
        return cycles.stream().filter(cycle -> !submittedAt.isAfter(cycle.cutoff())).findFirst();
    }

    public Optional<ReportingCycle> edition(final int edition) {
        return cycles.stream().filter(cycle -> cycle.edition() == edition).findFirst();
    }

    /** The cycles whose cut-off is after {@code after} (null: from the first) and at or before {@code upTo}. */
    public List<ReportingCycle> passedBetween(final Instant after, final Instant upTo) {
        final List<ReportingCycle> passed = new ArrayList<>();
        for (final ReportingCycle cycle : cycles) {
            if ((after == null || cycle.cutoff().isAfter(after)) && !cycle.cutoff().isAfter(upTo)) {
                passed.add(cycle);
            }
        }
        return passed;
    }

    /** The last cycle whose cut-off is at or before {@code instant}, if any. */
    public Optional<ReportingCycle> lastPassedBy(final Instant instant) {
        ReportingCycle last = null;
        for (final ReportingCycle cycle : cycles) {
            if (!cycle.cutoff().isAfter(instant)) {
                last = cycle;
            }
        }
        return Optional.ofNullable(last);
    }

    /** The cycle {@code count} cycles before {@code cycle}, if the calendar reaches back that far. */
    public Optional<ReportingCycle> cyclesBefore(final ReportingCycle cycle, final int count) {
        final int index = cycles.indexOf(cycle);
        if (index < 0) {
            throw new IllegalArgumentException("not a cycle of this calendar: " + cycle);
        }
        return index - count >= 0 ? Optional.of(cycles.get(index - count)) : Optional.empty();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ReportingCutoffs && ((ReportingCutoffs) other).cycles.equals(cycles);
    }

    @Override
    public int hashCode() {
        return cycles.hashCode();
    }

    @Override
    public String toString() {
        return "ReportingCutoffs" + cycles;
    }
}
