package org.tipmonitor.alerts;

import java.util.List;
import java.util.Optional;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.compliance.StatusOrder;

/**
 * DIVERGENCE (MEDIUM, GAP): civil society or a national human rights institution sees a country's implementation of
 * a recommendation {@code minSteps} or more steps away from what the State itself reports (in either direction).
 * It resolves when the gap narrows below that, or when either side is NOT_APPLICABLE (outside the order, so no
 * distance).
 */
public final class DivergenceRule {

    private DivergenceRule() {
    }

    /** Whether the two statuses are {@code minSteps} or more apart; never when either is missing or unordered. */
    public static boolean diverges(final ImplementationStatus state, final ImplementationStatus other,
                                   final int minSteps) {
        return state != null && other != null && StatusOrder.isOrdered(state) && StatusOrder.isOrdered(other)
            && Math.abs(StatusOrder.order(state) - StatusOrder.order(other)) >= minSteps;
    }

    /**
     * @param other       the non-State reporter kind (CIVIL_SOCIETY or NHRI)
     * @param state       the State's latest status, or null if it has not reported
     * @param otherStatus the other reporter's latest status, or null if it has not reported
     */
    public static Optional<AlertDraft> evaluate(final String country, final String recommendationId,
                                                final ReporterType other, final ImplementationStatus state,
                                                final ImplementationStatus otherStatus, final int minSteps,
                                                final String submissionId) {
        if (!diverges(state, otherStatus, minSteps)) {
            return Optional.empty();
        }
        final int steps = Math.abs(StatusOrder.order(state) - StatusOrder.order(otherStatus));
        return Optional.of(new AlertDraft(AlertIds.divergence(other, country, recommendationId),
            AlertKind.DIVERGENCE, AlertSeverity.MEDIUM, AlertCategory.GAP, other, country, recommendationId, null,
            other + " reports " + country + "'s implementation of " + recommendationId + " as " + otherStatus
                + ", the State as " + state + ": " + steps + " steps apart",
            List.of("STATE: " + state, other + ": " + otherStatus, "steps apart: " + steps), submissionId));
    }

    public static String resolution(final ImplementationStatus state, final ImplementationStatus otherStatus) {
        return "the State (" + state + ") and the other reporter (" + otherStatus + ") are now less than the"
            + " threshold apart, or one of them is outside the order";
    }
}
