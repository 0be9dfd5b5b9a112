package org.tipmonitor.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.tipmonitor.avro.ExploitationForm;
import org.tipmonitor.avro.ExploitationReport;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.LegislationReference;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;

/**
 * Checks each response of a (screened, de-duplicated) submission against the reference data. Valid responses of a
 * submission still apply when others are invalid; each invalid response yields one rejection.
 */
public final class SubmissionValidator {

    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());

    /** The first year a counted incident may refer to (as for national statistics). */
    static final int FIRST_YEAR = 2000;

    private final SubmittedAtRange submittedAtRange;

    public SubmissionValidator(final SubmittedAtRange submittedAtRange) {
        this.submittedAtRange = submittedAtRange;
    }

    /** One invalid response, with why. */
    public record RejectedResponse(String recommendationId, RejectionReason reason, String message) {
    }

    /** The outcome: responses to apply and responses rejected. */
    public record Outcome(List<Response> accepted, List<RejectedResponse> rejected) {
    }

    public Outcome validate(final Submission submission, final ReferenceData reference, final long nowMs) {
        final Optional<RejectedResponse> wholeSubmission = submissionProblem(submission, reference, nowMs);
        final List<Response> accepted = new ArrayList<>();
        final List<RejectedResponse> rejected = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (final Response response : submission.getResponses()) {
            final String recommendationId = response.getRecommendationId();
            final Optional<RejectedResponse> problem = wholeSubmission
                .map(p -> new RejectedResponse(recommendationId, p.reason(), p.message()))
                .or(() -> checkResponse(submission.getReporter().getType(), response, reference, seen, nowMs));
            if (problem.isPresent()) {
                rejected.add(problem.get());
            } else {
                accepted.add(response);
            }
            seen.add(recommendationId);
        }
        return new Outcome(accepted, rejected);
    }

    /**
     * What makes a whole submission unacceptable, if anything: a submittedAt outside the accepted range (see
     * {@link SubmittedAtRange}), or a State reporter whose country is unknown. Its responses and statistics are all
     * rejected then.
     */
    public Optional<RejectedResponse> submissionProblem(final Submission submission, final ReferenceData reference,
                                                        final long nowMs) {
        final Optional<SubmittedAtRange.Violation> outOfRange =
            submittedAtRange.check(submission.getSubmittedAt(), nowMs);
        if (outOfRange.isPresent()) {
            return Optional.of(new RejectedResponse(null, outOfRange.get().reason(), outOfRange.get().message()));
        }
        if (!isLanguageTag(submission.getLanguage())) {
            return Optional.of(new RejectedResponse(null, RejectionReason.INVALID_LANGUAGE,
                "language: \"" + submission.getLanguage() + "\" is not a well-formed BCP 47 language tag"
                    + " (e.g. en, fr, es, ar, ru, zh, zh-Hans)"));
        }
        final ReporterType type = submission.getReporter().getType();
        final String country = submission.getReporter().getCountry();
        if (Addressing.reportsOnStates(type) && reference.country(country).isEmpty()) {
            return Optional.of(new RejectedResponse(null, RejectionReason.UNKNOWN_COUNTRY,
                "reporter.country: unknown country code \"" + country + "\""));
        }
        if (Addressing.reportsOnStates(type) && !Expectations.isState(reference.country(country).get())) {
            // The EU is a party to the Protocol (缔约方) but not a State party (缔约国): what States parties and
            // States are asked to do does not address it, so its answers must not mix into State figures.
            return Optional.of(new RejectedResponse(null, RejectionReason.NOT_ADDRESSED_TO_REPORTER,
                "reporter.country: " + country + " (" + reference.country(country).get().getNameEn() + ") is not a"
                    + " State; the recommendations reported on are addressed to States parties or States"));
        }
        return Optional.empty();
    }

    private static Optional<RejectedResponse> checkResponse(final ReporterType type, final Response response,
                                                            final ReferenceData reference, final Set<String> seen,
                                                            final long nowMs) {
        final String id = response.getRecommendationId();
        if (id == null || id.isBlank()) {
            return reject(id, RejectionReason.REQUIRED_FIELD_MISSING, "responses[].recommendationId is required");
        }
        if (seen.contains(id)) {
            return reject(id, RejectionReason.DUPLICATE_RESPONSE,
                "recommendation " + id + " is answered more than once in the submission; the first answer stands");
        }
        if (response.getStatus() == ImplementationStatus.UNKNOWN) {
            return reject(id, RejectionReason.UNKNOWN_STATUS, "responses[" + id + "].status is not a known status");
        }
        final Optional<Recommendation> recommendation = reference.recommendation(id);
        if (recommendation.isEmpty()) {
            return reject(id, RejectionReason.UNKNOWN_RECOMMENDATION, "unknown recommendation id \"" + id + "\"");
        }
        if (!Addressing.isReportableBy(recommendation.get(), type)) {
            return reject(id, RejectionReason.NOT_ADDRESSED_TO_REPORTER, "recommendation " + id
                + " is addressed to " + recommendation.get().getAddressees() + ", not to reporters of kind " + type);
        }
        for (final ExploitationReport report : response.getExploitationForms()) {
            if (report.getForm() == ExploitationForm.OTHER
                && (report.getDescription() == null || report.getDescription().isBlank())) {
                return reject(id, RejectionReason.REQUIRED_FIELD_MISSING,
                    "responses[" + id + "].exploitationForms: form OTHER needs a description");
            }
            if (report.getIncidents() != null && report.getIncidents() < 0) {
                return reject(id, RejectionReason.INVALID_VALUE, "responses[" + id + "].exploitationForms["
                    + report.getForm() + "].incidents " + report.getIncidents() + " is negative");
            }
            final int currentYear = Instant.ofEpochMilli(nowMs).atZone(ZoneOffset.UTC).getYear();
            if (report.getYear() != null && (report.getYear() < FIRST_YEAR || report.getYear() > currentYear)) {
                return reject(id, RejectionReason.INVALID_VALUE, "responses[" + id + "].exploitationForms["
                    + report.getForm() + "].year " + report.getYear() + " is outside " + FIRST_YEAR + ".."
                    + currentYear);
            }
        }
        for (final LegislationReference law : response.getLegislation()) {
            if (law.getInstrument() == null || law.getInstrument().isBlank()) {
                return reject(id, RejectionReason.REQUIRED_FIELD_MISSING,
                    "responses[" + id + "].legislation[].instrument is required");
            }
            if (law.getAdopted() != null && !isIsoDate(law.getAdopted())) {
                return reject(id, RejectionReason.INVALID_VALUE, "responses[" + id + "].legislation["
                    + law.getInstrument() + "].adopted: not a date YYYY-MM-DD: \"" + law.getAdopted() + "\"");
            }
        }
        // Last, so that a response is refused for its content only once it is otherwise acceptable.
        final List<PersonalDataScreen.Finding> personal = PersonalDataScreen.find("responses[" + id + "]", response);
        return personal.isEmpty() ? Optional.empty() : reject(id, RejectionReason.PERSONAL_DATA,
            String.join("; ", personal.stream().map(PersonalDataScreen.Finding::describe).toList()));
    }

    /**
     * Whether the text is a well-formed BCP 47 tag whose primary language is an ISO 639 code:
     * {@link Locale#forLanguageTag} drops what it cannot parse, so a tag that does not come back the same (case
     * aside) was not well formed; BCP 47 syntax also admits 5-8 letter languages ("French"), which no registered
     * language uses, so the primary subtag must be a two-letter ISO 639-1 code or a three-letter ISO 639-2/3 one.
     */
    static boolean isLanguageTag(final String tag) {
        if (tag == null || tag.isBlank()) {
            return false;
        }
        final Locale locale = Locale.forLanguageTag(tag);
        final String language = locale.getLanguage();
        final boolean iso639 = language.length() == 3
            || language.length() == 2 && ISO_639_1.contains(language);
        return iso639 && locale.toLanguageTag().equalsIgnoreCase(tag);
    }

    private static boolean isIsoDate(final String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (final DateTimeParseException e) {
            return false;
        }
    }

    private static Optional<RejectedResponse> reject(final String id, final RejectionReason reason,
                                                     final String message) {
        return Optional.of(new RejectedResponse(id, reason, message));
    }
}
