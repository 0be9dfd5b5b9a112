package org.tipmonitor.topology.channels;

import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.tipmonitor.compliance.TipSerdes;

/**
 * A state store of the topology: its name, what its values are, and what kind of store it is. Keys are strings
 * ({@link Keys}). Every store is declared once, in {@link StateStores}; the processor that owns a store builds it
 * from this declaration, the processors that read it open it through it, and the API queries it by it.
 *
 * @param <V> the value type
 */
public sealed interface Store<V> permits Store.KeyValue, Store.Buffer, Store.Versioned, Store.Global {

    /** How a store is kept and queried. */
    enum Kind {
        /** A partitioned key-value store, backed by a changelog. */
        KEY_VALUE,
        /** A partitioned versioned store (history per key), backed by a changelog. */
        VERSIONED,
        /** A global store: every instance holds all of it, filled from its source topic. */
        GLOBAL
    }

    String name();

    ValueFormat<V> values();

    Kind kind();

    default Serde<String> keySerde() {
        return Keys.serde();
    }

    /**
     * A persistent key-value store.
     *
     * @param name   the store name
     * @param values the value type and serde
     * @param <V>    the value type
     */
    record KeyValue<V>(String name, ValueFormat<V> values) implements Store<V> {

        public KeyValue {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(values, "values");
        }

        @Override
        public Kind kind() {
            return Kind.KEY_VALUE;
        }

        public StoreBuilder<KeyValueStore<String, V>> builder(final TipSerdes serdes) {
            return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keySerde(),
                values.serde(serdes));
        }

        /** The store as a processor connected to it sees it. */
        public KeyValueStore<String, V> in(final ProcessingContext context) {
            return context.getStateStore(name);
        }
    }

    /**
     * A small key-value store in memory, each value with a timestamp, backed by a changelog, with Streams' record
     * cache in front: what a processor holds between two flushes of its own. The cache writes each key once per
     * commit to the changelog, however often it changed; the changelog makes a restart lose nothing.
     *
     * @param name   the store name
     * @param values the value type and serde
     * @param <V>    the value type
     */
    record Buffer<V>(String name, ValueFormat<V> values) implements Store<V> {

        public Buffer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(values, "values");
        }

        @Override
        public Kind kind() {
            return Kind.KEY_VALUE;
        }

        public StoreBuilder<TimestampedKeyValueStore<String, V>> builder(final TipSerdes serdes) {
            return Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keySerde(),
                values.serde(serdes)).withCachingEnabled();
        }

        public TimestampedKeyValueStore<String, V> in(final ProcessingContext context) {
            return context.getStateStore(name);
        }
    }

    /**
     * A persistent versioned store: each key's history, for "as of" reads.
     *
     * @param name   the store name
     * @param values the value type and serde
     * @param <V>    the value type
     */
    record Versioned<V>(String name, ValueFormat<V> values) implements Store<V> {

        public Versioned {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(values, "values");
        }

        @Override
        public Kind kind() {
            return Kind.VERSIONED;
        }

        /** The builder, keeping superseded versions for {@code history} behind stream time. */
        public StoreBuilder<VersionedKeyValueStore<String, V>> builder(final TipSerdes serdes,
                                                                      final Duration history) {
            return Stores.versionedKeyValueStoreBuilder(Stores.persistentVersionedKeyValueStore(name, history),
                keySerde(), values.serde(serdes));
        }

        public VersionedKeyValueStore<String, V> in(final ProcessingContext context) {
            return context.getStateStore(name);
        }
    }

    /**
     * A global store, in memory, filled from its compacted source topic (no changelog: the topic is the log).
     *
     * @param name   the store name
     * @param source the topic it mirrors
     * @param <V>    the value type
     */
    record Global<V>(String name, Topic<V> source) implements Store<V> {

        public Global {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public ValueFormat<V> values() {
            return source.values();
        }

        @Override
        public Kind kind() {
            return Kind.GLOBAL;
        }

        public StoreBuilder<KeyValueStore<String, V>> builder(final TipSerdes serdes) {
            return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keySerde(), values().serde(serdes))
                .withLoggingDisabled();
        }

        public KeyValueStore<String, V> in(final ProcessingContext context) {
            return context.getStateStore(name);
        }
    }
}
