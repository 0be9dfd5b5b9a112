package org.tipmonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ExploitationForm;
import org.tipmonitor.avro.ExploitationReport;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.ReferenceData;
import org.tipmonitor.compliance.SubmissionFingerprint;
import org.tipmonitor.compliance.SubmissionScreen;
import org.tipmonitor.compliance.SubmissionValidator;
import org.tipmonitor.json.AvroJson;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.reference.Countries;
import org.tipmonitor.runtime.SampleSubmissions.Defect;
import org.tipmonitor.runtime.SampleSubmissions.DefectiveSubmission;
import org.tipmonitor.serde.AvroSerdes;
import org.tipmonitor.statistics.StatisticsValidator;

class SampleSubmissionsTest {

    /** The validator's clock: the day after the sample ends, as in a demo run today. */
    private static final long NOW = Instant.parse("2026-11-30T00:00:00Z").toEpochMilli();
    private static final List<ImplementationStatus> SCALE = List.of(
        ImplementationStatus.NOT_STARTED, ImplementationStatus.PLANNED, ImplementationStatus.IN_PROGRESS,
        ImplementationStatus.PARTIALLY_IMPLEMENTED, ImplementationStatus.IMPLEMENTED);

    private static Catalogue catalogue;
    private static Countries countries;
    private static ReferenceData reference;
    private static List<Submission> sample;

    @BeforeAll
    static void generate() {
        catalogue = Catalogue.load();
        countries = Countries.load();
        reference = ReferenceData.of(catalogue.recommendations(), countries.countries());
        sample = SampleSubmissions.generate(SampleSubmissions.DEFAULT_SEED, catalogue, countries);
    }

    @Test
    void sameSeedSameSampleOtherSeedOtherSample() {
        assertThat(SampleSubmissions.generate(SampleSubmissions.DEFAULT_SEED, catalogue, countries)).isEqualTo(sample);
        assertThat(SampleSubmissions.generate(7L, catalogue, countries)).isNotEqualTo(sample);
    }

    @Test
    void everySubmissionSurvivesThePlainJsonRoundTrip() {
        for (final Submission submission : sample) {
            assertThat(AvroJson.fromJson(AvroJson.toJsonString(submission), Submission.class)).isEqualTo(submission);
        }
    }

    @Test
    void everySubmissionPassesScreeningAndValidationWhole() {
        final SubmissionValidator validator = new SubmissionValidator(org.tipmonitor.compliance.ComplianceConfig.defaults().submittedAtRange());
        for (final Submission submission : sample) {
            final SubmissionValidator.Outcome outcome =
                validator.validate(SubmissionScreen.screen(submission), reference, NOW);
            assertThat(outcome.rejected()).as(submission.getSubmissionId()).isEmpty();
            assertThat(outcome.accepted()).hasSameSizeAs(submission.getResponses());
            final StatisticsValidator.Outcome statistics = new StatisticsValidator().validate(
                SubmissionScreen.screen(submission), reference, Optional.empty(), NOW);
            assertThat(statistics.rejected()).as(submission.getSubmissionId()).isEmpty();
            assertThat(statistics.accepted()).hasSameSizeAs(submission.getStatistics());
        }
    }

    @Test
    void someStatesCarryNationalStatisticsForTheGlobalReportOfTheYearBefore() {
        final List<Submission> withStatistics = sample.stream().filter(s -> !s.getStatistics().isEmpty()).toList();
        assertThat(withStatistics).hasSizeGreaterThan(20).allSatisfy(submission -> {
            assertThat(submission.getReporter().getType()).isEqualTo(ReporterType.STATE);
            assertThat(submission.getStatistics()).allSatisfy(statistic -> assertThat(statistic.getYear())
                .isEqualTo(submission.getSubmittedAt().atZone(ZoneOffset.UTC).getYear() - 1));
        });
        // The demo's 2024 edition (cut-off 2024-06-30, data up to 2023) has Report rows from several States.
        assertThat(withStatistics.stream()
            .filter(s -> !s.getSubmittedAt().isAfter(Instant.parse("2024-06-30T00:00:00Z")))
            .map(s -> s.getReporter().getCountry()).distinct()).hasSizeGreaterThan(10);
    }

    @Test
    void idsAreUniqueAndTheListIsInSubmissionOrder() {
        assertThat(sample.stream().map(Submission::getSubmissionId)).doesNotHaveDuplicates();
        for (int i = 1; i < sample.size(); i++) {
            assertThat(sample.get(i).getSubmittedAt()).isAfterOrEqualTo(sample.get(i - 1).getSubmittedAt());
        }
    }

