package org.tipmonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.VersionedRecord;
import org.tipmonitor.topology.channels.Placement;

/**
 * Typed, routed reads of the application's state stores, for the HTTP handlers.
 *
 * <p>A key is read where it lives: Streams says which instance hosts the key's partition
 * ({@code queryMetadataForKey}); if that is this instance the store is queried with IQv2 here, otherwise the
 * other instance is asked on its internal endpoint and its JSON answer is read back into the store's Avro type.
 * A whole table is the union of every instance's active partitions. Global stores are whole on every instance and
 * are read locally. Whenever the stores cannot answer (Streams not RUNNING, a partition moving or restoring, an
 * owner not answering) the call throws {@link StoresUnavailableException}, which the server turns into 503.
 *
 * <p>The HTTP server must know its port before Streams starts (Streams advertises it), so this object exists
 * before the {@link KafkaStreams} it reads: until {@link #bind} every query is unavailable. Thread-safe.
 */
public final class StoreQueries {

    /** Upper bound of a prefix range: above every ASCII or BMP character that can follow the prefix in a key. */
    private static final char PREFIX_END = '\uffff';

    private final List<QueryableStore<?>> readinessStores;
    private final InternalSecret internalSecret;
    private final RemoteStores remote;
    // Written once by bind(), read by request threads: volatile publishes the bound pair safely.
    private volatile Binding binding;

    private record Binding(LocalStoreReader local, HostInfo self) {
    }

    /** Readiness: whether the stores answer, and why not. */
    public record Readiness(boolean ready, String reason) {
    }

    /** @param readinessStores the stores that must answer for {@link #readiness()} to be ready */
    public StoreQueries(final List<QueryableStore<?>> readinessStores) {
        this(readinessStores, InternalSecret.random());
    }

    /** @param internalSecret what this instance presents to the others, and they to it */
    public StoreQueries(final List<QueryableStore<?>> readinessStores, final InternalSecret internalSecret) {
        this.readinessStores = List.copyOf(readinessStores);
        this.internalSecret = Objects.requireNonNull(internalSecret, "internalSecret");
        this.remote = new RemoteStores(internalSecret);
    }

    /** The secret of the internal endpoints this instance asks and serves. */
    public InternalSecret internalSecret() {
        return internalSecret;
    }

    /**
     * Connects the queries to the running application.
     *
     * @param streams    the application (started or about to be)
     * @param self       this instance's {@code application.server}, to tell local keys from remote ones
     * @param placements where each store of the application's topology keeps its keys
     *                   ({@link Placement#ofStores}); a store not listed keeps them by key
     */
    public void bind(final KafkaStreams streams, final HostInfo self, final Map<String, Placement> placements) {
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(self, "self");
        synchronized (this) {
            if (binding != null) {
                throw new IllegalStateException("StoreQueries are already bound");
            }
            binding = new Binding(new LocalStoreReader(streams, placements), self);
        }
    }

    /** This instance's host and port as the other instances know it; empty before {@link #bind}. */
    public Optional<HostInfo> self() {
        final Binding bound = binding;
        return bound == null ? Optional.empty() : Optional.of(bound.self());
    }

    /** Ready when Streams is RUNNING and every readiness store answers on all local active partitions. */
    public Readiness readiness() {
        final Binding bound = binding;
        if (bound == null) {
            return new Readiness(false, "the application is starting");
        }
        try {
            for (final QueryableStore<?> store : readinessStores) {
                switch (store.kind()) {
                    case GLOBAL:
                        bound.local().globalStore(store.name());
                        break;
                    case VERSIONED:
                        bound.local().probeVersioned(store.name());
                        break;
                    default:
                        bound.local().probe(store.name());
                }
            }
            return new Readiness(true, "RUNNING");
        } catch (final ApiException e) {
            return new Readiness(false, e.getMessage());
        }
    }

    /** The value of a key (the latest version for a versioned store). */
    public <V extends SpecificRecord> Optional<V> get(final QueryableStore<V> store, final String key) {
        Objects.requireNonNull(key, "key");
        final Binding bound = bound();
        switch (store.kind()) {
            case GLOBAL:
                return Optional.ofNullable(store.valueType().cast(bound.local().globalStore(store.name()).get(key)));
            case VERSIONED:
                return getAsOf(store, key, null).map(VersionedRecord::value);
            default:
                final KeyQueryMetadata where = bound.local().metadataForKey(store.name(), key);
                if (where.activeHost().equals(bound.self())) {
                    return bound.local().value(store.name(), key).map(store.valueType()::cast);
                }
                return fromOwnerOrStandby(bound, where,
                    () -> StoreJson.readValue(remote.get(where.activeHost(), store.name(), "value", Map.of("key", key)),
                        store.valueType()),
                    () -> bound.local().standbyValue(store.name(), key, where.partition()).map(store.valueType()::cast));
        }
    }

