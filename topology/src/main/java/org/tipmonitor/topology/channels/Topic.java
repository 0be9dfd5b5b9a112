package org.tipmonitor.topology.channels;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.tipmonitor.compliance.TipSerdes;

/**
 * A topic of the application's contract with the outside (producers, dashboards, the API): its name, what its
 * values are, and how the broker keeps it. Keys are strings ({@link Keys}). Every topic is declared once, in
 * {@link Topics}; the topology reads and writes it and the runtime creates it from this declaration.
 *
 * @param name          the topic name
 * @param values        the value type and serde
 * @param cleanup       whether the topic is an event log or a table of latest values per key
 * @param retentionTime how long records are kept, when it differs from the broker default
 * @param <V>           the value type
 */
public record Topic<V>(String name, ValueFormat<V> values, Cleanup cleanup, Optional<Duration> retentionTime) {

    /** How a topic is kept: as an event log or as a table of latest values per key. */
    public enum Cleanup {
        DELETE(TopicConfig.CLEANUP_POLICY_DELETE),
        COMPACT(TopicConfig.CLEANUP_POLICY_COMPACT);

        private final String cleanupPolicy;

        Cleanup(final String cleanupPolicy) {
            this.cleanupPolicy = cleanupPolicy;
        }

        public String cleanupPolicy() {
            return cleanupPolicy;
        }
    }

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(cleanup, "cleanup");
        Objects.requireNonNull(retentionTime, "retentionTime");
    }

    /** An event log kept for the broker's default retention. */
    static <V> Topic<V> log(final String name, final ValueFormat<V> values) {
        return new Topic<>(name, values, Cleanup.DELETE, Optional.empty());
    }

    /** A table: compacted, the latest value per key kept. */
    static <V> Topic<V> table(final String name, final ValueFormat<V> values) {
        return new Topic<>(name, values, Cleanup.COMPACT, Optional.empty());
    }

    public Serde<String> keySerde() {
        return Keys.serde();
    }

    public Serde<V> valueSerde(final TipSerdes serdes) {
        return values.serde(serdes);
    }

    /** How the topology reads it, as the source processor {@code processorName}. */
    public Consumed<String, V> consumed(final TipSerdes serdes, final String processorName) {
        return Consumed.with(keySerde(), valueSerde(serdes)).withName(processorName);
    }

    /** How the topology writes it, as the sink processor {@code processorName}. */
    public Produced<String, V> produced(final TipSerdes serdes, final String processorName) {
        return Produced.with(keySerde(), valueSerde(serdes)).withName(processorName);
    }

    /** The topic-level configuration Kafka should hold for this topic. */
    public Map<String, String> configs() {
        return retentionTime
            .map(time -> Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, cleanup.cleanupPolicy(),
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(time.toMillis())))
            .orElseGet(() -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup.cleanupPolicy()));
    }
}