    @Test
    void manyStatesPartiesFromEveryRegionReportOneToThreeTimesOver2014To2026AfterBecomingParties() {
        final Map<String, List<Submission>> byState = states().stream()
            .collect(Collectors.groupingBy(s -> s.getReporter().getCountry()));
        assertThat(byState).hasSizeBetween(60, 90).containsKey("FRA");
        assertThat(byState.values()).allSatisfy(revisions -> assertThat(revisions).hasSizeBetween(1, 3));
        assertThat(byState.values().stream().filter(r -> r.size() == 3)).isNotEmpty();
        assertThat(byState.values().stream().filter(r -> r.size() == 1)).isNotEmpty();

        final Set<String> regions = new HashSet<>();
        final Set<Integer> years = new HashSet<>();
        for (final Submission submission : states()) {
            final Country country = countries.find(submission.getReporter().getCountry()).orElseThrow();
            if (country.getRegion() != null) {
                regions.add(country.getRegion().getName());
            }
            final var day = submission.getSubmittedAt().atZone(ZoneOffset.UTC).toLocalDate();
            years.add(day.getYear());
            assertThat(day).isAfterOrEqualTo(country.getProtocolPartySince());
        }
        assertThat(regions).contains("Africa", "Americas", "Asia", "Europe", "Oceania");
        assertThat(years).contains(2014, 2016, 2018, 2020, 2022, 2024, 2026);
        assertThat(years).allMatch(y -> y >= 2014 && y <= 2026);
    }

    @Test
    void statusesMostlyRiseOverRevisionsButSomeFallBack() {
        int rises = 0;
        int falls = 0;
        final Map<String, ImplementationStatus> latest = new HashMap<>();
        for (final Submission submission : states()) {
            for (final Response response : submission.getResponses()) {
                final String cell = submission.getReporter().getCountry() + "/" + response.getRecommendationId();
                final ImplementationStatus previous = latest.put(cell, response.getStatus());
                if (previous != null && SCALE.contains(previous) && SCALE.contains(response.getStatus())) {
                    final int step = SCALE.indexOf(response.getStatus()) - SCALE.indexOf(previous);
                    rises += step > 0 ? 1 : 0;
                    falls += step < 0 ? 1 : 0;
                }
            }
        }
        assertThat(falls).isPositive();
        assertThat(rises).isGreaterThan(3 * falls);
        assertThat(responses(states())).anyMatch(r -> r.getStatus() == ImplementationStatus.NOT_APPLICABLE);
    }

    @Test
    void responsesCarryMeasuresNarrativesChallengesAndEvidence() {
        final List<Response> responses = responses(states());
        assertThat(responses).allMatch(r -> r.getNarrative() != null && !r.getNarrative().isBlank());
        assertThat(responses).anyMatch(r -> !r.getMeasures().isEmpty());
        assertThat(responses).anyMatch(r -> r.getChallenges() != null && r.getTechnicalAssistanceNeeded());
        assertThat(responses).anyMatch(r -> r.getChallenges() != null && !r.getTechnicalAssistanceNeeded());
        assertThat(responses).anyMatch(r -> !r.getEvidence().isEmpty());
    }

    @Test
    void exploitationFormsOnlyOnParas38And43AndOtherAlwaysDescribed() {
        final List<Response> withForms = responses(sample).stream()
            .filter(r -> !r.getExploitationForms().isEmpty()).toList();
        assertThat(withForms).isNotEmpty()
            .allMatch(r -> Set.of("2013.38", "2013.43").contains(r.getRecommendationId()));
        final List<ExploitationReport> reports = withForms.stream()
            .flatMap(r -> r.getExploitationForms().stream()).toList();
        assertThat(reports).anyMatch(f -> f.getForm() == ExploitationForm.OTHER);
        assertThat(reports).filteredOn(f -> f.getForm() == ExploitationForm.OTHER)
            .allMatch(f -> f.getDescription() != null && !f.getDescription().isBlank());
    }

    @Test
    void civilSocietyAndNhriSometimesSeeAStateTwoOrMoreStepsLower() {
        final Map<String, ImplementationStatus> stateView = new HashMap<>();
        for (final Submission submission : states()) {
            for (final Response response : submission.getResponses()) {
                stateView.put(submission.getReporter().getCountry() + "/" + response.getRecommendationId(),
                    response.getStatus());
            }
        }
        for (final ReporterType type : List.of(ReporterType.CIVIL_SOCIETY, ReporterType.NHRI)) {
            final List<Submission> views = sample.stream().filter(s -> s.getReporter().getType() == type).toList();
            assertThat(views).as(type.toString()).isNotEmpty();
            final long wideGaps = views.stream().flatMap(s -> s.getResponses().stream()
                    .map(r -> s.getReporter().getCountry() + "/" + r.getRecommendationId() + "=" + r.getStatus()))
                .filter(entry -> {
                    final String[] parts = entry.split("=");
                    final ImplementationStatus state = stateView.get(parts[0]);
                    return state != null && SCALE.contains(state)
                        && SCALE.indexOf(state) - SCALE.indexOf(ImplementationStatus.valueOf(parts[1])) >= 2;
                })
                .count();
            assertThat(wideGaps).as(type + " cells two or more steps below the State").isPositive();
        }
    }