    /** The version of a key valid at {@code asOf} (null: the latest) in a versioned store. */
    public <V extends SpecificRecord> Optional<VersionedRecord<V>> getAsOf(final QueryableStore<V> store,
                                                                           final String key, final Instant asOf) {
        requireKind(store, QueryableStore.Kind.VERSIONED);
        final Binding bound = bound();
        final KeyQueryMetadata where = bound.local().metadataForKey(store.name(), key);
        if (where.activeHost().equals(bound.self())) {
            return bound.local().version(store.name(), key, asOf).map(version -> typed(store, version));
        }
        final Map<String, String> params = new HashMap<>();
        params.put("key", key);
        params.put("asOf", asOf == null ? null : asOf.toString());
        return fromOwnerOrStandby(bound, where,
            () -> StoreJson.readVersion(remote.get(where.activeHost(), store.name(), "version", params),
                store.valueType()),
            () -> bound.local().standbyVersion(store.name(), key, asOf, where.partition())
                .map(version -> typed(store, version)));
    }

    /** Every retained version of a key in a versioned store, newest first. */
    public <V extends SpecificRecord> List<VersionedRecord<V>> history(final QueryableStore<V> store,
                                                                       final String key) {
        requireKind(store, QueryableStore.Kind.VERSIONED);
        final Binding bound = bound();
        final KeyQueryMetadata where = bound.local().metadataForKey(store.name(), key);
        if (where.activeHost().equals(bound.self())) {
            return bound.local().history(store.name(), key).stream().map(version -> typed(store, version)).toList();
        }
        return fromOwnerOrStandby(bound, where,
            () -> StoreJson.readVersions(remote.get(where.activeHost(), store.name(), "history", Map.of("key", key)),
                store.valueType()),
            () -> bound.local().standbyHistory(store.name(), key, where.partition()).stream()
                .map(version -> typed(store, version)).toList());
    }

    /**
     * For many keys of a versioned store, the version valid at {@code asOf} (null: the latest); keys without one are
     * absent from the answer. Keys are grouped by the instance that owns them: local ones are read here, and each
     * other instance is asked once for all of its keys, not once per key.
     */
    public <V extends SpecificRecord> Map<String, VersionedRecord<V>> getAsOf(final QueryableStore<V> store,
                                                                             final Collection<String> keys,
                                                                             final Instant asOf) {
        requireKind(store, QueryableStore.Kind.VERSIONED);
        final Binding bound = bound();
        final Map<String, VersionedRecord<V>> versions = new HashMap<>();
        for (final Map.Entry<HostInfo, List<String>> owned : byOwner(bound, store, keys).entrySet()) {
            if (owned.getKey().equals(bound.self())) {
                bound.local().versions(store.name(), owned.getValue(), asOf).forEach((key, version) -> {
                    if (version != null) {
                        versions.put(key, typed(store, version));
                    }
                });
            } else {
                versions.putAll(StoreJson.readVersionsByKey(remote.post(owned.getKey(), store.name(), "versions",
                    StoreJson.batchRequest(owned.getValue(), asOf)), store.valueType()));
            }
        }
        return versions;
    }

    /** For many keys of a versioned store, every retained version, newest first; one request per other instance. */
    public <V extends SpecificRecord> Map<String, List<VersionedRecord<V>>> histories(final QueryableStore<V> store,
                                                                                     final Collection<String> keys) {
        requireKind(store, QueryableStore.Kind.VERSIONED);
        final Binding bound = bound();
        final Map<String, List<VersionedRecord<V>>> histories = new HashMap<>();
        for (final Map.Entry<HostInfo, List<String>> owned : byOwner(bound, store, keys).entrySet()) {
            if (owned.getKey().equals(bound.self())) {
                bound.local().histories(store.name(), owned.getValue()).forEach((key, versions) ->
                    histories.put(key, versions.stream().map(version -> typed(store, version)).toList()));
            } else {
                histories.putAll(StoreJson.readHistoriesByKey(remote.post(owned.getKey(), store.name(), "histories",
                    StoreJson.batchRequest(owned.getValue(), null)), store.valueType()));
            }
        }
        return histories;
    }

    /** Every row of a key-value or global store, from all instances, sorted by key. */
    public <V extends SpecificRecord> List<KeyValue<String, V>> all(final QueryableStore<V> store) {
        return range(store, null, null);
    }

    /** The rows whose key starts with {@code prefix}, e.g. {@code "STATE|"}: one reporter type's rows. */
    public <V extends SpecificRecord> List<KeyValue<String, V>> prefix(final QueryableStore<V> store,
                                                                      final String prefix) {
        return range(store, prefix, prefix + PREFIX_END);
    }

