package org.tipmonitor.api;

import java.time.Instant;
import java.util.List;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.AlertStatus;
import org.tipmonitor.avro.ReporterType;

/** Alerts for the API tests. */
final class TestAlerts {

    private TestAlerts() {
    }

    /** The alert as the fan-out gets it, at a made-up position. */
    static AlertEvent event(final Alert alert) {
        return new AlertEvent(alert, AlertPositions.of(java.util.Map.of(0, 1L)));
    }

    static Alert regression(final String country, final String recommendationId, final Instant openedAt) {
        return Alert.newBuilder()
            .setAlertId("REGRESSION|STATE|" + country + "|" + recommendationId)
            .setKind(AlertKind.REGRESSION)
            .setSeverity(AlertSeverity.HIGH)
            .setCategory(AlertCategory.GAP)
            .setStatus(AlertStatus.OPEN)
            .setReporterType(ReporterType.STATE)
            .setCountry(country)
            .setRecommendationId(recommendationId)
            .setReason(country + " fell back on " + recommendationId)
            .setDetails(List.of("IMPLEMENTED -> PARTIALLY_IMPLEMENTED"))
            .setCausedBySubmissionId("sub-" + country)
            .setOpenedAt(openedAt)
            .setUpdatedAt(openedAt)
            .build();
    }
}
