package org.tipmonitor.topology.channels;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The topics a topology writes Avro values to, with the record class of their values: its output topics, its
 * repartition topics and its stores' changelogs. The runtime registers their schemas at start, all at once, instead
 * of letting the stream thread register each one when it first writes there (see docs/performance.md).
 */
public final class WrittenTopics {

    private WrittenTopics() {
    }

    /**
     * @param applicationId the prefix Streams gives the internal topics
     * @param topology      the topology, every topic and store of which is declared in this package
     * @return topic name to the generated class of its values, sorted by topic
     * @throws IllegalStateException for a sink or store not declared in this package
     */
    public static Map<String, Class<? extends SpecificRecord>> of(final String applicationId,
                                                                  final Topology topology) {
        final Map<String, Class<? extends SpecificRecord>> written = new TreeMap<>();
        for (final TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (final TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    sinkTopic(applicationId, sink.topic()).ifPresent(entry -> put(written, entry));
                } else if (node instanceof TopologyDescription.Processor processor) {
                    for (final String storeName : processor.stores()) {
                        final Store<?> store = StateStores.declared(storeName);
                        if (store.kind() != Store.Kind.GLOBAL) {
                            put(written, new Written(StateStores.changelogTopic(applicationId, storeName),
                                store.values()));
                        }
                    }
                }
            }
        }
        return written;
    }

    private static Optional<Written> sinkTopic(final String applicationId, final String topic) {
        final Optional<Topic<?>> output = Topics.named(topic);
        if (output.isPresent()) {
            return Optional.of(new Written(topic, output.get().values()));
        }
        if (Repartitions.isRepartitionTopic(topic)) {
            return Optional.of(new Written(applicationId + "-" + topic, Repartitions.ofTopic(topic).values()));
        }
        throw new IllegalStateException("Topic " + topic + " is not declared in Topics");
    }

    @SuppressWarnings("unchecked")
    private static void put(final Map<String, Class<? extends SpecificRecord>> written, final Written topic) {
        if (SpecificRecord.class.isAssignableFrom(topic.values().type())) {
            written.put(topic.name(), (Class<? extends SpecificRecord>) topic.values().type());
        }
    }

    private record Written(String name, ValueFormat<?> values) {
    }
}
