package org.tipmonitor.alerts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.ReporterType;

/**
 * LOW_UPTAKE (MEDIUM, PRIORITY): a recommendation that enough States report on (at least {@code minReporters}) but
 * few have implemented (implementation rate below {@code rateBelow}): a priority for technical assistance. The
 * condition is the whole rule, so the alert also resolves when reporters drop under the minimum (a cell leaves the
 * row when its country or the recommendation leaves the reference data): below it the rate says too little to
 * keep an alert open, and it re-opens, with the same id, once enough report again.
 */
public final class LowUptakeRule {

    private LowUptakeRule() {
    }

    /** The alert for a STATE row of the by-recommendation table, when the rule holds. */
    public static Optional<AlertDraft> evaluate(final ComplianceRow row, final int minReporters,
                                                final double rateBelow) {
        if (row.getDimension() != Dimension.RECOMMENDATION || row.getReporterType() != ReporterType.STATE) {
            return Optional.empty();
        }
        final Double rate = row.getImplementationRate();
        if (row.getReported() < minReporters || rate == null || rate >= rateBelow) {
            return Optional.empty();
        }
        final String recommendationId = row.getKey();
        final int implemented = row.getCounts().getIMPLEMENTED();
        return Optional.of(new AlertDraft(AlertIds.lowUptake(recommendationId), AlertKind.LOW_UPTAKE,
            AlertSeverity.MEDIUM, AlertCategory.PRIORITY, ReporterType.STATE, null, recommendationId, null,
            implemented + " of " + row.getApplicable() + " States reporting " + recommendationId
                + " as applicable have implemented it (" + percent(rate) + "), below " + percent(rateBelow),
            List.of("reported: " + row.getReported(), "applicable: " + row.getApplicable(),
                "implemented: " + implemented, String.format(Locale.ROOT, "implementationRate: %.3f", rate)),
            null));
    }

    public static String resolution(final ComplianceRow row, final int minReporters, final double rateBelow) {
        if (row == null) {
            return "no State reports on the recommendation any longer";
        }
        if (row.getReported() < minReporters) {
            return "fewer than " + minReporters + " States report on it (" + row.getReported() + ")";
        }
        return "the implementation rate is " + (row.getImplementationRate() == null ? "undefined"
            : percent(row.getImplementationRate())) + ", not below " + percent(rateBelow);
    }

    private static String percent(final double rate) {
        return String.format(Locale.ROOT, "%.0f%%", rate * 100);
    }
}
