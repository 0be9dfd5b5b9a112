package org.tipmonitor.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.compliance.Expectations;
import org.tipmonitor.cycles.Cycle;
import org.tipmonitor.cycles.CycleCalendar;

/**
 * STALE (LOW, GAP): a State party that has reported before sent nothing in the last {@code staleCycles} cycles: the
 * latest submittedAt of its State row of the by-country table is at or before the cut-off that many cycles back
 * from the judged one (the threshold). A State that never reported has no row and is left to NOT_REPORTED, which
 * names what it owes; where STALE holds, NOT_REPORTED is not raised for the same State and cycle (the engine asks
 * STALE first), so the two never overlap. A State that became a party after the threshold has not been silent as
 * a party for the whole stretch. It resolves when the State submits again, or when it stops being a State party.
 */
public final class StaleRule {

    private StaleRule() {
    }

    /** The cycle whose cut-off is the threshold, {@code staleCycles} before {@code judged}, if any. */
    public static Optional<Cycle> thresholdCycle(final CycleCalendar calendar, final Cycle judged,
                                                 final int staleCycles) {
        return calendar.cyclesBefore(judged, staleCycles);
    }

    /**
     * @param country   the country's reference entry, or null if it left the reference data
     * @param row       its STATE row of the by-country table, or null if it has none
     * @param threshold the cycle whose cut-off the last report must be after
     * @param judged    the latest judged cycle
     */
    public static Optional<AlertDraft> evaluate(final Country country, final ComplianceRow row,
                                                final Cycle threshold, final Cycle judged) {
        if (country == null || row == null || row.getLastSubmittedAt() == null
            || !Expectations.isStateParty(country, threshold.cutoff())) {
            return Optional.empty();
        }
        final Instant last = row.getLastSubmittedAt();
        if (last.isAfter(threshold.cutoff())) {
            return Optional.empty();
        }
        final String iso3 = country.getIso3();
        return Optional.of(new AlertDraft(AlertIds.stale(iso3), AlertKind.STALE, AlertSeverity.LOW,
            AlertCategory.GAP, ReporterType.STATE, iso3, AlertTexts.region(country), null, AlertIds.cycle(judged),
            country.getNameEn() + ", a State party that reported before, has sent no report since "
                + AlertTexts.day(last) + ", nothing in the cycles after the " + threshold.edition()
                + " cut-off up to the " + judged.edition() + " one.",
            List.of("lastSubmittedAt: " + last, "silent since cut-off: " + threshold.cutoff(),
                "judged cut-off: " + judged.cutoff()),
            null));
    }

    public static String resolution(final Country country, final ComplianceRow row) {
        if (country == null || !Expectations.isState(country)) {
            return "no longer a State party";
        }
        if (row == null || row.getLastSubmittedAt() == null) {
            return "no State report of it is counted any longer";
        }
        return "reported again (latest State submission " + row.getLastSubmittedAt() + ")";
    }
}
