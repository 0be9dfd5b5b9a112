package org.tipmonitor.alerts;

import java.util.List;
import java.util.Optional;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.compliance.StatusOrder;

/**
 * VIEWS_DIFFER (INFO, LOW): civil society or a national human rights institution sees a country's implementation
 * of a recommendation {@code minSteps} or more steps away from what the State itself reports, in either direction.
 * Worth knowing for a dialogue (paras 5, 20), never labelled a State's gap: the wording only sets the two views
 * side by side. It resolves when the gap narrows below that, or when either side is outside the order
 * (NOT_APPLICABLE, CONSIDERED_NOT_ADOPTED: no distance).
 */
public final class ViewsDifferRule {

    private ViewsDifferRule() {
    }

    /** Whether the two statuses are {@code minSteps} or more apart; never when either is missing or unordered. */
    public static boolean differ(final ImplementationStatus state, final ImplementationStatus other,
                                 final int minSteps) {
        return state != null && other != null && StatusOrder.isOrdered(state) && StatusOrder.isOrdered(other)
            && Math.abs(StatusOrder.order(state) - StatusOrder.order(other)) >= minSteps;
    }

    /**
     * @param other       the non-State reporter kind (CIVIL_SOCIETY or NHRI)
     * @param state       the State's latest status, or null if it has not reported
     * @param otherStatus the other reporter's latest status, or null if it has not reported
     */
    public static Optional<AlertDraft> evaluate(final Country country, final String iso3,
                                                final Recommendation recommendation, final String recommendationId,
                                                final ReporterType other, final ImplementationStatus state,
                                                final ImplementationStatus otherStatus, final int minSteps,
                                                final String submissionId) {
        if (!differ(state, otherStatus, minSteps)) {
            return Optional.empty();
        }
        final int steps = Math.abs(StatusOrder.order(state) - StatusOrder.order(otherStatus));
        final String reason = "On " + AlertTexts.paragraph(recommendation, recommendationId) + " in "
            + AlertTexts.country(country, iso3) + ", " + reporter(other) + " reports "
            + AlertTexts.status(otherStatus) + ", the State reports " + AlertTexts.status(state) + ".";
        return Optional.of(new AlertDraft(AlertIds.viewsDiffer(other, iso3, recommendationId),
            AlertKind.VIEWS_DIFFER, AlertSeverity.LOW, AlertCategory.INFO, other, iso3, AlertTexts.region(country),
            recommendationId, null, reason,
            List.of("STATE: " + state, other + ": " + otherStatus, "stepsApart: " + steps), submissionId));
    }

    public static String resolution(final ImplementationStatus state, final ImplementationStatus otherStatus) {
        return "the State (" + AlertTexts.status(state) + ") and the other reporter (" + AlertTexts.status(otherStatus)
            + ") are now less than the threshold apart, or one of them is outside the order";
    }

    private static String reporter(final ReporterType other) {
        return other == ReporterType.NHRI ? "the national human rights institution" : "civil society";
    }
}