    @Test
    void theSampleIsCredibleForTheReportsOwnTerms() {
        final Set<String> reporting = states().stream().map(s -> s.getReporter().getCountry())
            .collect(Collectors.toSet());
        assertThat(reporting).as("the European Union is a party, not a State party").doesNotContain("EUU");
        assertThat(reporting.stream().filter(SampleSubmissions.ATTENDED_2013::contains).count())
            .as("mostly States that attended in 2013 (para 60)").isGreaterThan(reporting.size() * 2L / 3);
        assertThat(reporting).as("plus some others").anyMatch(iso3 -> !SampleSubmissions.ATTENDED_2013.contains(iso3));
        assertThat(SampleSubmissions.ATTENDED_2013).hasSize(70);

        final Map<String, ImplementationStatus> seen = new HashMap<>();
        for (final Submission submission : states()) {
            for (final Response response : submission.getResponses()) {
                final String cell = submission.getReporter().getCountry() + "/" + response.getRecommendationId();
                final boolean first = seen.put(cell, response.getStatus()) == null;
                final Recommendation recommendation = catalogue.find(response.getRecommendationId()).orElseThrow();
                if (response.getStatus() == ImplementationStatus.CONSIDERED_NOT_ADOPTED) {
                    assertThat(recommendation.getForce()).as(cell + ": not adopted is no answer to a 'should'")
                        .isNotEqualTo(Force.SHOULD);
                }
                if (response.getStatus() == ImplementationStatus.NOT_APPLICABLE) {
                    assertThat(SampleSubmissions.MAY_NOT_ARISE).as(cell).contains(response.getRecommendationId());
                }
                if (List.of(ImplementationStatus.NOT_STARTED, ImplementationStatus.NOT_APPLICABLE,
                    ImplementationStatus.CONSIDERED_NOT_ADOPTED).contains(response.getStatus())) {
                    assertThat(response.getEvidence()).as(cell + ": no evidence of what was not done").isEmpty();
                }
                if (response.getStatus() == ImplementationStatus.IMPLEMENTED
                    || response.getStatus() == ImplementationStatus.ALREADY_IN_PLACE) {
                    assertThat(response.getEvidence()).as(cell + ": evidence of what is done").isNotEmpty();
                }
                if (first && response.getStatus() == ImplementationStatus.IMPLEMENTED) {
                    seen.put("first answers implemented", ImplementationStatus.IMPLEMENTED);
                }
            }
        }
        assertThat(seen).containsKey("first answers implemented");
        assertThat(responses(states())).anyMatch(r -> r.getStatus() == ImplementationStatus.ALREADY_IN_PLACE)
            .anyMatch(r -> r.getStatus() == ImplementationStatus.CONSIDERED_NOT_ADOPTED);
        assertThat(responses(sample).stream().flatMap(r -> r.getExploitationForms().stream())
            .filter(f -> f.getForm() == ExploitationForm.OTHER).map(f -> f.getDescription().toLowerCase(Locale.ROOT)))
            .as("forced labour is a Protocol form (art. 3(a)), not another one").noneMatch(d -> d.contains("forced labour"));
    }

    @Test
    void everySubmissionIsInAUnLanguageOfItsStateGivenAsABcp47Tag() {
        for (final Submission submission : sample) {
            final String language = submission.getLanguage();
            assertThat(Locale.forLanguageTag(language).toLanguageTag()).as(submission.getSubmissionId())
                .isEqualTo(language);
            final String country = submission.getReporter().getCountry();
            assertThat(language).as(submission.getSubmissionId()).isEqualTo(
                submission.getReporter().getType() == ReporterType.UNODC ? "en" : SampleSubmissions.languageOf(country));
        }
        assertThat(sample.stream().map(Submission::getLanguage).collect(Collectors.toSet()))
            .contains("en", "fr", "es", "ar", "zh");
        assertThat(sample).filteredOn(s -> "CHN".equals(s.getReporter().getCountry())).isNotEmpty()
            .allSatisfy(s -> assertThat(s.getResponses().get(0).getNarrative()).containsPattern("\\p{IsHan}"));
        assertThat(sample).filteredOn(s -> "fr".equals(s.getLanguage())).allSatisfy(s ->
            assertThat(s.getResponses()).allMatch(r -> !r.getNarrative().startsWith("No measures")));
    }

