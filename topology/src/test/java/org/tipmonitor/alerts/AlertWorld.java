package org.tipmonitor.alerts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.EntityType;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Theme;
import org.tipmonitor.testing.Fixtures;
import org.tipmonitor.testing.Fixtures.World;

/**
 * A world for the alert rules: four recommendations (one of each force that matters) and twelve States parties
 * (enough for LOW_UPTAKE's ten reporters), a State that joined in 2025, a State that is not a party and the
 * European Union (a party, not a State party).
 */
final class AlertWorld {

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

    private AlertWorld() {
    }

    static World world() {
        return new World(RECOMMENDATIONS, countries());
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

    private static Recommendation recommendation(final int paragraph, final Force force,
                                                 final Addressee... addressees) {
        return Fixtures.recommendation(paragraph, force, Arrays.asList(addressees), Theme.FOLLOW_UP);
    }

    /** A State in Europe, named by its code (or its name for a few), a party since {@code since} (or not). */
    static Country country(final String iso3, final ProtocolStatus status, final LocalDate since) {
        return Country.newBuilder(Fixtures.country(iso3, NAMES.getOrDefault(iso3, iso3), EUROPE, null, status))
            .setProtocolPartySince(since)
            .build();
    }
}
