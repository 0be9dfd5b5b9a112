package org.tipmonitor.api;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.tipmonitor.topology.channels.Store;

/**
 * A state store the API reads: its name, the Avro class of its values, and how it is queried. Values cross between
 * instances as plain JSON ({@link org.tipmonitor.json.AvroJson}); the value type read them back, so that no class
 * name ever comes from the network.
 *
 * @param name      the store name in the topology
 * @param valueType the generated Avro class of its values (keys are always strings)
 * @param kind      how to query it
 */
public record QueryableStore<V extends SpecificRecord>(String name, Class<V> valueType, Kind kind) {

    /** How a store is queried. */
    public enum Kind {
        /** A partitioned key-value store: IQv2 {@code KeyQuery} and {@code RangeQuery}, routed to the owner. */
        KEY_VALUE,
        /** A partitioned versioned store: IQv2 {@code VersionedKeyQuery} and {@code MultiVersionedKeyQuery}. */
        VERSIONED,
        /** A global store, whole on every instance; IQv2 does not serve these, so it is read locally. */
        GLOBAL
    }

    public QueryableStore {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(kind, "kind");
    }

    /** The API's view of a store the topology declares. */
    public static <V extends SpecificRecord> QueryableStore<V> of(final Store<V> store) {
        final Kind kind = switch (store.kind()) {
            case KEY_VALUE -> Kind.KEY_VALUE;
            case VERSIONED -> Kind.VERSIONED;
            case GLOBAL -> Kind.GLOBAL;
        };
        return new QueryableStore<>(store.name(), store.values().type(), kind);
    }

    public static <V extends SpecificRecord> QueryableStore<V> keyValue(final String name, final Class<V> type) {
        return new QueryableStore<>(name, type, Kind.KEY_VALUE);
    }

    public static <V extends SpecificRecord> QueryableStore<V> versioned(final String name, final Class<V> type) {
        return new QueryableStore<>(name, type, Kind.VERSIONED);
    }

    public static <V extends SpecificRecord> QueryableStore<V> global(final String name, final Class<V> type) {
        return new QueryableStore<>(name, type, Kind.GLOBAL);
    }
}
