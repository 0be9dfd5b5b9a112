package org.tipmonitor.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.compliance.Expectations;

/**
 * STALE (LOW, GAP): a State party that has reported before has been silent for {@code staleCycles} whole cycles:
 * the latest submittedAt of its State row of the by-country table is at or before the cut-off that many cycles
 * back from the latest passed cut-off (the threshold). A State that never reported has no row and is left to
 * OVERDUE, which names what it owes; a State that became a party after the threshold has not been silent as a
 * party for the whole stretch. It resolves when the State submits again (its row's latest submittedAt passes the
 * threshold), or when it stops being a party.
 */
public final class StaleRule {

    private StaleRule() {
    }

    /** The cycle whose cut-off is the threshold, {@code staleCycles} before {@code latestPassed}, if any. */
    public static Optional<ReportingCycle> thresholdCycle(final ReportingCutoffs cutoffs,
                                                          final ReportingCycle latestPassed,
                                                          final int staleCycles) {
        return cutoffs.cyclesBefore(latestPassed, staleCycles);
    }

    /**
     * @param country      the country's reference entry, or null if it left the reference data
     * @param row          its STATE row of the by-country table, or null if it has none
     * @param threshold    the cycle whose cut-off the last report must be after
     * @param latestPassed the latest passed cycle
     */
    public static Optional<AlertDraft> evaluate(final Country country, final ComplianceRow row,
                                                final ReportingCycle threshold, final ReportingCycle latestPassed) {
        if (country == null || row == null || row.getLastSubmittedAt() == null || !Expectations.isParty(country)) {
            return Optional.empty();
        }
        final LocalDate since = country.getProtocolPartySince();
        if (since != null && OverdueRule.startOfDay(since).isAfter(threshold.cutoff())) {
            return Optional.empty();
        }
        final Instant last = row.getLastSubmittedAt();
        if (last.isAfter(threshold.cutoff())) {
            return Optional.empty();
        }
        final String iso3 = country.getIso3();
        return Optional.of(new AlertDraft(AlertIds.stale(iso3), AlertKind.STALE, AlertSeverity.LOW,
            AlertCategory.GAP, ReporterType.STATE, iso3, null, latestPassed.label(),
            iso3 + ", a State party, has sent no State report since " + last + ": nothing after the "
                + threshold.edition() + " cut-off, up to the " + latestPassed.edition() + " one",
            List.of("lastSubmittedAt: " + last, "silent since cut-off: " + threshold.cutoff(),
                "latest passed cut-off: " + latestPassed.cutoff()),
            null));
    }

    public static String resolution(final Country country, final ComplianceRow row) {
        if (country == null || !Expectations.isParty(country)) {
            return "no longer a State party";
        }
        if (row == null || row.getLastSubmittedAt() == null) {
            return "no State report of it is counted any longer";
        }
        return "reported again (latest State submission " + row.getLastSubmittedAt() + ")";
    }
}