    /** The rows from {@code from} to {@code to}, both inclusive, null for open; sorted by key. */
    public <V extends SpecificRecord> List<KeyValue<String, V>> range(final QueryableStore<V> store,
                                                                     final String from, final String to) {
        final Binding bound = bound();
        final List<KeyValue<String, V>> rows = new ArrayList<>();
        if (store.kind() == QueryableStore.Kind.GLOBAL) {
            final var global = bound.local().globalStore(store.name());
            try (KeyValueIterator<String, Object> iterator = from == null && to == null
                ? global.all() : global.range(from, to)) {
                iterator.forEachRemaining(row -> rows.add(KeyValue.pair(row.key, store.valueType().cast(row.value))));
            }
            return rows;
        }
        requireKind(store, QueryableStore.Kind.KEY_VALUE);
        for (final HostInfo host : hostsOf(bound, store)) {
            if (host.equals(bound.self())) {
                for (final KeyValue<String, Object> row : bound.local().rows(store.name(), from, to)) {
                    rows.add(KeyValue.pair(row.key, store.valueType().cast(row.value)));
                }
            } else {
                final Map<String, String> params = new HashMap<>();
                params.put("from", from);
                params.put("to", to);
                final JsonNode answer = remote.get(host, store.name(), "rows", params);
                rows.addAll(StoreJson.readRows(answer, store.valueType()));
            }
        }
        rows.sort(Comparator.comparing(row -> row.key));
        return rows;
    }

    /**
     * A key another instance owns: asked there; if it does not answer (crashed, and the group has not noticed yet:
     * up to a session timeout) and this instance keeps a standby of the key's partition, read from the standby.
     * With exactly-once a standby holds exactly what the owner last committed, so the answer is not stale by more
     * than the owner's uncommitted work, which a crash throws away anyway.
     */
    private static <R> R fromOwnerOrStandby(final Binding bound, final KeyQueryMetadata where,
                                            final Supplier<R> fromOwner, final Supplier<R> fromStandby) {
        try {
            return fromOwner.get();
        } catch (final StoresUnavailableException ownerDown) {
            if (!where.standbyHosts().contains(bound.self())) {
                throw ownerDown;
            }
            try {
                return fromStandby.get();
            } catch (final StoresUnavailableException standbyNotReady) {
                ownerDown.addSuppressed(standbyNotReady);
                throw ownerDown;
            }
        }
    }

    LocalStoreReader local() {
        return bound().local();
    }

    private Binding bound() {
        final Binding bound = binding;
        if (bound == null) {
            throw new StoresUnavailableException("the application is starting");
        }
        bound.local().requireRunning();
        return bound;
    }

    private static HostInfo owner(final Binding bound, final QueryableStore<?> store, final String key) {
        final KeyQueryMetadata metadata = bound.local().metadataForKey(store.name(), key);
        return metadata.activeHost();
    }

    private static Map<HostInfo, List<String>> byOwner(final Binding bound, final QueryableStore<?> store,
                                                       final Collection<String> keys) {
        final Map<HostInfo, List<String>> byOwner = new LinkedHashMap<>();
        for (final String key : keys) {
            byOwner.computeIfAbsent(owner(bound, store, key), host -> new ArrayList<>()).add(key);
        }
        return byOwner;
    }

    /** The instances hosting active partitions of the store, this one first, each once. */
    private static Collection<HostInfo> hostsOf(final Binding bound, final QueryableStore<?> store) {
        final Collection<StreamsMetadata> metadata;
        try {
            metadata = bound.local().streamsMetadataForStore(store.name());
        } catch (final StreamsNotStartedException e) {
            throw new StoresUnavailableException("the stores are not queryable yet", e);
        }
        final Map<String, HostInfo> hosts = new LinkedHashMap<>();
        hosts.put(key(bound.self()), bound.self());
        for (final StreamsMetadata instance : metadata) {
            hosts.putIfAbsent(key(instance.hostInfo()), instance.hostInfo());
        }
        return hosts.values();
    }

    private static String key(final HostInfo host) {
        return host.host() + ":" + host.port();
    }

    private static <V extends SpecificRecord> VersionedRecord<V> typed(final QueryableStore<V> store,
                                                                       final VersionedRecord<Object> version) {
        final V value = store.valueType().cast(version.value());
        return version.validTo().isPresent()
            ? new VersionedRecord<>(value, version.timestamp(), version.validTo().get())
            : new VersionedRecord<>(value, version.timestamp());
    }

    private static void requireKind(final QueryableStore<?> store, final QueryableStore.Kind kind) {
        if (store.kind() != kind) {
            throw new IllegalArgumentException(store.name() + " is a " + store.kind() + " store, not " + kind);
        }
    }
}
