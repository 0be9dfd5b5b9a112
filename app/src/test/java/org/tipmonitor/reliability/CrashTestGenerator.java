package org.tipmonitor.reliability;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.channels.Topics;

/**
 * The crash test's input: State submissions over a fixed set of cells (countries × State-addressed
 * recommendations), each cell revised several times with submittedAt dates in random order over the past three
 * years, mixed with identical redeliveries, reused ids with other content, responses to unknown or not-addressed
 * recommendations, a recommendation answered twice, unknown countries, dates two hours ahead, and records that are
 * not submissions at all (random bytes, tombstones). The plan is fixed before anything is sent, so the oracle
 * computes from exactly what was sent.
 */
final class CrashTestGenerator {

    /** One record to send: its key, its raw value (null for a tombstone) and, if decodable, the submission. */
    record Sent(String key, byte[] value, Submission submission) {
    }

    private static final ImplementationStatus[] STATUSES = {ImplementationStatus.NOT_STARTED,
        ImplementationStatus.PLANNED, ImplementationStatus.IN_PROGRESS, ImplementationStatus.PARTIALLY_IMPLEMENTED,
        ImplementationStatus.IMPLEMENTED, ImplementationStatus.NOT_APPLICABLE};

    private final Random random;
    private final List<String> countries = new ArrayList<>();
    private final List<String> recommendations = new ArrayList<>();
    private final List<String> notAddressed = new ArrayList<>();
    private final CrashTestIT.Size size;
    private final TipSerdes serdes;
    private int responses;

    CrashTestGenerator(final Random random, final List<Recommendation> catalogue, final List<Country> reference,
                       final CrashTestIT.Size size, final TipSerdes serdes) {
        this.random = random;
        this.size = size;
        this.serdes = serdes;
        final List<String> parties = new ArrayList<>();
        final List<String> others = new ArrayList<>();
        for (final Country c : reference) {
            if (c.getRegion() != null) {
                (c.getProtocolStatus() == ProtocolStatus.PARTY ? parties : others).add(c.getIso3());
            }
        }
        java.util.Collections.shuffle(parties, random);
        java.util.Collections.shuffle(others, random);
        // Mostly parties, a few non-parties (they count as reported, not towards coverage).
        countries.addAll(parties.subList(0, size.countries() - size.countries() / 10));
        countries.addAll(others.subList(0, size.countries() / 10));
        final List<String> stateAddressed = new ArrayList<>();
        for (final Recommendation r : catalogue) {
            if (r.getAddressees().contains(Addressee.STATES_PARTIES) || r.getAddressees().contains(Addressee.STATES)) {
                stateAddressed.add(r.getId());
            } else {
                notAddressed.add(r.getId());
            }
        }
        java.util.Collections.shuffle(stateAddressed, random);
        recommendations.addAll(stateAddressed.subList(0, Math.min(size.recommendations(), stateAddressed.size())));
    }

    /** Responses in the decodable submissions of the last plan (redeliveries included). */
    int responses() {
        return responses;
    }

    List<Sent> plan(final Instant now) {
        final List<Sent> plan = new ArrayList<>();
        final List<Submission> sentSoFar = new ArrayList<>();
        final Instant earliest = now.minus(Duration.ofDays(3 * 365));
        for (int i = 0; i < size.submissions(); i++) {
            final int dice = random.nextInt(1000);
            if (dice < 5) {
                final byte[] junk = new byte[1 + random.nextInt(40)];
                random.nextBytes(junk);
                if (random.nextBoolean()) {
                    junk[0] = 0x7f; // not the Confluent magic byte
                } else if (junk.length > 5) {
                    junk[0] = 0; // framed, but with a schema id nobody registered
                    junk[1] = 0x7f;
                }
                plan.add(new Sent("junk-" + i, junk, null));
                continue;
            }
            if (dice < 8) {
                plan.add(new Sent("tombstone-" + i, null, null));
                continue;
            }
            if (dice < 60 && !sentSoFar.isEmpty()) {
                plan.add(sent(sentSoFar.get(random.nextInt(sentSoFar.size())))); // an identical redelivery
                continue;
            }
            final String country = dice < 70 ? "ZZZ" : countries.get(random.nextInt(countries.size()));
            // Reused ids: another content under an id this reporter already used.
            final String id = dice < 80 && !sentSoFar.isEmpty()
                ? sameReporterId(sentSoFar, country) : country + "-" + i;
            final Instant submittedAt = dice < 90 ? now.plus(Duration.ofHours(2))
                : earliest.plusSeconds(random.nextInt((int) Duration.ofDays(3 * 365).toSeconds()))
                    .truncatedTo(ChronoUnit.SECONDS);
            final List<Response> answers = new ArrayList<>();
            final int count = 1 + random.nextInt(4);
            for (int r = 0; r < count; r++) {
                final int kind = random.nextInt(100);
                final String recommendationId = kind < 3 ? "2013.99"
                    : kind < 5 ? notAddressed.get(random.nextInt(notAddressed.size()))
                    : kind < 7 && !answers.isEmpty() ? answers.get(0).getRecommendationId()
                    : recommendations.get(random.nextInt(recommendations.size()));
                answers.add(Response.newBuilder().setRecommendationId(recommendationId)
                    .setStatus(STATUSES[random.nextInt(STATUSES.length)]).build());
            }
            final Submission submission = Submission.newBuilder()
                .setSubmissionId(id)
                .setReporter(Reporter.newBuilder().setType(ReporterType.STATE).setCountry(country).build())
                .setSubmittedAt(submittedAt)
                .setResponses(answers)
                .build();
            sentSoFar.add(submission);
            plan.add(sent(submission));
        }
        return plan;
    }

    private String sameReporterId(final List<Submission> sentSoFar, final String country) {
        for (int tries = 0; tries < 20; tries++) {
            final Submission earlier = sentSoFar.get(random.nextInt(sentSoFar.size()));
            if (earlier.getReporter().getCountry().equals(country)) {
                return earlier.getSubmissionId();
            }
        }
        return sentSoFar.get(random.nextInt(sentSoFar.size())).getSubmissionId(); // another reporter's id: allowed
    }

    private Sent sent(final Submission submission) {
        responses += submission.getResponses().size();
        return new Sent(submission.getReporter().getCountry(), serdes.value(Submission.class).serializer()
            .serialize(Topics.SUBMISSIONS.name(), submission), submission);
    }
}
