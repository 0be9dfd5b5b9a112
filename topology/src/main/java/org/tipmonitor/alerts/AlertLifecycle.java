package org.tipmonitor.alerts;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertStatus;

/**
 * The lifecycle of an alert: OPEN while its condition holds, RESOLVED when it clears, SUPERSEDED when another
 * takes its place, OPEN again (same id, new openedAt, no resolvedAt) when it comes back. Each method returns the
 * alert to store and publish, or empty when nothing changes, so that re-evaluating a condition never publishes a duplicate.
 */
public final class AlertLifecycle {

    private AlertLifecycle() {
    }

    /**
     * The condition holds at {@code at}: opens the alert if it is not open, or changes the open one if the rule now
     * says something else of it (severity, reason, details, ...); openedAt of an open alert never moves.
     */
    public static Optional<Alert> holds(final Alert current, final AlertDraft draft, final Instant at) {
        if (current == null || current.getStatus() != AlertStatus.OPEN) {
            return Optional.of(fill(Alert.newBuilder(), draft)
                .setStatus(AlertStatus.OPEN)
                .setCausedBySubmissionId(draft.submissionId())
                .setOpenedAt(at)
                .setResolvedAt(null)
                .setResolution(null)
                .setResolvedBySubmissionId(null)
                .setUpdatedAt(at)
                .build());
        }
        if (sameContent(current, draft)) {
            return Optional.empty();
        }
        final Instant changedAt = at.isBefore(current.getOpenedAt()) ? current.getOpenedAt() : at;
        return Optional.of(fill(Alert.newBuilder(current), draft)
            .setCausedBySubmissionId(draft.submissionId() != null ? draft.submissionId()
                : current.getCausedBySubmissionId())
            .setUpdatedAt(changedAt)
            .build());
    }

    /**
     * The condition no longer holds at {@code at}: resolves the alert if it is open. resolvedAt is never before
     * openedAt (a late-arriving, back-dated submission resolves an alert at the moment it opened).
     */
    public static Optional<Alert> clears(final Alert current, final String resolution, final String submissionId,
                                         final Instant at) {
        if (current == null || current.getStatus() != AlertStatus.OPEN) {
            return Optional.empty();
        }
        final Instant resolvedAt = at.isBefore(current.getOpenedAt()) ? current.getOpenedAt() : at;
        return Optional.of(Alert.newBuilder(current)
            .setStatus(AlertStatus.RESOLVED)
            .setResolvedAt(resolvedAt)
            .setResolution(resolution)
            .setResolvedBySubmissionId(submissionId)
            .setUpdatedAt(resolvedAt)
            .build());
    }

    /**
     * The alert is closed because another took its place (a NOT_REPORTED alert of an earlier cycle when a later
     * cut-off is judged, or an alert of a retired kind): SUPERSEDED, with resolvedAt and the resolution set so that
     * a reader that does not know the status can still tell it is closed.
     */
    public static Optional<Alert> supersede(final Alert current, final String resolution, final Instant at) {
        if (!isOpen(current)) {
            return Optional.empty();
        }
        final Instant closedAt = at.isBefore(current.getOpenedAt()) ? current.getOpenedAt() : at;
        return Optional.of(Alert.newBuilder(current)
            .setStatus(AlertStatus.SUPERSEDED)
            .setResolvedAt(closedAt)
            .setResolution(resolution)
            .setResolvedBySubmissionId(null)
            .setUpdatedAt(closedAt)
            .build());
    }

    /** Opens or changes the alert when {@code draft} is present, resolves it when absent. */
    public static Optional<Alert> evaluate(final Alert current, final Optional<AlertDraft> draft,
                                           final String resolution, final String submissionId, final Instant at) {
        return draft.isPresent() ? holds(current, draft.get(), at) : clears(current, resolution, submissionId, at);
    }

    public static boolean isOpen(final Alert alert) {
        return alert != null && alert.getStatus() == AlertStatus.OPEN;
    }

    private static Alert.Builder fill(final Alert.Builder builder, final AlertDraft draft) {
        return builder
            .setAlertId(draft.alertId())
            .setKind(draft.kind())
            .setSeverity(draft.severity())
            .setCategory(draft.category())
            .setReporterType(draft.reporterType())
            .setCountry(draft.country())
            .setRegion(draft.region())
            .setRecommendationId(draft.recommendationId())
            .setCycle(draft.cycle())
            .setReason(draft.reason())
            .setDetails(draft.details());
    }

    private static boolean sameContent(final Alert alert, final AlertDraft draft) {
        return alert.getKind() == draft.kind()
            && alert.getSeverity() == draft.severity()
            && alert.getCategory() == draft.category()
            && alert.getReporterType() == draft.reporterType()
            && Objects.equals(alert.getCountry(), draft.country())
            && Objects.equals(alert.getRegion(), draft.region())
            && Objects.equals(alert.getRecommendationId(), draft.recommendationId())
            && Objects.equals(alert.getCycle(), draft.cycle())
            && alert.getReason().equals(draft.reason())
            && alert.getDetails().equals(draft.details());
    }
}
