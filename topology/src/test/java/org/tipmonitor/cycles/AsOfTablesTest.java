package org.tipmonitor.cycles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipmonitor.avro.ImplementationStatus.IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.IN_PROGRESS;
import static org.tipmonitor.avro.ImplementationStatus.NOT_APPLICABLE;
import static org.tipmonitor.avro.ImplementationStatus.NOT_STARTED;
import static org.tipmonitor.avro.ImplementationStatus.PARTIALLY_IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.PLANNED;
import static org.tipmonitor.testing.Fixtures.response;
import static org.tipmonitor.testing.Fixtures.state;
import static org.tipmonitor.testing.Fixtures.submission;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.EntityType;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.StatusCounts;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.topology.channels.ComplianceTable;

/** The "as of" tables: equal to the live tables now, and to the formulas of the contract at any past instant. */
class AsOfTablesTest extends CycleTopologyTestBase {

    private final List<Submission> history = new ArrayList<>();

    @Override
    protected CycleCalendar calendar() {
        return CycleCalendar.defaults();
    }

    @BeforeEach
    void submitAHistory() {
        send(state("fra-1", "FRA", "2026-01-10T09:00:00Z",
            response("2013.10", IMPLEMENTED), response("2013.13", IN_PROGRESS)));
        send(state("deu-1", "DEU", "2026-01-20T09:00:00Z",
            response("2013.10", NOT_APPLICABLE), response("2013.28", PLANNED)));
        send(submission("unodc-1", ReporterType.UNODC, "UNODC", Instant.parse("2026-02-01T09:00:00Z"),
            response("2013.6", IMPLEMENTED), response("2013.37", IN_PROGRESS)));
        send(submission("ngo-1", ReporterType.CIVIL_SOCIETY, "FRA", Instant.parse("2026-02-02T09:00:00Z"),
            response("2013.10", NOT_STARTED)));
        send(state("irn-1", "IRN", "2026-02-05T09:00:00Z", response("2013.28", PARTIALLY_IMPLEMENTED)));
        send(state("fra-2", "FRA", "2026-02-15T09:00:00Z", response("2013.10", PARTIALLY_IMPLEMENTED)));
        send(state("nga-1", "NGA", "2026-03-01T09:00:00Z",
            response("2013.13", NOT_STARTED), response("2013.37", IMPLEMENTED)));
        // The EU is a party, not a State party: rejected, in no table, live or as of any instant.
        submit(state("euu-1", "EUU", "2026-03-10T09:00:00Z", response("2013.10", PLANNED)));
        assertThat(rejected.readValuesToList()).singleElement()
            .satisfies(rejection -> assertThat(rejection.getSubmissionId()).isEqualTo("euu-1"));
        // Older than FRA's latest 2013.13: only in the history.
        send(state("fra-0", "FRA", "2026-01-05T09:00:00Z", response("2013.13", PLANNED)));
        send(state("deu-2", "DEU", "2026-04-01T09:00:00Z", response("2013.10", IMPLEMENTED)));
        assertThat(rejected.readRecordsToList()).isEmpty();
    }

    private void send(final Submission submission) {
        history.add(submission);
        submit(submission);
    }

    @Test
    void asOfNowTheTablesEqualTheLiveStoresRowForRow() {
        final Instant now = Instant.parse("2026-06-01T00:00:00Z");
        final AsOfTables asOf = AsOfTables.of(cellsAsOf(now), CycleWorld.REFERENCE, now);
        for (final ComplianceTable table : ComplianceTable.values()) {
            final String store = table.store().name();
            final Map<String, ComplianceRow> live = storeContents(store);
            assertThat(live).as(store).isNotEmpty();
            assertThat(withoutUpdatedAt(asOf.table(table))).as(store).isEqualTo(withoutUpdatedAt(live));
        }
        assertThat(asOf.row(org.tipmonitor.avro.Dimension.COUNTRY, ReporterType.STATE, "FRA").getReported())
            .isEqualTo(2);
    }

