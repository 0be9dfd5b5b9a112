package org.tipmonitor.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.EntityType;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.avro.Theme;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.reference.Countries;
import org.tipmonitor.testing.Fixtures;
import org.tipmonitor.testing.TopologyTestBase;

/**
 * Thousands of random submissions, shuffled, with redeliveries and conflicting reuses of ids, give the same four
 * tables as a plain in-memory computation written here from the formulas of the contract alone (it shares no code
 * with the topology).
 */
class RandomSubmissionsPropertyTest extends TopologyTestBase {

    private static final ImplementationStatus[] STATUSES = {
        ImplementationStatus.NOT_STARTED, ImplementationStatus.PLANNED, ImplementationStatus.IN_PROGRESS,
        ImplementationStatus.PARTIALLY_IMPLEMENTED, ImplementationStatus.IMPLEMENTED,
        ImplementationStatus.NOT_APPLICABLE, ImplementationStatus.CONSIDERED_NOT_ADOPTED,
        ImplementationStatus.ALREADY_IN_PLACE};
    private static final ReporterType[] REPORTERS = {
        ReporterType.STATE, ReporterType.STATE, ReporterType.STATE, ReporterType.STATE, ReporterType.STATE,
        ReporterType.STATE, ReporterType.CIVIL_SOCIETY, ReporterType.NHRI, ReporterType.UNODC};

    @Test
    void randomShuffledSubmissionsWithDuplicatesGiveTheTablesOfAPlainComputation() {
        final List<Recommendation> recs = Catalogue.load().recommendations();
        final List<Country> all = Countries.load().countries();
        loadReference(recs, all);
        final Random random = new Random(20131108L);
        final List<String> reporting = new ArrayList<>();
        for (final Country country : all) {
            if (random.nextInt(6) == 0) {
                reporting.add(country.getIso3());
            }
        }
        reporting.add("ZZZ"); // unknown: its responses are rejected

        final List<Submission> deliveries = new ArrayList<>();
        final Instant start = Instant.parse("2014-01-01T00:00:00Z");
        for (int i = 0; i < 1500; i++) {
            final ReporterType type = REPORTERS[random.nextInt(REPORTERS.length)];
            final String country = type == ReporterType.UNODC ? null
                : reporting.get(random.nextInt(reporting.size()));
            // Whole days only, so that many submissions share a submittedAt and the id tie-break is exercised.
            final Instant submittedAt = start.plus(random.nextInt(90) * 30L, ChronoUnit.DAYS);
            final List<Response> responses = new ArrayList<>();
            final int count = 1 + random.nextInt(5);
            for (int r = 0; r < count; r++) {
                final String id = random.nextInt(25) == 0 ? "2013.99" : recs.get(random.nextInt(recs.size())).getId();
                responses.add(Fixtures.response(id, STATUSES[random.nextInt(STATUSES.length)]));
            }
            final Submission submission = Fixtures.submission(String.format("s-%04d", random.nextInt(100_000)),
                type, country, submittedAt, responses.toArray(new Response[0]));
            deliveries.add(submission);
            if (random.nextInt(10) == 0) {
                deliveries.add(submission); // an identical redelivery
            }
        }
        Collections.shuffle(deliveries, random);
        final Random flushes = new Random(20131106L);
        for (final Submission submission : deliveries) {
            submissions.pipeInput(submission.getSubmissionId(), submission, NOW);
            if (combinesDeltas() && flushes.nextInt(40) == 0) {
                advanceWallClock(config().compliance().deltaFlushInterval()); // rows change in batches
            }
        }
        if (combinesDeltas()) {
            advanceWallClock(config().compliance().deltaFlushInterval());
        }

        final Model model = new Model(recs, all);
        deliveries.forEach(model::deliver);

        final Map<String, ComplianceRow> live = new HashMap<>();
        live.putAll(table(byRecommendation));
        live.putAll(table(byCountry));
        live.putAll(table(byRegion));
        live.putAll(table(byTheme));
        final Map<String, ExpectedRow> expected = model.tables();
        assertThat(expected.size()).as("a meaningful sample").isGreaterThan(200);
        assertThat(live).hasSize(expected.size());
        for (final Map.Entry<String, ExpectedRow> entry : expected.entrySet()) {
            final String key = entry.getKey().substring(entry.getKey().indexOf(':') + 1);
            final ComplianceRow row = live.get(key);
            assertThat(row).as("row %s", entry.getKey()).isNotNull();
            entry.getValue().assertMatches(entry.getKey(), row);
        }
    }

