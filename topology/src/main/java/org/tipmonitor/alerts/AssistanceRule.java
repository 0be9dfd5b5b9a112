package org.tipmonitor.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ReporterType;

/**
 * ASSISTANCE_NEEDED (MEDIUM, CHALLENGE): a State's latest response on a recommendation names challenges or asks for
 * technical assistance (para 37's "challenges"). It resolves when a later response names neither.
 */
public final class AssistanceRule {

    private AssistanceRule() {
    }

    public static Optional<AlertDraft> evaluate(final Cell cell) {
        final String challenges = cell.getChallenges() == null ? "" : cell.getChallenges().strip();
        final boolean assistance = cell.getTechnicalAssistanceNeeded();
        if (challenges.isEmpty() && !assistance) {
            return Optional.empty();
        }
        final List<String> details = new ArrayList<>();
        if (!challenges.isEmpty()) {
            details.add("challenges: " + challenges);
        }
        if (assistance) {
            details.add("technical assistance requested");
        }
        final String what = !challenges.isEmpty() && assistance ? "names challenges and asks for technical assistance"
            : assistance ? "asks for technical assistance" : "names challenges";
        return Optional.of(new AlertDraft(AlertIds.assistanceNeeded(cell.getCountry(), cell.getRecommendationId()),
            AlertKind.ASSISTANCE_NEEDED, AlertSeverity.MEDIUM, AlertCategory.CHALLENGE, ReporterType.STATE,
            cell.getCountry(), cell.getRecommendationId(), null,
            cell.getCountry() + "'s latest report on " + cell.getRecommendationId() + " " + what, details,
            cell.getSubmissionId()));
    }

    public static String resolution() {
        return "the latest State response names no challenge and asks for no technical assistance";
    }
}
