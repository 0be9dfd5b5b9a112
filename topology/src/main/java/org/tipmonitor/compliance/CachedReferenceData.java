package org.tipmonitor.compliance;

import java.time.Instant;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Recommendation;

/**
 * Reference data read from the global stores at most once per time-to-live. Every read of a global store
 * deserialises its records, and the expectations of a row scan all countries and recommendations: per delta that
 * was a few hundred Avro decodings, which made the aggregation the bottleneck of a bulk load. Reference data
 * change rarely, and a change reaches the rows through the periodic reconciliation anyway.
 *
 * <p>Two refinements keep the snapshot exact where it matters. Built with {@link #reloadingOnMiss}, a lookup that
 * misses (a recommendation or country the snapshot does not have) asks the live store, and reloads the snapshot if
 * the store has it: an entity added a moment ago is seen at once. And every reload that finds other content than the snapshot before it counts a new
 * {@link #generation()}: a periodic reconciliation that finds the generation it last reconciled has nothing to do,
 * instead of re-resolving every cell and row against unchanged data.
 *
 * <p>Unchanged data can still mean changed expectations: a State counts as a party only from its party-since date,
 * which may lie ahead. {@link #nextStatePartyDateAfter} tells a reconciliation the next such instant, so it also
 * runs once the wall clock passes it, without walking anything in between.
 */
public final class CachedReferenceData implements ReferenceData {

    private final ReferenceData source;
    private final LongSupplier clock;
    private final long ttlMs;
    private long loadedAt = Long.MIN_VALUE;
    private ReferenceData snapshot;
    private List<Recommendation> loadedRecommendations;
    private List<Country> loadedCountries;
    private long generation;
    /** The instants from which a State of the loaded countries counts as a party (see Expectations). */
    private NavigableSet<Instant> statePartyDates = new TreeSet<>();
    private final boolean reloadOnMiss;

    public CachedReferenceData(final ReferenceData source, final LongSupplier clock, final long ttlMs) {
        this(source, clock, ttlMs, false);
    }

    private CachedReferenceData(final ReferenceData source, final LongSupplier clock, final long ttlMs,
                                final boolean reloadOnMiss) {
        this.source = source;
        this.clock = clock;
        this.ttlMs = ttlMs;
        this.reloadOnMiss = reloadOnMiss;
    }

    /** A cache whose lookups that miss check the live store (one read) and reload when it has the entity. */
    public static CachedReferenceData reloadingOnMiss(final ReferenceData source, final LongSupplier clock,
                                                      final long ttlMs) {
        return new CachedReferenceData(source, clock, ttlMs, true);
    }

    private ReferenceData current() {
        final long now = clock.getAsLong();
        if (snapshot == null || now - loadedAt >= ttlMs || now < loadedAt) {
            load(now);
        }
        return snapshot;
    }

    private void load(final long now) {
        final List<Recommendation> recommendations = source.recommendations();
        final List<Country> countries = source.countries();
        if (!recommendations.equals(loadedRecommendations) || !countries.equals(loadedCountries)) {
            generation++;
            loadedRecommendations = recommendations;
            loadedCountries = countries;
            snapshot = ReferenceData.of(recommendations, countries);
            statePartyDates = statePartyDates(countries);
        } else if (snapshot == null) {
            snapshot = ReferenceData.of(recommendations, countries);
        }
        loadedAt = now;
    }

    /** Forget the snapshot: the next read loads the stores again. */
    public void invalidate() {
        snapshot = null;
    }

    /**
     * How many times a load found content other than the snapshot before it (the first load counts). Equal
     * generations mean the same reference data.
     */
    public long generation() {
        current();
        return generation;
    }

    /**
     * The earliest instant strictly after {@code at} from which a State of the current reference data becomes a
     * State party: until then, every expectation asked at {@code at} stays as it is (barring a change of the data).
     */
    public Optional<Instant> nextStatePartyDateAfter(final Instant at) {
        current();
        return Optional.ofNullable(statePartyDates.higher(at));
    }

    private static NavigableSet<Instant> statePartyDates(final List<Country> countries) {
        final NavigableSet<Instant> dates = new TreeSet<>();
        for (final Country country : countries) {
            Expectations.statePartyFrom(country).ifPresent(dates::add);
        }
        return dates;
    }

    @Override
    public Optional<Recommendation> recommendation(final String id) {
        final Optional<Recommendation> cached = current().recommendation(id);
        if (reloadOnMiss && cached.isEmpty() && id != null && source.recommendation(id).isPresent()) {
            load(clock.getAsLong());
            return snapshot.recommendation(id);
        }
        return cached;
    }

    @Override
    public Optional<Country> country(final String iso3) {
        final Optional<Country> cached = current().country(iso3);
        if (reloadOnMiss && cached.isEmpty() && iso3 != null && source.country(iso3).isPresent()) {
            load(clock.getAsLong());
            return snapshot.country(iso3);
        }
        return cached;
    }

    @Override
    public List<Recommendation> recommendations() {
        return current().recommendations();
    }

    @Override
    public List<Country> countries() {
        return current().countries();
    }

    @Override
    public ExpectationCounts expectationCounts() {
        return current().expectationCounts();
    }
}