    @Test
    void atPastInstantsTheTablesFollowTheFormulasOfTheContract() {
        for (final String at : List.of("2026-01-07T00:00:00Z", "2026-01-10T09:00:00Z", "2026-02-10T00:00:00Z",
            "2026-02-15T09:00:00Z", "2026-03-05T00:00:00Z", "2026-05-01T00:00:00Z")) {
            final Instant instant = Instant.parse(at);
            final AsOfTables asOf = AsOfTables.of(cellsAsOf(instant), CycleWorld.REFERENCE, instant);
            final Formulas expected = new Formulas(history, instant);
            assertThat(rowsOf(asOf.byRecommendation())).as("by recommendation at " + at)
                .isEqualTo(expected.byRecommendation());
            assertThat(rowsOf(asOf.byCountry())).as("by country at " + at).isEqualTo(expected.byCountry());
        }
    }

    @Test
    void anOlderRevisionShowsAtItsInstantOnly() {
        final AsOfTables early = AsOfTables.of(cellsAsOf(Instant.parse("2026-01-07T00:00:00Z")),
            CycleWorld.REFERENCE, Instant.parse("2026-01-07T00:00:00Z"));
        assertThat(early.byCountry()).containsOnlyKeys("STATE|FRA");
        assertThat(early.byCountry().get("STATE|FRA").getCounts().getPLANNED()).isEqualTo(1);
        assertThat(early.byCountry().get("STATE|FRA").getProgressScore()).isEqualTo(0.25);
    }

    private static Map<String, ComplianceRow> withoutUpdatedAt(final Map<String, ComplianceRow> rows) {
        final Map<String, ComplianceRow> normalised = new TreeMap<>();
        rows.forEach((key, row) -> normalised.put(key,
            ComplianceRow.newBuilder(row).setUpdatedAt(Instant.EPOCH).build()));
        return normalised;
    }

    /** The State rows of a table, reduced to the figures the formulas define. */
    private static Map<String, Figures> rowsOf(final Map<String, ComplianceRow> table) {
        final Map<String, Figures> figures = new TreeMap<>();
        table.forEach((key, row) -> {
            if (row.getReporterType() == ReporterType.STATE) {
                figures.put(key, new Figures(row.getExpected(), row.getReported(), countsOf(row.getCounts()),
                    row.getApplicable(), row.getImplementationRate(), row.getProgressScore(), row.getCoverage()));
            }
        });
        return figures;
    }

    private static Map<ImplementationStatus, Integer> countsOf(final StatusCounts counts) {
        final Map<ImplementationStatus, Integer> map = new TreeMap<>();
        put(map, NOT_STARTED, counts.getNOTSTARTED());
        put(map, PLANNED, counts.getPLANNED());
        put(map, IN_PROGRESS, counts.getINPROGRESS());
        put(map, PARTIALLY_IMPLEMENTED, counts.getPARTIALLYIMPLEMENTED());
        put(map, IMPLEMENTED, counts.getIMPLEMENTED());
        put(map, NOT_APPLICABLE, counts.getNOTAPPLICABLE());
        return map;
    }

    private static void put(final Map<ImplementationStatus, Integer> map, final ImplementationStatus status,
                            final int count) {
        if (count != 0) {
            map.put(status, count);
        }
    }

    record Figures(int expected, int reported, Map<ImplementationStatus, Integer> counts, int applicable,
                   Double implementationRate, Double progressScore, Double coverage) {
    }

    /**
     * The State rows written directly from the rules of the issue, from the submissions themselves: no cell store,
     * no footprint, no delta.
     */
    static final class Formulas {

        private final Map<String, Map<String, ImplementationStatus>> statusByCountryAndRecommendation =
            new TreeMap<>();
        private final Instant asOf;

        Formulas(final List<Submission> submissions, final Instant asOf) {
            this.asOf = asOf;
            final Map<String, Submission> latest = new HashMap<>();
            final Map<String, ImplementationStatus> status = new HashMap<>();
            for (final Submission s : submissions) {
                if (s.getReporter().getType() != ReporterType.STATE || s.getSubmittedAt().isAfter(asOf)) {
                    continue;
                }
                for (final Response r : s.getResponses()) {
                    final String cell = s.getReporter().getCountry() + "|" + r.getRecommendationId();
                    final Submission current = latest.get(cell);
                    if (current == null || s.getSubmittedAt().isAfter(current.getSubmittedAt())) {
                        latest.put(cell, s);
                        status.put(cell, r.getStatus());
                    }
                }
            }
            status.forEach((cell, st) -> {
                final String[] parts = cell.split("\\|");
                statusByCountryAndRecommendation.computeIfAbsent(parts[0], c -> new TreeMap<>()).put(parts[1], st);
            });
        }

