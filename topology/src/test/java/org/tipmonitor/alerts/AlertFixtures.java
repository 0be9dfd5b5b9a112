package org.tipmonitor.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.EntityType;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.StatusCounts;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.avro.Theme;
import org.tipmonitor.testing.TestRecords;

/**
 * A world for the alert rules: four recommendations (one of each force that matters) and twelve States parties
 * (enough for LOW_UPTAKE's ten reporters), a State that joined in 2025, a State that is not a party and the
 * European Union (a party, not a State party).
 */
final class AlertFixtures {

    static final M49Area EUROPE = new M49Area("150", "Europe");

    /** SHOULD_CONSIDER, States parties. */
    static final Recommendation R10 = recommendation(10, Force.SHOULD_CONSIDER, Addressee.STATES_PARTIES);
    /** SHOULD, States parties. */
    static final Recommendation R13 = recommendation(13, Force.SHOULD, Addressee.STATES_PARTIES);
    /** ENCOURAGED, States: owed, but a gap on it weighs LOW. */
    static final Recommendation R28 = recommendation(28, Force.ENCOURAGED, Addressee.STATES);
    /** SHOULD, UNODC only: not a State's. */
    static final Recommendation R6 = recommendation(6, Force.SHOULD, Addressee.UNODC);

    static final List<Recommendation> RECOMMENDATIONS = List.of(R6, R10, R13, R28);

    /** Parties since 2005. */
    static final List<String> PARTIES = List.of("BRA", "DEU", "EGY", "ESP", "FRA", "IND", "ITA", "JPN", "MEX", "NGA",
        "THA", "ZAF");
    /** Became a party on 1 January 2025, after the 2026 cycle began (30 June 2024). */
    static final String LATE_PARTY = "AGO";
    /** Not a party. */
    static final String NON_PARTY = "IRN";
    /** The European Union: a party to the Protocol, not a State. */
    static final String EU = "EUU";

    private static final Map<String, String> NAMES = Map.of("FRA", "France", "DEU", "Germany", "NGA", "Nigeria",
        "ESP", "Spain", "JPN", "Japan");

    private AlertFixtures() {
    }

    static List<Country> countries() {
        final List<Country> countries = new ArrayList<>();
        PARTIES.forEach(iso3 -> countries.add(country(iso3, ProtocolStatus.PARTY, LocalDate.of(2005, 1, 1))));
        countries.add(country(LATE_PARTY, ProtocolStatus.PARTY, LocalDate.of(2025, 1, 1)));
        countries.add(country(NON_PARTY, ProtocolStatus.NONE, null));
        countries.add(Country.newBuilder(country(EU, ProtocolStatus.PARTY, LocalDate.of(2006, 1, 6)))
            .setNameEn("European Union").setEntityType(EntityType.REGIONAL_ECONOMIC_INTEGRATION_ORGANIZATION)
            .setRegion(null).build());
        return countries;
    }

    static Recommendation recommendation(final int paragraph, final Force force, final Addressee... addressees) {
        return TestRecords.recommendation(paragraph, force, Arrays.asList(addressees), Theme.FOLLOW_UP);
    }

    static Country country(final String iso3, final ProtocolStatus status, final LocalDate since) {
        return Country.newBuilder(TestRecords.country(iso3, NAMES.getOrDefault(iso3, iso3), EUROPE, null, status))
            .setProtocolPartySince(since)
            .build();
    }

    static Response response(final String recommendationId, final ImplementationStatus status) {
        return TestRecords.response(recommendationId, status);
    }

    static Submission submission(final String id, final ReporterType type, final String country,
                                 final String submittedAt, final Response... responses) {
        return TestRecords.submission(id, type, country, Instant.parse(submittedAt), responses);
    }

    static Submission state(final String id, final String country, final String submittedAt,
                            final Response... responses) {
        return submission(id, ReporterType.STATE, country, submittedAt, responses);
    }

    /** A STATE row of the by-recommendation table with the given counts. */
    static ComplianceRow recommendationRow(final String recommendationId, final int implemented, final int planned,
                                           final int notApplicable) {
        final int reported = implemented + planned + notApplicable;
        final int applicable = implemented + planned;
        return ComplianceRow.newBuilder()
            .setDimension(Dimension.RECOMMENDATION)
            .setReporterType(ReporterType.STATE)
            .setKey(recommendationId)
            .setExpected(12)
            .setReported(reported)
            .setReportedByParties(reported)
            .setCounts(new StatusCounts(0, planned, 0, 0, implemented, notApplicable, 0, 0))
            .setApplicable(applicable)
            .setImplementationRate(applicable == 0 ? null : (double) implemented / applicable)
            .setUpdatedAt(Instant.EPOCH)
            .build();
    }

    /** A STATE row of the by-country table whose latest submission is {@code lastSubmittedAt}. */
    static ComplianceRow countryRow(final String iso3, final Instant lastSubmittedAt) {
        return ComplianceRow.newBuilder()
            .setDimension(Dimension.COUNTRY)
            .setReporterType(ReporterType.STATE)
            .setKey(iso3)
            .setExpected(3)
            .setReported(1)
            .setReportedByParties(1)
            .setCounts(new StatusCounts(0, 0, 0, 0, 1, 0, 0, 0))
            .setApplicable(1)
            .setLastSubmittedAt(lastSubmittedAt)
            .setUpdatedAt(Instant.EPOCH)
            .build();
    }
}
