package org.tipmonitor.topology.channels;

import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.tipmonitor.compliance.TipSerdes;

/**
 * A repartition inside the topology: a stream re-keyed and written to an internal topic so that records of one
 * key meet in one task. Streams names the topic {@code <application.id>-<name>-repartition} and its processors
 * {@code <name>-repartition-filter|sink|source}. Every repartition is declared once, in {@link Repartitions}; a
 * repartition is where one sub-topology ends and the next begins.
 *
 * @param name       the repartition's name
 * @param values     the value type and serde
 * @param partitions a fixed partition count, or empty for the count of the topics upstream
 * @param placement  which partition a key goes to; the stores downstream hold their keys there too
 * @param <V>        the value type
 */
public record Repartition<V>(String name, ValueFormat<V> values, Optional<Integer> partitions, Placement placement) {

    public Repartition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(partitions, "partitions");
        Objects.requireNonNull(placement, "placement");
    }

    static <V> Repartition<V> of(final String name, final ValueFormat<V> values) {
        return new Repartition<>(name, values, Optional.empty(), Placement.BY_KEY);
    }

    /** A repartition that places each key by the country it names ({@link Placement#BY_COUNTRY}). */
    static <V> Repartition<V> byCountry(final String name, final ValueFormat<V> values) {
        return new Repartition<>(name, values, Optional.empty(), Placement.BY_COUNTRY);
    }

    /** A repartition into a single partition: one task sees every record. */
    static <V> Repartition<V> single(final String name, final ValueFormat<V> values) {
        return new Repartition<>(name, values, Optional.of(1), Placement.BY_KEY);
    }

    public Serde<String> keySerde() {
        return Keys.serde();
    }

    public Serde<V> valueSerde(final TipSerdes serdes) {
        return values.serde(serdes);
    }

    public Repartitioned<String, V> repartitioned(final TipSerdes serdes) {
        final Repartitioned<String, V> named = Repartitioned.with(keySerde(), valueSerde(serdes)).withName(name);
        final Repartitioned<String, V> placed = placement == Placement.BY_KEY ? named
            : named.withStreamPartitioner(placement.partitioner());
        return partitions.map(placed::withNumberOfPartitions).orElse(placed);
    }
}
