package org.tipmonitor.compliance;

import static org.tipmonitor.testing.Fixtures.country;
import static org.tipmonitor.testing.Fixtures.recommendation;

import java.util.List;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.EntityType;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Theme;
import org.tipmonitor.testing.Fixtures.World;

/** The compliance suite's world: small and hand-checkable, six recommendations and six entities. */
final class ComplianceWorld {

    static final M49Area EUROPE = new M49Area("150", "Europe");
    static final M49Area WESTERN_EUROPE = new M49Area("155", "Western Europe");
    static final M49Area AFRICA = new M49Area("002", "Africa");
    static final M49Area SUB_SAHARAN = new M49Area("202", "Sub-Saharan Africa");
    static final M49Area ASIA = new M49Area("142", "Asia");
    static final M49Area EASTERN_ASIA = new M49Area("030", "Eastern Asia");
    static final M49Area SOUTHERN_ASIA = new M49Area("034", "Southern Asia");

    /** UNODC only. */
    static final Recommendation R6 = recommendation(6, Force.SHOULD, List.of(Addressee.UNODC), Theme.KEY_CONCEPTS);
    /** States parties; consent and legislation. */
    static final Recommendation R10 = recommendation(10, Force.SHOULD_CONSIDER, List.of(Addressee.STATES_PARTIES),
        Theme.CONSENT, Theme.LEGISLATION);
    /** States parties; consent and training. */
    static final Recommendation R13 = recommendation(13, Force.SHOULD, List.of(Addressee.STATES_PARTIES),
        Theme.CONSENT, Theme.TRAINING);
    /** States (not only parties); jurisdiction. */
    static final Recommendation R28 = recommendation(28, Force.ENCOURAGED, List.of(Addressee.STATES),
        Theme.JURISDICTION);
    /** States parties and UNODC. */
    static final Recommendation R37 = recommendation(37, Force.SHOULD,
        List.of(Addressee.STATES_PARTIES, Addressee.UNODC), Theme.FOLLOW_UP);
    /** The Secretariat only. */
    static final Recommendation R45 = recommendation(45, Force.REQUESTS, List.of(Addressee.SECRETARIAT),
        Theme.FOLLOW_UP);

    static final List<Recommendation> RECOMMENDATIONS = List.of(R6, R10, R13, R28, R37, R45);

    static final Country FRA = country("FRA", "France", EUROPE, WESTERN_EUROPE, ProtocolStatus.PARTY);
    static final Country DEU = country("DEU", "Germany", EUROPE, WESTERN_EUROPE, ProtocolStatus.PARTY);
    static final Country NGA = country("NGA", "Nigeria", AFRICA, SUB_SAHARAN, ProtocolStatus.PARTY);
    static final Country JPN = country("JPN", "Japan", ASIA, EASTERN_ASIA, ProtocolStatus.PARTY);
    static final Country IRN = country("IRN", "Iran (Islamic Republic of)", ASIA, SOUTHERN_ASIA,
        ProtocolStatus.NONE);
    static final Country EUU = Country.newBuilder(country("EUU", "European Union", null, null, ProtocolStatus.PARTY))
        .setEntityType(EntityType.REGIONAL_ECONOMIC_INTEGRATION_ORGANIZATION).build();

    static final List<Country> COUNTRIES = List.of(FRA, DEU, NGA, JPN, IRN, EUU);

    static final World WORLD = new World(RECOMMENDATIONS, COUNTRIES);

    private ComplianceWorld() {
    }
}
