package org.tipmonitor.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.topology.channels.StateStores;

/** The reference data the rules read: the catalogue of recommendations and the countries. */
public interface ReferenceData {

    Optional<Recommendation> recommendation(String id);

    Optional<Country> country(String iso3);

    List<Recommendation> recommendations();

    List<Country> countries();

    /**
     * The counts expectations are made of. Computed from {@link #recommendations()} and {@link #countries()} at
     * each call by default; fixed reference data compute them once.
     */
    default ExpectationCounts expectationCounts() {
        return ExpectationCounts.of(recommendations(), countries());
    }

    /** Reference data read live from the global reference stores, as a processor of the topology sees them. */
    static ReferenceData fromGlobalStores(final ProcessingContext context) {
        return fromStores(StateStores.RECOMMENDATIONS.in(context), StateStores.COUNTRIES.in(context));
    }

    /** Reference data read live from the topology's global stores. */
    static ReferenceData fromStores(final ReadOnlyKeyValueStore<String, Recommendation> recommendations,
                                    final ReadOnlyKeyValueStore<String, Country> countries) {
        return new ReferenceData() {
            @Override
            public Optional<Recommendation> recommendation(final String id) {
                return Optional.ofNullable(recommendations.get(id));
            }

            @Override
            public Optional<Country> country(final String iso3) {
                return Optional.ofNullable(countries.get(iso3));
            }

            @Override
            public List<Recommendation> recommendations() {
                return values(recommendations);
            }

            @Override
            public List<Country> countries() {
                return values(countries);
            }
        };
    }

    /** Fixed reference data, e.g. a catalogue loaded from the classpath or a test fixture. */
    static ReferenceData of(final List<Recommendation> recommendations, final List<Country> countries) {
        final Map<String, Recommendation> byId = recommendations.stream()
            .collect(Collectors.toUnmodifiableMap(Recommendation::getId, Function.identity()));
        final Map<String, Country> byIso3 = countries.stream()
            .collect(Collectors.toUnmodifiableMap(Country::getIso3, Function.identity()));
        final List<Recommendation> recommendationList = List.copyOf(recommendations);
        final List<Country> countryList = List.copyOf(countries);
        final ExpectationCounts counts = ExpectationCounts.of(recommendationList, countryList);
        return new ReferenceData() {
            @Override
            public ExpectationCounts expectationCounts() {
                return counts;
            }

            @Override
            public Optional<Recommendation> recommendation(final String id) {
                return Optional.ofNullable(byId.get(id));
            }

            @Override
            public Optional<Country> country(final String iso3) {
                return Optional.ofNullable(byIso3.get(iso3));
            }

            @Override
            public List<Recommendation> recommendations() {
                return recommendationList;
            }

            @Override
            public List<Country> countries() {
                return countryList;
            }
        };
    }

    private static <V> List<V> values(final ReadOnlyKeyValueStore<String, V> store) {
        final List<V> values = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            while (all.hasNext()) {
                final KeyValue<String, V> next = all.next();
                if (next.value != null) {
                    values.add(next.value);
                }
            }
        }
        return values;
    }
}
