package org.tipmonitor.alerts;

import java.util.List;
import java.util.Optional;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.compliance.StatusOrder;

/**
 * REGRESSION (GAP; HIGH on a SHOULD recommendation, else MEDIUM): a State's own latest status of a recommendation
 * falls in the order. The alert stays open until the cell regains the level it fell from (further falls keep that
 * level; partial recoveries do not resolve). NOT_APPLICABLE and CONSIDERED_NOT_ADOPTED stand outside the order:
 * moving to or from them is never a fall, and a cell that reaches one is no longer below anything, so its
 * regression resolves.
 */
public final class RegressionRule {

    private RegressionRule() {
    }

    /**
     * The level the cell must regain after it moved from {@code previous} to {@code now}, or null when no
     * regression is open.
     *
     * @param previous the cell's status before, or null for its first status
     * @param regain   the level to regain before the move, or null if no regression was open
     */
    public static ImplementationStatus regainAfter(final ImplementationStatus previous,
                                                   final ImplementationStatus regain,
                                                   final ImplementationStatus now) {
        if (!StatusOrder.isOrdered(now)) {
            return null;
        }
        if (regain != null) {
            return StatusOrder.order(now) >= StatusOrder.order(regain) ? null : regain;
        }
        if (previous != null && StatusOrder.isOrdered(previous)
            && StatusOrder.order(now) < StatusOrder.order(previous)) {
            return previous;
        }
        return null;
    }

    /**
     * The level to regain after a cell's statuses in date order (oldest first): {@link #regainAfter} folded over
     * them; null when no regression is open after the last.
     */
    public static ImplementationStatus regainOver(final List<ImplementationStatus> statusesByDate) {
        ImplementationStatus previous = null;
        ImplementationStatus regain = null;
        for (final ImplementationStatus status : statusesByDate) {
            regain = regainAfter(previous, regain, status);
            previous = status;
        }
        return regain;
    }

    /** The alert while a regression is open ({@code regain} not null); HIGH on a SHOULD recommendation. */
    public static Optional<AlertDraft> draft(final Country country, final String iso3,
                                             final Recommendation recommendation, final String recommendationId,
                                             final ImplementationStatus regain, final ImplementationStatus now,
                                             final String submissionId) {
        if (regain == null) {
            return Optional.empty();
        }
        final boolean should = recommendation != null && recommendation.getForce() == Force.SHOULD;
        return Optional.of(new AlertDraft(AlertIds.regression(iso3, recommendationId), AlertKind.REGRESSION,
            should ? AlertSeverity.HIGH : AlertSeverity.MEDIUM, AlertCategory.GAP, ReporterType.STATE, iso3,
            AlertTexts.region(country), recommendationId, null,
            AlertTexts.country(country, iso3) + " reports that its implementation of "
                + AlertTexts.paragraph(recommendation, recommendationId) + " fell from " + AlertTexts.status(regain)
                + " to " + AlertTexts.status(now) + ".",
            List.of("before the fall: " + regain, "now: " + now), submissionId));
    }

    public static String resolution(final ImplementationStatus now) {
        return StatusOrder.isOrdered(now) ? "back to " + now + ", the level before the fall or above"
            : "now " + now + ", outside the order of implementation";
    }
}
