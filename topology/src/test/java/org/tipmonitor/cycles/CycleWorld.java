package org.tipmonitor.cycles;

import static org.tipmonitor.testing.Fixtures.country;

import java.util.List;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.EntityType;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Theme;
import org.tipmonitor.compliance.ReferenceData;
import org.tipmonitor.testing.Fixtures;
import org.tipmonitor.testing.Fixtures.World;

/** The cycle suite's world: five recommendations, seven entities over two regions. */
final class CycleWorld {

    static final M49Area EUROPE = new M49Area("150", "Europe");
    static final M49Area WESTERN_EUROPE = new M49Area("155", "Western Europe");
    static final M49Area AFRICA = new M49Area("002", "Africa");
    static final M49Area SUB_SAHARAN = new M49Area("202", "Sub-Saharan Africa");
    static final M49Area ASIA = new M49Area("142", "Asia");
    static final M49Area SOUTHERN_ASIA = new M49Area("034", "Southern Asia");

    /** UNODC only. */
    static final Recommendation R6 = recommendation(6, List.of(Addressee.UNODC), Theme.KEY_CONCEPTS);
    /** States parties. */
    static final Recommendation R10 = recommendation(10, List.of(Addressee.STATES_PARTIES), Theme.CONSENT,
        Theme.LEGISLATION);
    /** States parties. */
    static final Recommendation R13 = recommendation(13, List.of(Addressee.STATES_PARTIES), Theme.CONSENT);
    /** States. */
    static final Recommendation R28 = recommendation(28, List.of(Addressee.STATES), Theme.JURISDICTION);
    /** States parties and UNODC. */
    static final Recommendation R37 = recommendation(37, List.of(Addressee.STATES_PARTIES, Addressee.UNODC),
        Theme.FOLLOW_UP);

    static final List<Recommendation> RECOMMENDATIONS = List.of(R6, R10, R13, R28, R37);

    static final Country FRA = country("FRA", "France", EUROPE, WESTERN_EUROPE, ProtocolStatus.PARTY);
    static final Country DEU = country("DEU", "Germany", EUROPE, WESTERN_EUROPE, ProtocolStatus.PARTY);
    static final Country NGA = country("NGA", "Nigeria", AFRICA, SUB_SAHARAN, ProtocolStatus.PARTY);
    static final Country CIV = country("CIV", "Côte d'Ivoire", AFRICA, SUB_SAHARAN, ProtocolStatus.PARTY);
    static final Country IRN = country("IRN", "Iran (Islamic Republic of)", ASIA, SOUTHERN_ASIA,
        ProtocolStatus.NONE);
    static final Country PSE = country("PSE", "State of \"Palestine\" test, quoted", ASIA, null,
        ProtocolStatus.PARTY);
    static final Country EUU = Country.newBuilder(country("EUU", "European Union", null, null,
            ProtocolStatus.PARTY))
        .setEntityType(EntityType.REGIONAL_ECONOMIC_INTEGRATION_ORGANIZATION).build();

    static final List<Country> COUNTRIES = List.of(FRA, DEU, NGA, CIV, IRN, PSE, EUU);

    static final World WORLD = new World(RECOMMENDATIONS, COUNTRIES);

    static final ReferenceData REFERENCE = WORLD.referenceData();

    private CycleWorld() {
    }

    private static Recommendation recommendation(final int paragraph, final List<Addressee> addressees,
                                                 final Theme... themes) {
        return Fixtures.recommendation(paragraph, Force.SHOULD, addressees, themes);
    }
}
