package org.tipmonitor.alerts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.compliance.ComplianceRows;

/**
 * LOW_UPTAKE (MEDIUM, PRIORITY): a recommendation worded SHOULD (an obligation of conduct; options such as "may
 * consider" are not judged by uptake) that enough States parties report on (at least {@code minReporters}) but few
 * have implemented: the implementation rate, over the applicable responses, below {@code rateBelow}. A priority for
 * technical assistance. The condition is the whole rule, so the alert also resolves when reporting States parties
 * drop under the minimum or the recommendation stops being a SHOULD, and re-opens with the same id.
 */
public final class LowUptakeRule {

    private LowUptakeRule() {
    }

    /** The alert on the State row of a recommendation of the by-recommendation table, when the rule holds. */
    public static Optional<AlertDraft> evaluate(final ComplianceRow row, final Recommendation recommendation,
                                                final int minReporters, final double rateBelow) {
        if (row.getDimension() != Dimension.RECOMMENDATION || row.getReporterType() != ReporterType.STATE
            || recommendation == null || recommendation.getForce() != Force.SHOULD) {
            return Optional.empty();
        }
        final Double rate = row.getImplementationRate();
        final int reporting = row.getReportedByParties();
        if (reporting < minReporters || rate == null || rate >= rateBelow) {
            return Optional.empty();
        }
        final String recommendationId = row.getKey();
        final int implemented = ComplianceRows.implemented(row.getCounts());
        final String reason = "Of the " + AlertTexts.plural(row.getApplicable(), "applicable State response")
            + " on " + AlertTexts.paragraph(recommendation, recommendationId) + ", " + implemented
            + " report it implemented (" + percent(rate) + ", below " + percent(rateBelow) + "), with "
            + reporting + " States parties reporting (at least " + minReporters + " needed).";
        return Optional.of(new AlertDraft(AlertIds.lowUptake(recommendationId), AlertKind.LOW_UPTAKE,
            AlertSeverity.MEDIUM, AlertCategory.PRIORITY, ReporterType.STATE, null, null, recommendationId, null,
            reason,
            List.of("force: " + recommendation.getForce(), "reportingStatesParties: " + reporting,
                "minReporters: " + minReporters, "applicable: " + row.getApplicable(),
                "implemented: " + implemented, String.format(Locale.ROOT, "implementationRate: %.3f", rate),
                String.format(Locale.ROOT, "rateBelow: %.3f", rateBelow)),
            null));
    }

    public static String resolution(final ComplianceRow row, final Recommendation recommendation,
                                    final int minReporters, final double rateBelow) {
        if (row == null) {
            return "no State reports on the recommendation any longer";
        }
        if (recommendation == null || recommendation.getForce() != Force.SHOULD) {
            return "the recommendation is not worded SHOULD; LOW_UPTAKE judges only obligations of conduct";
        }
        if (row.getReportedByParties() < minReporters) {
            return "fewer than " + minReporters + " States parties report on it (" + row.getReportedByParties() + ")";
        }
        return "the implementation rate is " + (row.getImplementationRate() == null ? "undefined"
            : percent(row.getImplementationRate())) + ", not below " + percent(rateBelow);
    }

    private static String percent(final double rate) {
        return String.format(Locale.ROOT, "%.0f%%", rate * 100);
    }
}