        private static boolean stateAddressed(final Recommendation r) {
            return r.getAddressees().contains(Addressee.STATES_PARTIES) || r.getAddressees().contains(Addressee.STATES);
        }

        /** A State (not the EU), a party, and one already at the instant. */
        private boolean party(final String iso3) {
            return CycleWorld.COUNTRIES.stream().anyMatch(c -> c.getIso3().equals(iso3) && stateParty(c));
        }

        private boolean stateParty(final Country c) {
            return (c.getEntityType() == EntityType.UN_MEMBER_STATE || c.getEntityType() == EntityType.OBSERVER_STATE)
                && c.getProtocolStatus() == ProtocolStatus.PARTY && (c.getProtocolPartySince() == null
                    || !c.getProtocolPartySince().atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(asOf));
        }

        private static int order(final ImplementationStatus s) {
            return switch (s) {
                case NOT_STARTED -> 0;
                case PLANNED -> 1;
                case IN_PROGRESS -> 2;
                case PARTIALLY_IMPLEMENTED -> 3;
                case IMPLEMENTED -> 4;
                default -> throw new IllegalArgumentException("no order: " + s);
            };
        }

        Map<String, Figures> byRecommendation() {
            final int parties = (int) CycleWorld.COUNTRIES.stream().filter(this::stateParty).count();
            final Map<String, Figures> rows = new TreeMap<>();
            for (final Recommendation r : CycleWorld.RECOMMENDATIONS) {
                if (!stateAddressed(r)) {
                    continue;
                }
                final List<ImplementationStatus> statuses = new ArrayList<>();
                int reportedByParties = 0;
                for (final Map.Entry<String, Map<String, ImplementationStatus>> country
                    : statusByCountryAndRecommendation.entrySet()) {
                    final ImplementationStatus s = country.getValue().get(r.getId());
                    if (s != null) {
                        statuses.add(s);
                        reportedByParties += party(country.getKey()) ? 1 : 0;
                    }
                }
                if (!statuses.isEmpty()) {
                    rows.put("STATE|" + r.getId(), figures(parties, statuses, reportedByParties));
                }
            }
            return rows;
        }

        Map<String, Figures> byCountry() {
            final int expected = (int) CycleWorld.RECOMMENDATIONS.stream().filter(Formulas::stateAddressed)
                .count();
            final Map<String, Figures> rows = new TreeMap<>();
            for (final Country country : CycleWorld.COUNTRIES) {
                final Map<String, ImplementationStatus> cells = statusByCountryAndRecommendation
                    .getOrDefault(country.getIso3(), Map.of());
                if (!cells.isEmpty()) {
                    rows.put("STATE|" + country.getIso3(), figures(expected, new ArrayList<>(cells.values()),
                        cells.size()));
                }
            }
            return rows;
        }

        private static Figures figures(final int expected, final List<ImplementationStatus> statuses,
                                       final int covering) {
            final Map<ImplementationStatus, Integer> counts = new TreeMap<>();
            statuses.forEach(s -> counts.merge(s, 1, Integer::sum));
            final int reported = statuses.size();
            final int applicable = reported - counts.getOrDefault(NOT_APPLICABLE, 0);
            final int orderSum = statuses.stream().filter(s -> s != NOT_APPLICABLE)
                .mapToInt(Formulas::order).sum();
            return new Figures(expected, reported, counts, applicable,
                applicable == 0 ? null : (double) counts.getOrDefault(IMPLEMENTED, 0) / applicable,
                applicable == 0 ? null : (double) orderSum / (4.0 * applicable),
                expected == 0 ? null : (double) covering / expected);
        }
    }
}