    @Test
    void unodcReportsOnlyOnItsOwnParagraphs() {
        final List<Submission> unodc = sample.stream()
            .filter(s -> s.getReporter().getType() == ReporterType.UNODC).toList();
        assertThat(unodc).hasSizeBetween(1, 2).allMatch(s -> "UNODC".equals(s.getReporter().getCountry()));
        assertThat(responses(unodc)).extracting(Response::getRecommendationId)
            .containsOnly("2013.6", "2013.7", "2013.37", "2013.44");
    }

    @Test
    void defectiveSubmissionsAreTheListedKindsAndFailForThatReason() {
        final List<DefectiveSubmission> defective = SampleSubmissions.defective(sample);
        assertThat(defective).extracting(DefectiveSubmission::defect).containsExactlyInAnyOrder(Defect.values());

        final SubmissionValidator validator = new SubmissionValidator(org.tipmonitor.compliance.ComplianceConfig.defaults().submittedAtRange());
        final Map<String, Submission> sampleById = sample.stream()
            .collect(Collectors.toMap(Submission::getSubmissionId, s -> s));
        for (final DefectiveSubmission bad : defective) {
            final Submission submission = bad.submission();
            switch (bad.defect()) {
                case UNKNOWN_RECOMMENDATION -> assertThat(rejectionReasons(validator, submission))
                    .containsExactly(RejectionReason.UNKNOWN_RECOMMENDATION);
                case NOT_ADDRESSED_TO_REPORTER -> assertThat(rejectionReasons(validator, submission))
                    .containsExactly(RejectionReason.NOT_ADDRESSED_TO_REPORTER);
                case UNKNOWN_COUNTRY -> assertThat(rejectionReasons(validator, submission))
                    .isNotEmpty().containsOnly(RejectionReason.UNKNOWN_COUNTRY);
                case DUPLICATE_ID_CONFLICT -> {
                    final Submission original = sampleById.get(submission.getSubmissionId());
                    assertThat(original).isNotNull();
                    assertThat(SubmissionFingerprint.of(submission)).isNotEqualTo(SubmissionFingerprint.of(original));
                    assertThat(rejectionReasons(validator, submission)).isEmpty();
                }
                case EXACT_DUPLICATE -> assertThat(submission).isEqualTo(sampleById.get(submission.getSubmissionId()));
                default -> throw new AssertionError(bad.defect());
            }
        }
    }

    @Test
    void poisonPillsAreNotReadableAsSubmissions() {
        final var deserializer = AvroSerdes.value(Submission.class, Map.of("schema.registry.url", "mock://sample-test"))
            .deserializer();
        assertThat(SampleSubmissions.poisonPills()).hasSizeGreaterThanOrEqualTo(2);
        for (final byte[] pill : SampleSubmissions.poisonPills()) {
            assertThatThrownBy(() -> deserializer.deserialize("tip.submissions", pill)).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void theCommittedSampleIsTheDefaultSeedsOutput() throws IOException {
        try (InputStream in = SampleSubmissions.class.getClassLoader().getResourceAsStream(SampleSubmissions.RESOURCE)) {
            assertThat(in).as("classpath resource " + SampleSubmissions.RESOURCE
                + " (regenerate with SampleSubmissions.main)").isNotNull();
            final List<SubmissionFiles.Line> lines = SubmissionFiles.read(new InputStreamReader(in, StandardCharsets.UTF_8));
            assertThat(lines).allMatch(SubmissionFiles.Line::isValid);
            assertThat(lines.stream().map(l -> l.submission().orElseThrow()).toList()).isEqualTo(sample);
        }
    }

    @Test
    void writesJsonLinesThatReadBackAsTheSample(@TempDir final Path dir) {
        final Path file = dir.resolve("sample.jsonl");
        SampleSubmissions.writeJsonLines(sample, SampleSubmissions.DEFAULT_SEED, file);
        assertThat(SubmissionFiles.read(file).stream().map(l -> l.submission().orElseThrow()).toList())
            .isEqualTo(sample);
    }

    private static List<RejectionReason> rejectionReasons(final SubmissionValidator validator,
                                                         final Submission submission) {
        return validator.validate(SubmissionScreen.screen(submission), reference, NOW).rejected().stream()
            .map(SubmissionValidator.RejectedResponse::reason).toList();
    }

    private static List<Submission> states() {
        return sample.stream().filter(s -> s.getReporter().getType() == ReporterType.STATE).toList();
    }

    private static List<Response> responses(final List<Submission> submissions) {
        return submissions.stream().flatMap(s -> s.getResponses().stream()).toList();
    }
}