    /** The contract's rules, written out plainly. */
    private static final class Model {
        private final Map<String, Recommendation> recs = new HashMap<>();
        private final Map<String, Country> countries = new HashMap<>();
        private final Map<String, Submission> firstById = new HashMap<>();
        /** cell key → the winning response and its submission. */
        private final Map<String, Object[]> cells = new HashMap<>();

        Model(final List<Recommendation> recs, final List<Country> countries) {
            recs.forEach(r -> this.recs.put(r.getId(), r));
            countries.forEach(c -> this.countries.put(c.getIso3(), c));
        }

        void deliver(final Submission submission) {
            final ReporterType type = submission.getReporter().getType();
            final String country = type == ReporterType.UNODC ? "UNODC" : submission.getReporter().getCountry();
            // A submissionId is the reporter's own: unique per (reporter, id), not across reporters.
            final String idempotencyKey = type + "|" + country + "|" + submission.getReporter().getOrganisation()
                + "|" + submission.getSubmissionId();
            if (firstById.putIfAbsent(idempotencyKey, submission) != null) {
                return; // a redelivery or a conflicting reuse by the same reporter: the first one stands either way
            }
            if (type != ReporterType.UNODC && (!countries.containsKey(country) || !state(country))) {
                return; // unknown, or not a State (the EU): rejected
            }
            final Set<String> answered = new HashSet<>();
            for (final Response response : submission.getResponses()) {
                if (!answered.add(response.getRecommendationId())) {
                    continue;
                }
                final Recommendation rec = recs.get(response.getRecommendationId());
                if (rec == null || !addressedTo(rec, type)) {
                    continue;
                }
                final String key = type + "|" + country + "|" + rec.getId();
                final Object[] current = cells.get(key);
                if (current == null || later(submission, (Submission) current[1])) {
                    cells.put(key, new Object[] {response, submission});
                }
            }
        }

        private static boolean later(final Submission a, final Submission b) {
            final int byTime = a.getSubmittedAt().compareTo(b.getSubmittedAt());
            return byTime > 0 || byTime == 0 && a.getSubmissionId().compareTo(b.getSubmissionId()) > 0;
        }

        private static boolean stateAddressed(final Recommendation rec) {
            return rec.getAddressees().contains(Addressee.STATES_PARTIES) || rec.getAddressees().contains(Addressee.STATES);
        }

        private static boolean addressedTo(final Recommendation rec, final ReporterType type) {
            return type == ReporterType.UNODC ? rec.getAddressees().contains(Addressee.UNODC) : stateAddressed(rec);
        }

        private boolean state(final String iso3) {
            final EntityType type = countries.get(iso3).getEntityType();
            return type == EntityType.UN_MEMBER_STATE || type == EntityType.OBSERVER_STATE;
        }

        /** A State party at the driver's wall clock: a State, PARTY, and a party since then or earlier. */
        private boolean party(final String iso3) {
            final Country c = countries.get(iso3);
            return c != null && state(iso3) && c.getProtocolStatus() == ProtocolStatus.PARTY
                && (c.getProtocolPartySince() == null
                    || !c.getProtocolPartySince().atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(NOW));
        }

        Map<String, ExpectedRow> tables() {
            final Map<String, ExpectedRow> rows = new LinkedHashMap<>();
            final long parties = countries.keySet().stream().filter(this::party).count();
            for (final Map.Entry<String, Object[]> cell : cells.entrySet()) {
                final String[] parts = cell.getKey().split("\\|");
                final ReporterType type = ReporterType.valueOf(parts[0]);
                final String iso3 = parts[1];
                final Recommendation rec = recs.get(parts[2]);
                final Response response = (Response) cell.getValue()[0];
                final Instant at = ((Submission) cell.getValue()[1]).getSubmittedAt();
                final boolean unodc = type == ReporterType.UNODC;
                final boolean expectedReporter = unodc || party(iso3);
                final long addressedRecs = recs.values().stream().filter(r -> addressedTo(r, type)).count();
                final long reporters = unodc ? 1 : parties;
                rows.computeIfAbsent("RECOMMENDATION:" + type + "|" + rec.getId(),
                    k -> new ExpectedRow(reporters, false)).add(response, expectedReporter, at, rec.getForce() == Force.SHOULD);
                rows.computeIfAbsent("COUNTRY:" + type + "|" + iso3,
                    k -> new ExpectedRow(addressedRecs, true)).add(response, expectedReporter, at, rec.getForce() == Force.SHOULD);
                if (!unodc) {
                    final Country c = countries.get(iso3);
                    for (final M49Area area : new M49Area[] {c.getRegion(), c.getSubRegion()}) {
                        if (area != null) {
                            final long partiesIn = countries.values().stream()
                                .filter(x -> party(x.getIso3()))
                                .filter(x -> area.equals(x.getRegion()) || area.equals(x.getSubRegion())).count();
                            rows.computeIfAbsent("REGION:" + type + "|" + area.getCode(),
                                k -> new ExpectedRow(partiesIn * addressedRecs, false)).add(response, expectedReporter, at, rec.getForce() == Force.SHOULD);
                        }
                    }
                }
                for (final Theme theme : rec.getThemes()) {
                    final long inTheme = recs.values().stream()
                        .filter(r -> addressedTo(r, type) && r.getThemes().contains(theme)).count();
                    rows.computeIfAbsent("THEME:" + type + "|" + theme.name(),
                        k -> new ExpectedRow(reporters * inTheme, false)).add(response, expectedReporter, at, rec.getForce() == Force.SHOULD);
                }
            }
            return rows;
        }
    }

