package org.tipmonitor.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.EntityType;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.StatusCounts;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.avro.Theme;

/**
 * What the tables must hold, computed from what was sent and the rules of docs/tables.md, written out plainly and
 * independently of the topology: cells (latest by submittedAt, then submissionId), idempotency per reporter and
 * submissionId, validation per response, whole-record dead letters, and the four tables' fields. Only State
 * reporters are generated, so only the rules for States are written here.
 */
final class CrashTestOracle {

    /** Submissions more than this ahead of the generator's clock are rejected (the default skew is 15 min). */
    private static final Duration FUTURE = Duration.ofHours(1);
    private static final String STATE = "STATE";

    private final Map<String, Recommendation> recommendations = new HashMap<>();
    private final Map<String, Country> countries = new HashMap<>();
    private final Map<String, Submission> firstByReporterAndId = new HashMap<>();
    private final Map<String, Submission> cellSubmission = new HashMap<>();
    private final Map<String, ImplementationStatus> cellStatus = new HashMap<>();
    private final Map<String, Integer> deadLetterReasons = new TreeMap<>();
    private final Instant createdAt = Instant.now();

    CrashTestOracle(final List<Recommendation> catalogue, final List<Country> reference) {
        catalogue.forEach(r -> recommendations.put(r.getId(), r));
        reference.forEach(c -> countries.put(c.getIso3(), c));
    }

    void deliver(final CrashTestGenerator.Sent sent) {
        if (sent.value() == null) {
            deadLetter("REQUIRED_FIELD_MISSING"); // a tombstone is not a submission
            return;
        }
        final Submission submission = sent.submission();
        if (submission == null) {
            deadLetter("UNREADABLE");
            return;
        }
        final String country = submission.getReporter().getCountry();
        final String idempotencyKey = STATE + "|" + country + "|" + submission.getSubmissionId();
        final Submission first = firstByReporterAndId.putIfAbsent(idempotencyKey, submission);
        if (first != null) {
            if (!first.equals(submission)) {
                deadLetter("DUPLICATE_ID_CONFLICT");
            }
            return;
        }
        if (submission.getSubmittedAt().isAfter(createdAt.plus(FUTURE))) {
            submission.getResponses().forEach(r -> deadLetter("SUBMITTED_IN_FUTURE"));
            return;
        }
        if (!countries.containsKey(country)) {
            submission.getResponses().forEach(r -> deadLetter("UNKNOWN_COUNTRY"));
            return;
        }
        if (!isState(countries.get(country))) {
            submission.getResponses().forEach(r -> deadLetter("NOT_ADDRESSED_TO_REPORTER"));
            return;
        }
        final Set<String> answered = new HashSet<>();
        for (final Response response : submission.getResponses()) {
            final String id = response.getRecommendationId();
            final Recommendation recommendation = recommendations.get(id);
            if (!answered.add(id)) {
                deadLetter("DUPLICATE_RESPONSE");
            } else if (recommendation == null) {
                deadLetter("UNKNOWN_RECOMMENDATION");
            } else if (!stateAddressed(recommendation)) {
                deadLetter("NOT_ADDRESSED_TO_REPORTER");
            } else {
                final String cell = STATE + "|" + country + "|" + id;
                final Submission current = cellSubmission.get(cell);
                if (current == null || later(submission, current)) {
                    cellSubmission.put(cell, submission);
                    cellStatus.put(cell, response.getStatus());
                }
            }
        }
    }

    private void deadLetter(final String reason) {
        deadLetterReasons.merge(reason, 1, Integer::sum);
    }

    private static boolean later(final Submission a, final Submission b) {
        final int byTime = a.getSubmittedAt().compareTo(b.getSubmittedAt());
        return byTime > 0 || byTime == 0 && a.getSubmissionId().compareTo(b.getSubmissionId()) > 0;
    }

    private static boolean stateAddressed(final Recommendation r) {
        return r.getAddressees().contains(Addressee.STATES_PARTIES) || r.getAddressees().contains(Addressee.STATES);
    }

    private boolean party(final String iso3) {
        return isStateParty(countries.get(iso3));
    }

