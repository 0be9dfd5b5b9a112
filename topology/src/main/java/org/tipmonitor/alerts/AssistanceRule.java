package org.tipmonitor.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.TrackedCell;
import org.tipmonitor.compliance.ReferenceData;

/**
 * ASSISTANCE_NEEDED (MEDIUM, CHALLENGE): one alert per State listing every recommendation on which its latest
 * response asks for technical assistance, each with the challenges it names: a queue UNODC can work from (paras 24,
 * 37). It changes as requests come and go and resolves when the State's latest responses ask for none.
 */
public final class AssistanceRule {

    /** The prefix of a details entry: {@code request: 2013.24: <challenges>}. */
    static final String REQUEST = "request: ";

    private AssistanceRule() {
    }

    /**
     * @param stateCells the State's latest cells (any order); those asking for assistance are listed
     * @param submissionId the submission that changed the list, or null
     */
    public static Optional<AlertDraft> evaluate(final Country country, final String iso3,
                                                final List<TrackedCell> stateCells, final ReferenceData reference,
                                                final String submissionId) {
        final List<TrackedCell> asking = new ArrayList<>();
        for (final TrackedCell cell : stateCells) {
            if (cell.getTechnicalAssistanceNeeded()) {
                asking.add(cell);
            }
        }
        if (asking.isEmpty()) {
            return Optional.empty();
        }
        asking.sort(Comparator.comparing((TrackedCell cell) -> reference.recommendation(cell.getRecommendationId())
                .orElse(null), Comparator.nullsLast(AlertTexts.PARAGRAPH_ORDER))
            .thenComparing(TrackedCell::getRecommendationId));
        final List<String> details = new ArrayList<>();
        final List<String> paragraphs = new ArrayList<>();
        for (final TrackedCell cell : asking) {
            final String id = cell.getRecommendationId();
            final String challenges = cell.getChallenges() == null || cell.getChallenges().isBlank()
                ? "no challenges named" : cell.getChallenges().strip();
            details.add(REQUEST + id + ": " + challenges);
            paragraphs.add(AlertTexts.paragraph(reference.recommendation(id).orElse(null), id));
        }
        final String reason = AlertTexts.country(country, iso3) + " asks for technical assistance on "
            + (paragraphs.size() == 1 ? paragraphs.get(0)
                : paragraphs.size() + " recommendations: " + String.join("; ", paragraphs)) + ".";
        return Optional.of(new AlertDraft(AlertIds.assistanceNeeded(iso3), AlertKind.ASSISTANCE_NEEDED,
            AlertSeverity.MEDIUM, AlertCategory.CHALLENGE, ReporterType.STATE, iso3, AlertTexts.region(country), null,
            null, reason, details, submissionId));
    }

    public static String resolution() {
        return "the State's latest responses ask for no technical assistance";
    }
}