    private static final class ExpectedRow {
        private final long expected;
        private final boolean coverageOverAll;
        private final Map<ImplementationStatus, Integer> counts = new HashMap<>();
        private int reported;
        private int byExpectedReporters;
        private Instant last;

        ExpectedRow(final long expected, final boolean coverageOverAll) {
            this.expected = expected;
            this.coverageOverAll = coverageOverAll;
        }

        private int consideredAway;
        private int consideredOnShould;

        void add(final Response response, final boolean expectedReporter, final Instant at, final boolean should) {
            counts.merge(response.getStatus(), 1, Integer::sum);
            if (response.getStatus() == ImplementationStatus.CONSIDERED_NOT_ADOPTED) {
                if (should) {
                    consideredOnShould++;
                } else {
                    consideredAway++;
                }
            }
            reported++;
            byExpectedReporters += expectedReporter ? 1 : 0;
            last = last == null || at.isAfter(last) ? at : last;
        }

        void assertMatches(final String name, final ComplianceRow row) {
            final int notApplicable = counts.getOrDefault(ImplementationStatus.NOT_APPLICABLE, 0);
            // CONSIDERED_NOT_ADOPTED leaves the applicable cells unless the paragraph says "should" (order 0 then);
            // ALREADY_IN_PLACE is implemented (order 4).
            final int applicable = reported - notApplicable - consideredAway;
            final int implemented = counts.getOrDefault(ImplementationStatus.IMPLEMENTED, 0)
                + counts.getOrDefault(ImplementationStatus.ALREADY_IN_PLACE, 0);
            int orderSum = 4 * counts.getOrDefault(ImplementationStatus.ALREADY_IN_PLACE, 0);
            for (int i = 0; i < 5; i++) {
                orderSum += i * counts.getOrDefault(STATUSES[i], 0);
            }
            assertThat(row.getReported()).as("%s reported", name).isEqualTo(reported);
            assertThat(row.getExpected()).as("%s expected", name).isEqualTo((int) expected);
            assertThat(row.getReportedByParties()).as("%s by parties", name).isEqualTo(byExpectedReporters);
            assertThat(row.getApplicable()).as("%s applicable", name).isEqualTo(applicable);
            assertThat(row.getCounts().getIMPLEMENTED()).as("%s implemented", name)
                .isEqualTo(counts.getOrDefault(ImplementationStatus.IMPLEMENTED, 0));
            assertThat(row.getCounts().getNOTAPPLICABLE()).as("%s n/a", name).isEqualTo(notApplicable);
            assertThat(row.getCounts().getPLANNED()).as("%s planned", name)
                .isEqualTo(counts.getOrDefault(ImplementationStatus.PLANNED, 0));
            assertThat(row.getCounts().getCONSIDEREDNOTADOPTED()).as("%s considered", name)
                .isEqualTo(consideredAway + consideredOnShould);
            assertThat(row.getByForce().getShould().getReported() + row.getByForce().getOther().getReported())
                .as("%s force groups", name).isEqualTo(reported);
            assertThat(row.getImplementationRate()).as("%s rate", name).isEqualTo(applicable == 0 ? null
                : (double) implemented / applicable);
            assertThat(row.getProgressScore()).as("%s progress", name)
                .isEqualTo(applicable == 0 ? null : orderSum / (4.0 * applicable));
            final int covering = coverageOverAll ? reported : byExpectedReporters;
            assertThat(row.getCoverage()).as("%s coverage", name)
                .isEqualTo(expected == 0 ? null : (double) covering / expected);
            assertThat(Objects.equals(row.getLastSubmittedAt(), last)).as("%s last submitted", name).isTrue();
        }
    }
}