    /**
     * A State party as docs/tables.md defines it: a State (UN Member or observer State) that is a party to the
     * Protocol. The EU is a party (缔约方) but not a State party (缔约国): in no denominator.
     */
    private static boolean isStateParty(final Country country) {
        return isState(country) && country.getProtocolStatus() == ProtocolStatus.PARTY;
    }

    private static boolean isState(final Country country) {
        return country.getEntityType() == EntityType.UN_MEMBER_STATE
            || country.getEntityType() == EntityType.OBSERVER_STATE;
    }

    Map<String, ImplementationStatus> cells() {
        return cellStatus;
    }

    int deadLetters() {
        return deadLetterReasons.values().stream().mapToInt(Integer::intValue).sum();
    }

    Map<String, Integer> deadLetterReasons() {
        return deadLetterReasons;
    }

    static Map<String, Integer> countReasons(final List<Rejection> rejections) {
        final Map<String, Integer> reasons = new TreeMap<>();
        rejections.forEach(r -> reasons.merge(r.getReason().name(), 1, Integer::sum));
        return reasons;
    }

    List<String> compareCells(final Map<String, Cell> actual) {
        final List<String> differences = new ArrayList<>();
        for (final Map.Entry<String, ImplementationStatus> expected : cellStatus.entrySet()) {
            final Cell cell = actual.get(expected.getKey());
            final Submission from = cellSubmission.get(expected.getKey());
            if (cell == null) {
                differences.add("cell " + expected.getKey() + " missing");
            } else if (cell.getStatus() != expected.getValue()
                || !cell.getSubmissionId().equals(from.getSubmissionId())
                || !cell.getSubmittedAt().equals(from.getSubmittedAt())) {
                differences.add("cell " + expected.getKey() + ": expected " + expected.getValue() + " from "
                    + from.getSubmissionId() + "@" + from.getSubmittedAt() + ", found " + cell.getStatus() + " from "
                    + cell.getSubmissionId() + "@" + cell.getSubmittedAt());
            }
        }
        for (final String key : actual.keySet()) {
            if (!cellStatus.containsKey(key)) {
                differences.add("cell " + key + " should not exist");
            }
        }
        return differences;
    }

    /** The rows of the four tables, keyed as on their topics ({@code STATE|key}). */
    Map<String, Row> rows() {
        final long parties = countries.values().stream().filter(CrashTestOracle::isStateParty).count();
        final long addressed = recommendations.values().stream().filter(CrashTestOracle::stateAddressed).count();
        final Map<String, Row> rows = new HashMap<>();
        for (final Map.Entry<String, ImplementationStatus> cell : cellStatus.entrySet()) {
            final String[] parts = cell.getKey().split("\\|");
            final String iso3 = parts[1];
            final Recommendation recommendation = recommendations.get(parts[2]);
            final boolean byParty = party(iso3);
            final Instant at = cellSubmission.get(cell.getKey()).getSubmittedAt();
            rows.computeIfAbsent(STATE + "|" + recommendation.getId(), k -> new Row(parties, false))
                .add(cell.getValue(), byParty, at);
            rows.computeIfAbsent(STATE + "|" + iso3, k -> new Row(addressed, true)).add(cell.getValue(), byParty, at);
            final Country country = countries.get(iso3);
            for (final M49Area area : new M49Area[] {country.getRegion(), country.getSubRegion()}) {
                if (area != null) {
                    final long partiesIn = countries.values().stream()
                        .filter(CrashTestOracle::isStateParty)
                        .filter(c -> area.equals(c.getRegion()) || area.equals(c.getSubRegion())).count();
                    rows.computeIfAbsent(STATE + "|" + area.getCode(), k -> new Row(partiesIn * addressed, false))
                        .add(cell.getValue(), byParty, at);
                }
            }
            for (final Theme theme : recommendation.getThemes()) {
                final long inTheme = recommendations.values().stream()
                    .filter(r -> stateAddressed(r) && r.getThemes().contains(theme)).count();
                rows.computeIfAbsent(STATE + "|" + theme.name(), k -> new Row(parties * inTheme, false))
                    .add(cell.getValue(), byParty, at);
            }
        }
        return rows;
    }

