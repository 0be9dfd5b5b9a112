package org.tipmonitor.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.EntityType;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Theme;
import org.tipmonitor.testing.Fixtures;

/**
 * {@link Expectations#expected} answers from counts computed once per set of reference data. This pins those
 * answers to the rules read literally (scan every country with {@link Expectations#isStateParty} and every
 * recommendation with {@link Addressing#isReportableBy}) over random catalogues and country lists, at instants on,
 * just before and just after party-since days.
 */
class ExpectationCountsTest {

    private static final List<M49Area> AREAS = List.of(new M49Area("002", "Africa"), new M49Area("150", "Europe"),
        new M49Area("142", "Asia"), new M49Area("202", "Sub-Saharan Africa"), new M49Area("155", "Western Europe"));

    @Test
    void everyExpectationEqualsTheRuleReadLiterally() {
        final Random random = new Random(20261130L);
        for (int world = 0; world < 200; world++) {
            final List<Recommendation> recommendations = randomRecommendations(random);
            final List<Country> countries = randomCountries(random);
            final ReferenceData reference = ReferenceData.of(recommendations, countries);
            final List<Instant> instants = instants(countries, random);
            final List<String> keys = new ArrayList<>();
            recommendations.forEach(r -> keys.add(r.getId()));
            AREAS.forEach(a -> keys.add(a.getCode()));
            for (final Theme theme : Theme.values()) {
                keys.add(theme.name());
            }
            keys.addAll(List.of("FRA", "nothing", "2013.99"));
            for (final Instant at : instants) {
                for (final Dimension dimension : Dimension.values()) {
                    for (final ReporterType type : ReporterType.values()) {
                        for (final String key : keys) {
                            assertThat(Expectations.expected(dimension, type, key, reference, at))
                                .as("world %d, %s %s %s at %s", world, dimension, type, key, at)
                                .isEqualTo(literally(dimension, type, key, recommendations, countries, at));
                        }
                    }
                }
            }
        }
    }

    @Test
    void liveReferenceDataGiveTheSameCountsAsAFixedSnapshotOfThem() {
        final Random random = new Random(7L);
        final List<Recommendation> recommendations = randomRecommendations(random);
        final List<Country> countries = randomCountries(random);
        final ReferenceData fixed = ReferenceData.of(recommendations, countries);
        final ReferenceData live = new ReferenceData() {
            @Override
            public java.util.Optional<Recommendation> recommendation(final String id) {
                return fixed.recommendation(id);
            }

            @Override
            public java.util.Optional<Country> country(final String iso3) {
                return fixed.country(iso3);
            }

            @Override
            public List<Recommendation> recommendations() {
                return recommendations;
            }

            @Override
            public List<Country> countries() {
                return countries;
            }
        };
        final Instant at = Instant.parse("2015-06-01T00:00:00Z");
        for (final Theme theme : Theme.values()) {
            assertThat(Expectations.expected(Dimension.THEME, ReporterType.STATE, theme.name(), live, at))
                .isEqualTo(Expectations.expected(Dimension.THEME, ReporterType.STATE, theme.name(), fixed, at));
        }
    }

    /** The expectation as the rules state it, one scan per question. */
    private static int literally(final Dimension dimension, final ReporterType type, final String key,
                                 final List<Recommendation> recommendations, final List<Country> countries,
                                 final Instant at) {
        final long parties = countries.stream().filter(c -> Expectations.isStateParty(c, at)).count();
        final int reporters = type == ReporterType.UNODC ? 1 : Addressing.reportsOnStates(type) ? (int) parties : 0;
        final long reportable = recommendations.stream().filter(r -> Addressing.isReportableBy(r, type)).count();
        switch (dimension) {
            case RECOMMENDATION:
                return recommendations.stream().filter(r -> r.getId().equals(key))
                    .filter(r -> Addressing.isReportableBy(r, type)).findFirst().map(r -> reporters).orElse(0);
            case COUNTRY:
                return (int) reportable;
            case REGION:
            case SUBREGION:
                if (!Addressing.reportsOnStates(type)) {
                    return 0;
                }
                final long inArea = countries.stream().filter(c -> Expectations.isStateParty(c, at))
                    .map(c -> dimension == Dimension.REGION ? c.getRegion() : c.getSubRegion())
                    .filter(area -> area != null && area.getCode().equals(key)).count();
                return (int) (inArea * reportable);
            case THEME:
                final Theme theme = java.util.Arrays.stream(Theme.values()).filter(t -> t.name().equals(key))
                    .findFirst().orElse(null);
                if (theme == null) {
                    return 0;
                }
                final long ofTheme = recommendations.stream()
                    .filter(r -> Addressing.isReportableBy(r, type) && r.getThemes().contains(theme)).count();
                return (int) (reporters * ofTheme);
            default:
                return 0;
        }
    }

    private static List<Recommendation> randomRecommendations(final Random random) {
        final List<Recommendation> recommendations = new ArrayList<>();
        final int count = random.nextInt(12);
        for (int i = 0; i < count; i++) {
            final List<Addressee> addressees = new ArrayList<>();
            for (final Addressee addressee : Addressee.values()) {
                if (random.nextInt(3) == 0) {
                    addressees.add(addressee);
                }
            }
            final Theme[] themes = new Theme[random.nextInt(4)];
            for (int t = 0; t < themes.length; t++) {
                themes[t] = Theme.values()[random.nextInt(Theme.values().length)]; // repeats on purpose
            }
            recommendations.add(Fixtures.recommendation(5 + i, Force.values()[random.nextInt(Force.values().length)],
                addressees, themes));
        }
        return recommendations;
    }

    private static List<Country> randomCountries(final Random random) {
        final List<Country> countries = new ArrayList<>();
        final int count = random.nextInt(30);
        for (int i = 0; i < count; i++) {
            final ProtocolStatus status = ProtocolStatus.values()[random.nextInt(ProtocolStatus.values().length)];
            final M49Area region = random.nextInt(6) == 0 ? null : AREAS.get(random.nextInt(3));
            final M49Area subRegion = random.nextInt(6) == 0 ? null : AREAS.get(3 + random.nextInt(2));
            final LocalDate since = random.nextInt(4) == 0 ? null
                : LocalDate.of(2003, 12, 25).plusDays(random.nextInt(8000));
            countries.add(Country.newBuilder(Fixtures.country(String.format(java.util.Locale.ROOT, "C%02d", i),
                    "Country " + i, region, subRegion, status))
                .setEntityType(EntityType.values()[random.nextInt(EntityType.values().length)])
                .setProtocolPartySince(since)
                .build());
        }
        return countries;
    }

    /** Instants around every party-since day (its start, a millisecond before and after) and a few at random. */
    private static List<Instant> instants(final List<Country> countries, final Random random) {
        final List<Instant> instants = new ArrayList<>();
        for (final Country country : countries) {
            if (country.getProtocolPartySince() != null) {
                final Instant start = Expectations.startOfDay(country.getProtocolPartySince());
                instants.add(start);
                instants.add(start.minusMillis(1));
                instants.add(start.plusNanos(500_000));
            }
        }
        for (int i = 0; i < 3; i++) {
            instants.add(Instant.parse("2000-01-01T00:00:00Z").plusSeconds(random.nextInt(1_000_000_000)));
        }
        // The ends of time, beyond epoch milliseconds: the rule answers for them too.
        instants.add(Instant.MAX);
        instants.add(Instant.MIN);
        return instants;
    }
}
