package org.tipmonitor.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.Addressing;

/**
 * The generated submissions of one bench run: every country of the reference data reporting (States, civil
 * society, national human rights institutions, UNODC), about five responses each, a third of them revisions of
 * cells already reported, sent in shuffled order (so revisions often arrive before the versions they supersede),
 * and about 1% invalid (an unknown recommendation, an unknown country, a paragraph not addressed to the reporter).
 * Deterministic for a seed.
 *
 * @param submissions    in send order
 * @param invalid        how many of them carry at least one invalid response
 * @param responses      responses over all submissions
 * @param recommendations the catalogue the submissions answer (also published as reference data)
 * @param countries       the countries (published as reference data)
 */
record Workload(List<Submission> submissions, int invalid, long responses, List<Recommendation> recommendations,
                List<Country> countries) {

    static final double INVALID_SHARE = 0.01;
    static final double REVISION_SHARE = 0.33;
    private static final long START = LocalDate.of(2014, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1000;
    private static final long END = LocalDate.of(2026, 10, 31).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1000;
    private static final ImplementationStatus[] STATUSES = {
        ImplementationStatus.NOT_STARTED, ImplementationStatus.PLANNED, ImplementationStatus.IN_PROGRESS,
        ImplementationStatus.PARTIALLY_IMPLEMENTED, ImplementationStatus.IMPLEMENTED,
        ImplementationStatus.NOT_APPLICABLE};

    static Workload generate(final int count, final long seed, final List<Recommendation> recommendations,
                             final List<Country> countries) {
        final Random random = new Random(seed);
        final List<Recommendation> forStates = recommendations.stream().filter(Addressing::isStateAddressed).toList();
        final List<Recommendation> forUnodc = recommendations.stream()
            .filter(r -> r.getAddressees().contains(Addressee.UNODC)).toList();
        final List<Recommendation> unodcOnly = forUnodc.stream().filter(r -> !Addressing.isStateAddressed(r)).toList();
        final List<Submission> submissions = new ArrayList<>(count);
        int invalid = 0;
        long responses = 0;
        for (int i = 0; i < count; i++) {
            final ReporterType type = reporterType(random);
            final String country = type == ReporterType.UNODC ? Addressing.UNODC_COUNTRY
                : countries.get(random.nextInt(countries.size())).getIso3();
            final List<Recommendation> pool = type == ReporterType.UNODC ? forUnodc : forStates;
            final boolean revision = i > 0 && random.nextDouble() < REVISION_SHARE;
            final Submission previous = revision ? submissions.get(random.nextInt(submissions.size())) : null;
            final List<Response> answers = new ArrayList<>();
            final Reporter reporter;
            if (previous != null) {
                reporter = previous.getReporter();
                for (final Response before : previous.getResponses()) {
                    answers.add(Response.newBuilder(before).setStatus(status(random)).build());
                }
            } else {
                reporter = Reporter.newBuilder().setType(type).setCountry(country)
                    .setOrganisation(type == ReporterType.STATE ? "Ministry of Justice" : "Reporter " + country)
                    .build();
                final int size = Math.min(pool.size(), 1 + random.nextInt(9));
                final List<Recommendation> shuffled = new ArrayList<>(pool);
                Collections.shuffle(shuffled, random);
                for (final Recommendation recommendation : shuffled.subList(0, size)) {
                    answers.add(Response.newBuilder().setRecommendationId(recommendation.getId())
                        .setStatus(status(random))
                        .setNarrative("Measures taken under the national action plan, cycle " + (i % 7))
                        .build());
                }
            }
            Reporter finalReporter = reporter;
            if (random.nextDouble() < INVALID_SHARE) {
                invalid++;
                switch (random.nextInt(3)) {
                    case 0 -> answers.set(0, Response.newBuilder(answers.get(0)).setRecommendationId("2013.99").build());
                    case 1 -> finalReporter = Reporter.newBuilder(reporter).setType(ReporterType.STATE)
                        .setCountry("XX" + (char) ('A' + random.nextInt(26))).build();
                    default -> {
                        if (reporter.getType() != ReporterType.UNODC && !unodcOnly.isEmpty()) {
                            answers.set(0, Response.newBuilder(answers.get(0))
                                .setRecommendationId(unodcOnly.get(0).getId()).build());
                        } else {
                            answers.set(0, Response.newBuilder(answers.get(0)).setRecommendationId("").build());
                        }
                    }
                }
            }
            responses += answers.size();
            submissions.add(Submission.newBuilder()
                .setSubmissionId(String.format(java.util.Locale.ROOT, "bench-%s-%08d", finalReporter.getCountry(), i))
                .setReporter(finalReporter)
                .setSubmittedAt(Instant.ofEpochMilli(START + (long) (random.nextDouble() * (END - START))))
                .setLanguage("en")
                .setResponses(answers)
                .build());
        }
        // Send order is not submittedAt order: revisions and their predecessors arrive either way round.
        Collections.shuffle(submissions, random);
        return new Workload(List.copyOf(submissions), invalid, responses, recommendations, countries);
    }

    private static ReporterType reporterType(final Random random) {
        final double draw = random.nextDouble();
        if (draw < 0.80) {
            return ReporterType.STATE;
        }
        if (draw < 0.90) {
            return ReporterType.CIVIL_SOCIETY;
        }
        if (draw < 0.98) {
            return ReporterType.NHRI;
        }
        return ReporterType.UNODC;
    }

    private static ImplementationStatus status(final Random random) {
        return STATUSES[random.nextInt(STATUSES.length)];
    }

    /** A catalogue of {@code size} recommendations made from the real one by cycling its addressees and themes. */
    static List<Recommendation> scaledCatalogue(final List<Recommendation> real, final int size) {
        if (size <= real.size()) {
            return real;
        }
        final List<Recommendation> scaled = new ArrayList<>(real);
        for (int i = real.size(); i < size; i++) {
            final Recommendation template = real.get(i % real.size());
            scaled.add(Recommendation.newBuilder(template)
                .setId("upr." + i)
                .setParagraph(1000 + i)
                .build());
        }
        return List.copyOf(scaled);
    }
}
