package org.tipmonitor.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.errors.UnknownStateStoreException;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.MultiVersionedKeyQuery;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.query.VersionedKeyQuery;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.apache.kafka.streams.state.VersionedRecordIterator;
import org.tipmonitor.topology.channels.Placement;

/**
 * Reads this instance's own state with IQv2, active partitions only (a standby may lag behind), except the
 * {@code standby*} reads, for when a key's owner does not answer. Never forwards:
 * routing is {@link StoreQueries}' job, and the internal endpoints answer from here, so a request can never loop
 * between instances. Values come back as the store holds them (untyped; the caller knows the type).
 */
final class LocalStoreReader {

    private final KafkaStreams streams;
    private final Map<String, Placement> placements;

    LocalStoreReader(final KafkaStreams streams, final Map<String, Placement> placements) {
        this.streams = streams;
        this.placements = Map.copyOf(placements);
    }

    /** Where a key lives: the partition and its active host, or unavailable while Streams cannot tell. */
    KeyQueryMetadata metadataForKey(final String store, final String key) {
        requireRunning();
        final KeyQueryMetadata metadata;
        try {
            // BY_KEY hashes the key as Streams' default partitioner does (PlacementTest), so one path serves all.
            metadata = streams.queryMetadataForKey(store, key,
                placements.getOrDefault(store, Placement.BY_KEY).<Object>partitioner());
        } catch (final StreamsNotStartedException | IllegalStateException e) {
            throw new StoresUnavailableException("the stores are not queryable yet", e);
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) || metadata.activeHost() == null) {
            if (!isKnownStore(store)) {
                throw ApiException.notFound("no store named \"" + store + "\"");
            }
            throw new StoresUnavailableException("no instance currently owns key \"" + key + "\" of " + store
                + " (the group is rebalancing)");
        }
        return metadata;
    }

    /** Whether any instance of the running application holds the store (a name not in the topology: none does). */
    private boolean isKnownStore(final String store) {
        try {
            return streams.metadataForAllStreamsClients().stream()
                .anyMatch(client -> client.stateStoreNames().contains(store));
        } catch (final StreamsNotStartedException | IllegalStateException e) {
            return true; // cannot tell yet: let the caller retry rather than claim the store does not exist
        }
    }

    /** Streams answers queries only in RUNNING; REBALANCING or restoring means partial or moving data. */
    void requireRunning() {
        final KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new StoresUnavailableException("the stores are not queryable while the application is " + state);
        }
    }

    KafkaStreams.State state() {
        return streams.state();
    }

    Collection<StreamsMetadata> streamsMetadataForStore(final String store) {
        return streams.streamsMetadataForStore(store);
    }

    Optional<Object> value(final String store, final String key) {
        final int partition = localPartition(store, key);
        return Optional.ofNullable(queryPartition(store, KeyQuery.withKey(key), partition));
    }

    Optional<VersionedRecord<Object>> version(final String store, final String key, final Instant asOf) {
        final int partition = localPartition(store, key);
        final VersionedKeyQuery<String, Object> query = asOf == null
            ? VersionedKeyQuery.withKey(key)
            : VersionedKeyQuery.<String, Object>withKey(key).asOf(asOf);
        return Optional.ofNullable(queryPartition(store, query, partition));
    }

    /** Every retained version of a key, newest first. */
    List<VersionedRecord<Object>> history(final String store, final String key) {
        final int partition = localPartition(store, key);
        final MultiVersionedKeyQuery<String, Object> query =
            MultiVersionedKeyQuery.<String, Object>withKey(key).withDescendingTimestamps();
        final List<VersionedRecord<Object>> versions = new ArrayList<>();
        try (VersionedRecordIterator<Object> iterator = queryPartition(store, query, partition)) {
            while (iterator != null && iterator.hasNext()) {
                versions.add(iterator.next());
            }
        }
        return versions;
    }

    /** For each key, the version valid at {@code asOf} (null: latest) or null; every key must be active here. */
    Map<String, VersionedRecord<Object>> versions(final String store, final Collection<String> keys,
                                                  final Instant asOf) {
        final Map<String, VersionedRecord<Object>> versions = new LinkedHashMap<>();
        for (final String key : keys) {
            versions.put(key, version(store, key, asOf).orElse(null));
        }
        return versions;
    }

    /** For each key, every retained version, newest first; every key must be active here. */
    Map<String, List<VersionedRecord<Object>>> histories(final String store, final Collection<String> keys) {
        final Map<String, List<VersionedRecord<Object>>> histories = new LinkedHashMap<>();
        for (final String key : keys) {
            histories.put(key, history(store, key));
        }
        return histories;
    }

    /**
     * The rows of all partitions active here, from {@code from} to {@code to} (both inclusive; null for open).
     * Partitions this instance holds as standby are skipped: their active host answers for them.
     */
    List<KeyValue<String, Object>> rows(final String store, final String from, final String to) {
        requireRunning();
        final RangeQuery<String, Object> query;
        if (from == null && to == null) {
            query = RangeQuery.withNoBounds();
        } else if (from == null) {
            query = RangeQuery.withUpperBound(to);
        } else if (to == null) {
            query = RangeQuery.withLowerBound(from);
        } else {
            query = RangeQuery.withRange(from, to);
        }
        final StateQueryResult<KeyValueIterator<String, Object>> result =
            run(StateQueryRequest.inStore(store).withQuery(query).requireActive());
        final List<KeyValue<String, Object>> rows = new ArrayList<>();
        RuntimeException failure = null;
        // Close every partition's iterator, even after a failure on another partition.
        for (final Map.Entry<Integer, QueryResult<KeyValueIterator<String, Object>>> entry
            : result.getPartitionResults().entrySet()) {
            final QueryResult<KeyValueIterator<String, Object>> partitionResult = entry.getValue();
            if (partitionResult.isFailure()) {
                if (partitionResult.getFailureReason() != FailureReason.NOT_ACTIVE && failure == null) {
                    failure = failure(store, entry.getKey(), partitionResult);
                }
                continue;
            }
            try (KeyValueIterator<String, Object> iterator = partitionResult.getResult()) {
                if (failure == null) {
                    iterator.forEachRemaining(rows::add);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return rows;
    }

    /** A global store, read whole from this instance (every instance holds all of it). */
    ReadOnlyKeyValueStore<String, Object> globalStore(final String store) {
        requireRunning();
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
        } catch (final InvalidStateStoreException e) {
            throw new StoresUnavailableException("global store " + store + " is not queryable right now", e);
        }
    }

    /** Whether the store answers here: every local active partition, probed with a cheap key query. */
    void probe(final String store) {
        requireRunning();
        final StateQueryResult<Object> result =
            run(StateQueryRequest.inStore(store).withQuery(KeyQuery.withKey("")).requireActive());
        for (final Map.Entry<Integer, QueryResult<Object>> entry : result.getPartitionResults().entrySet()) {
            final QueryResult<Object> partitionResult = entry.getValue();
            if (partitionResult.isFailure() && partitionResult.getFailureReason() != FailureReason.NOT_ACTIVE) {
                throw failure(store, entry.getKey(), partitionResult);
            }
        }
    }

    /** A versioned store does not answer KeyQuery; probe it with the query it does answer. */
    void probeVersioned(final String store) {
        requireRunning();
        final StateQueryResult<VersionedRecord<Object>> result = run(
            StateQueryRequest.inStore(store).withQuery(VersionedKeyQuery.<String, Object>withKey("")).requireActive());
        for (final Map.Entry<Integer, QueryResult<VersionedRecord<Object>>> entry
            : result.getPartitionResults().entrySet()) {
            final QueryResult<VersionedRecord<Object>> partitionResult = entry.getValue();
            if (partitionResult.isFailure() && partitionResult.getFailureReason() != FailureReason.NOT_ACTIVE) {
                throw failure(store, entry.getKey(), partitionResult);
            }
        }
    }

    /**
     * A key's value from this instance's standby of {@code partition} (or its active copy, if it has just become
     * active here): for when the key's owner does not answer. Standbys are not read otherwise.
     */
    Optional<Object> standbyValue(final String store, final String key, final int partition) {
        return Optional.ofNullable(queryStandby(store, KeyQuery.withKey(key), partition));
    }

    /** {@link #version} from the standby of {@code partition}; see {@link #standbyValue}. */
    Optional<VersionedRecord<Object>> standbyVersion(final String store, final String key, final Instant asOf,
                                                     final int partition) {
        final VersionedKeyQuery<String, Object> query = asOf == null
            ? VersionedKeyQuery.withKey(key)
            : VersionedKeyQuery.<String, Object>withKey(key).asOf(asOf);
        return Optional.ofNullable(queryStandby(store, query, partition));
    }

    /** {@link #history} from the standby of {@code partition}; see {@link #standbyValue}. */
    List<VersionedRecord<Object>> standbyHistory(final String store, final String key, final int partition) {
        final MultiVersionedKeyQuery<String, Object> query =
            MultiVersionedKeyQuery.<String, Object>withKey(key).withDescendingTimestamps();
        final List<VersionedRecord<Object>> versions = new ArrayList<>();
        try (VersionedRecordIterator<Object> iterator = queryStandby(store, query, partition)) {
            while (iterator != null && iterator.hasNext()) {
                versions.add(iterator.next());
            }
        }
        return versions;
    }

    private int localPartition(final String store, final String key) {
        final KeyQueryMetadata metadata = metadataForKey(store, key);
        return metadata.partition();
    }

    private <R> R queryPartition(final String store, final Query<R> query, final int partition) {
        requireRunning();
        final StateQueryResult<R> result = run(
            StateQueryRequest.inStore(store).withQuery(query).withPartitions(Set.of(partition)).requireActive());
        final QueryResult<R> partitionResult = result.getPartitionResults().get(partition);
        if (partitionResult == null) {
            throw new StoresUnavailableException("partition " + partition + " of " + store + " is not held here");
        }
        if (partitionResult.isFailure()) {
            throw failure(store, partition, partitionResult);
        }
        return partitionResult.getResult();
    }

    /** Like {@link #queryPartition} but without {@code requireActive()}: a standby copy answers too. */
    private <R> R queryStandby(final String store, final Query<R> query, final int partition) {
        requireRunning();
        final StateQueryResult<R> result = run(
            StateQueryRequest.inStore(store).withQuery(query).withPartitions(Set.of(partition)));
        final QueryResult<R> partitionResult = result.getPartitionResults().get(partition);
        if (partitionResult == null) {
            throw new StoresUnavailableException("no copy of partition " + partition + " of " + store + " here");
        }
        if (partitionResult.isFailure()) {
            throw failure(store, partition, partitionResult);
        }
        return partitionResult.getResult();
    }

    private <R> StateQueryResult<R> run(final StateQueryRequest<R> request) {
        try {
            return streams.query(request);
        } catch (final UnknownStateStoreException e) {
            throw ApiException.notFound("no store named \"" + request.getStoreName() + "\"");
        } catch (final InvalidStateStoreException e) {
            throw new StoresUnavailableException("the stores are not queryable right now", e);
        }
    }

    private static RuntimeException failure(final String store, final int partition, final QueryResult<?> result) {
        final FailureReason reason = result.getFailureReason();
        final String detail = store + " partition " + partition + ": " + reason + " " + result.getFailureMessage();
        switch (reason) {
            case NOT_ACTIVE:
            case NOT_PRESENT:
            case NOT_UP_TO_BOUND:
                // The partition is moving or restoring: a retry in a moment will find it.
                return new StoresUnavailableException("not queryable right now: " + detail);
            case DOES_NOT_EXIST:
                return ApiException.notFound("no such store: " + detail);
            case UNKNOWN_QUERY_TYPE:
                return ApiException.badRequest("the store does not answer this query: " + detail);
            default:
                return new IllegalStateException("query failed: " + detail);
        }
    }
}
