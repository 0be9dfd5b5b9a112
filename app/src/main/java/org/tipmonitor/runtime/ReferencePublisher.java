package org.tipmonitor.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.reference.Countries;
import org.tipmonitor.topology.channels.Topics;

/**
 * Publishes the reference data (the recommendations of the consolidated record and the countries) to their
 * compacted topics, sending only what changed.
 *
 * <p>Each run first reads the topic as it stands (from the beginning to the end offsets, committed records only),
 * then sends the entities that are new or differ, and a tombstone for each key that is in the topic but no longer
 * in the data. Running it again on the same data sends nothing, so it is safe at every start of every instance:
 * the topology's global stores see no churn, and compliance rows are not recomputed for nothing.
 *
 * <p>Two publishers racing on the same topic both send the same values, which compaction folds together; the
 * producer is idempotent with {@code acks=all}, so a retry never duplicates or reorders a key's records.
 */
public final class ReferencePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ReferencePublisher.class);

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    /**
     * What one run did to one topic.
     *
     * @param topic     the topic
     * @param sent      entities new or changed, sent
     * @param unchanged entities already in the topic with the same value
     * @param removed   tombstones sent for keys no longer in the data
     */
    public record Counts(String topic, int sent, int unchanged, int removed) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d sent, %d unchanged, %d removed", topic, sent, unchanged, removed);
        }
    }

    /** What one run did to both reference topics. */
    public record Result(Counts recommendations, Counts countries) {

        @Override
        public String toString() {
            return recommendations + "; " + countries;
        }
    }

    private final Map<String, Object> clientConfig;
    private final TipSerdes serdes;

    /**
     * @param clientConfig Kafka client settings common to the producer and the consumer (at least
     *                     {@code bootstrap.servers}; security settings if the cluster needs them)
     * @param serdes       the value serdes, bound to the schema registry the topology reads with
     */
    public ReferencePublisher(final Map<String, ?> clientConfig, final TipSerdes serdes) {
        this.clientConfig = Map.copyOf(Objects.requireNonNull(clientConfig, "clientConfig"));
        this.serdes = Objects.requireNonNull(serdes, "serdes");
    }

    /** Publishes the catalogue to tip.recommendations and the countries to tip.countries. */
    public Result publish(final Catalogue catalogue, final Countries countries) {
        final Counts recommendations = publish(Topics.RECOMMENDATIONS.name(), Recommendation.class,
            byKey(catalogue.recommendations(), Recommendation::getId));
        final Counts countryCounts = publish(Topics.COUNTRIES.name(), Country.class,
            byKey(countries.countries(), Country::getIso3));
        return new Result(recommendations, countryCounts);
    }

    /**
     * Makes the compacted {@code topic} hold exactly {@code entities}: sends what is new or changed, tombstones what
     * is gone.
     *
     * @throws IllegalStateException if the topic cannot be read or a send fails
     */
    public <T extends SpecificRecord> Counts publish(final String topic, final Class<T> type,
                                                      final Map<String, T> entities) {
        final Map<String, T> current = readCurrent(topic, type);
        final List<ProducerRecord<String, T>> changes = new ArrayList<>();
        int unchanged = 0;
        for (final Map.Entry<String, T> entity : entities.entrySet()) {
            if (entity.getValue().equals(current.get(entity.getKey()))) {
                unchanged++;
            } else {
                changes.add(new ProducerRecord<>(topic, entity.getKey(), entity.getValue()));
            }
        }
        final int sent = changes.size();
        for (final String key : current.keySet()) {
            if (!entities.containsKey(key)) {
                changes.add(new ProducerRecord<>(topic, key, null));
            }
        }
        if (!changes.isEmpty()) {
            send(changes, serdes.value(type).serializer());
        }
        final Counts counts = new Counts(topic, sent, unchanged, changes.size() - sent);
        LOG.info("Reference data {}", counts);
        return counts;
    }

    /**
     * The latest value per key in the topic, committed records only, tombstoned keys left out. A value that no
     * longer decodes counts as absent, so the current entity is sent again and repairs it.
     */
    private <T extends SpecificRecord> Map<String, T> readCurrent(final String topic, final Class<T> type) {
        final Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tip-monitor-reference-reader-" + topic);
        final Deserializer<T> values = serdes.value(type).deserializer();
        final Map<String, T> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                 new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Under read_committed the end offsets are the last stable offsets: nothing past them can be read.
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            final long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end offsets " + end
                        + " within " + READ_TIMEOUT.toSeconds() + " s");
                }
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(POLL_INTERVAL)) {
                    latest.put(record.key(), decode(values, topic, record));
                }
            }
        }
        latest.values().removeIf(Objects::isNull);
        return latest;
    }

    private static List<TopicPartition> partitions(final KafkaConsumer<?, ?> consumer, final String topic) {
        final List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("Topic " + topic + " does not exist; create the topics first");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static boolean reachedEnd(final KafkaConsumer<?, ?> consumer, final Map<TopicPartition, Long> end) {
        for (final Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey(), READ_TIMEOUT) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static <T> T decode(final Deserializer<T> values, final String topic,
                                final ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return values.deserialize(topic, record.headers(), record.value());
        } catch (final RuntimeException undecodable) {
            LOG.warn("{} key {} at offset {} does not decode ({}); it will be overwritten",
                topic, record.key(), record.offset(), undecodable.getMessage());
            return null;
        }
    }

    private <T> void send(final List<ProducerRecord<String, T>> records, final Serializer<T> values) {
        final Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "tip-monitor-reference-publisher");
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(config, new StringSerializer(), values)) {
            final List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            for (final ProducerRecord<String, T> record : records) {
                acks.add(producer.send(record));
            }
            producer.flush();
            for (int i = 0; i < acks.size(); i++) {
                await(acks.get(i), records.get(i));
            }
        }
    }

    private static void await(final Future<RecordMetadata> ack, final ProducerRecord<String, ?> record) {
        try {
            ack.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Could not send " + record.topic() + " key " + record.key() + ": "
                + e.getCause().getMessage(), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge " + record.topic() + " key " + record.key()
                + " within " + SEND_TIMEOUT.toSeconds() + " s", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing reference data", e);
        }
    }

    private static <T> Map<String, T> byKey(final List<T> entities, final Function<T, String> key) {
        final Map<String, T> map = new LinkedHashMap<>();
        for (final T entity : entities) {
            map.put(key.apply(entity), entity);
        }
        return map;
    }
}
