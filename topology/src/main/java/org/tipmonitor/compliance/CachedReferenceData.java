package org.tipmonitor.compliance;

import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Recommendation;

/**
 * Reference data read from the global stores at most once per time-to-live. Every read of a global store
 * deserialises its records, and the expectations of a row scan all countries and recommendations: per delta that
 * was a few hundred Avro decodings, which made the aggregation the bottleneck of a bulk load. Reference data
 * change rarely, and a change reaches the rows through the periodic reconciliation anyway.
 */
final class CachedReferenceData implements ReferenceData {

    private final ReferenceData source;
    private final LongSupplier clock;
    private final long ttlMs;
    private long loadedAt = Long.MIN_VALUE;
    private ReferenceData snapshot;

    CachedReferenceData(final ReferenceData source, final LongSupplier clock, final long ttlMs) {
        this.source = source;
        this.clock = clock;
        this.ttlMs = ttlMs;
    }

    private ReferenceData current() {
        final long now = clock.getAsLong();
        if (snapshot == null || now - loadedAt >= ttlMs || now < loadedAt) {
            snapshot = ReferenceData.of(source.recommendations(), source.countries());
            loadedAt = now;
        }
        return snapshot;
    }

    /** Forget the snapshot: the next read loads the stores again. */
    void invalidate() {
        snapshot = null;
    }

    @Override
    public Optional<Recommendation> recommendation(final String id) {
        return current().recommendation(id);
    }

    @Override
    public Optional<Country> country(final String iso3) {
        return current().country(iso3);
    }

    @Override
    public List<Recommendation> recommendations() {
        return current().recommendations();
    }

    @Override
    public List<Country> countries() {
        return current().countries();
    }
}