    List<String> compareRows(final Map<String, ComplianceRow> actual) {
        final List<String> differences = new ArrayList<>();
        final Map<String, Row> expected = rows();
        for (final Map.Entry<String, Row> row : expected.entrySet()) {
            final ComplianceRow found = actual.get(row.getKey());
            if (found == null) {
                differences.add("row " + row.getKey() + " missing");
            } else {
                row.getValue().compare(row.getKey(), found, differences);
            }
        }
        for (final String key : actual.keySet()) {
            if (!expected.containsKey(key)) {
                differences.add("row " + key + " should not exist");
            }
        }
        return differences;
    }

    /** One expected row: its cells' statuses, how many by parties, the latest submittedAt. */
    static final class Row {
        private final long expected;
        private final boolean coverageOverAllReported;
        private final Map<ImplementationStatus, Integer> counts = new HashMap<>();
        private int reported;
        private int byParties;
        private Instant last;

        Row(final long expected, final boolean coverageOverAllReported) {
            this.expected = expected;
            this.coverageOverAllReported = coverageOverAllReported;
        }

        void add(final ImplementationStatus status, final boolean byParty, final Instant at) {
            counts.merge(status, 1, Integer::sum);
            reported++;
            byParties += byParty ? 1 : 0;
            last = last == null || at.isAfter(last) ? at : last;
        }

        private int count(final ImplementationStatus status) {
            return counts.getOrDefault(status, 0);
        }

        void compare(final String key, final ComplianceRow row, final List<String> differences) {
            final int applicable = reported - count(ImplementationStatus.NOT_APPLICABLE);
            final int orderSum = count(ImplementationStatus.PLANNED) + 2 * count(ImplementationStatus.IN_PROGRESS)
                + 3 * count(ImplementationStatus.PARTIALLY_IMPLEMENTED) + 4 * count(ImplementationStatus.IMPLEMENTED);
            final StatusCounts c = row.getCounts();
            check(differences, key, "expected", expected, (long) row.getExpected());
            check(differences, key, "reported", reported, row.getReported());
            check(differences, key, "reportedByParties", byParties, row.getReportedByParties());
            check(differences, key, "applicable", applicable, row.getApplicable());
            check(differences, key, "NOT_STARTED", count(ImplementationStatus.NOT_STARTED), c.getNOTSTARTED());
            check(differences, key, "PLANNED", count(ImplementationStatus.PLANNED), c.getPLANNED());
            check(differences, key, "IN_PROGRESS", count(ImplementationStatus.IN_PROGRESS), c.getINPROGRESS());
            check(differences, key, "PARTIALLY_IMPLEMENTED", count(ImplementationStatus.PARTIALLY_IMPLEMENTED),
                c.getPARTIALLYIMPLEMENTED());
            check(differences, key, "IMPLEMENTED", count(ImplementationStatus.IMPLEMENTED), c.getIMPLEMENTED());
            check(differences, key, "NOT_APPLICABLE", count(ImplementationStatus.NOT_APPLICABLE),
                c.getNOTAPPLICABLE());
            check(differences, key, "implementationRate",
                applicable == 0 ? null : (double) count(ImplementationStatus.IMPLEMENTED) / applicable,
                row.getImplementationRate());
            check(differences, key, "progressScore", applicable == 0 ? null : orderSum / (4.0 * applicable),
                row.getProgressScore());
            final int covering = coverageOverAllReported ? reported : byParties;
            check(differences, key, "coverage", expected == 0 ? null : (double) covering / expected,
                row.getCoverage());
            check(differences, key, "lastSubmittedAt", last, row.getLastSubmittedAt());
        }

        private static void check(final List<String> differences, final String key, final String field,
                                  final Object expected, final Object actual) {
            final boolean same = expected instanceof Double && actual instanceof Double
                ? Math.abs((Double) expected - (Double) actual) < 1e-9
                : Objects.equals(expected instanceof Integer ? Long.valueOf((Integer) expected) : expected,
                    actual instanceof Integer ? Long.valueOf((Integer) actual) : actual);
            if (!same) {
                differences.add("row " + key + " " + field + ": expected " + expected + ", found " + actual);
            }
        }
    }
}
