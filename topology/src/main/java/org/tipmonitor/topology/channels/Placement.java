package org.tipmonitor.topology.channels;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Which partition a key of a repartition, and so of every store of the sub-topology that reads it, lives in. The
 * API routes a query for a key with the placement of the key's store, so a store is found where Streams put it.
 */
public enum Placement {

    /** Kafka's default: the hash of the whole key. */
    BY_KEY {
        @Override
        String partitionKey(final String key) {
            return key;
        }
    },

    /**
     * By the country a key names: its second {@code |}-separated field. Cell keys ({@code STATE|FRA|2013.10}),
     * per-country row keys ({@code STATE|FRA}) and submission keys ({@code STATE|FRA|organisation|id}) all put the
     * country there, so one task holds a country's submissions, cells and row: a submission becomes that row
     * without crossing another repartition. A key without a second field is placed by the whole key. Country
     * codes hold no {@code |}; the submission key escapes one anyway, so the submissions of such a country would
     * still meet in one task, where validation rejects them as of an unknown country.
     */
    BY_COUNTRY {
        @Override
        String partitionKey(final String key) {
            final int start = key.indexOf('|');
            if (start < 0) {
                return key;
            }
            final int end = key.indexOf('|', start + 1);
            return key.substring(start + 1, end < 0 ? key.length() : end);
        }
    };

    /** The part of the key that is hashed. */
    abstract String partitionKey(String key);

    /** The partition of a key among {@code partitions}, hashed as Kafka's default partitioner hashes a key. */
    public int partition(final String key, final int partitions) {
        return Utils.toPositive(Utils.murmur2(partitionKey(key).getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * Where each store of a topology keeps its keys: the placement of the repartition its sub-topology reads,
     * {@link #BY_KEY} for a sub-topology that reads only topics of its own (Streams partitions those by key) and
     * for global stores.
     *
     * @throws IllegalStateException if a sub-topology reads repartitions of different placements, or an undeclared
     *                               repartition
     */
    public static Map<String, Placement> ofStores(final TopologyDescription description) {
        final Map<String, Placement> placements = new TreeMap<>();
        for (final TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            final Set<Placement> read = new TreeSet<>();
            final Set<String> stores = new TreeSet<>();
            for (final TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    source.topicSet().forEach(topic -> read.add(Repartitions.isRepartitionTopic(topic)
                        ? Repartitions.ofTopic(topic).placement() : BY_KEY));
                } else if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
            if (read.size() > 1) {
                throw new IllegalStateException("Sub-topology " + subtopology.id() + " reads topics placed " + read
                    + ": its stores would have no one placement");
            }
            final Placement placement = read.isEmpty() ? BY_KEY : read.iterator().next();
            stores.forEach(store -> placements.put(store, placement));
        }
        for (final TopologyDescription.GlobalStore global : description.globalStores()) {
            global.processor().stores().forEach(store -> placements.put(store, BY_KEY));
        }
        return Map.copyOf(placements);
    }

    /** The partitioner of this placement, for a repartition or for locating a key of a store (the value unused). */
    public <V> StreamPartitioner<String, V> partitioner() {
        return (topic, key, value, partitions) -> Optional.of(Set.of(partition(key, partitions)));
    }
}
