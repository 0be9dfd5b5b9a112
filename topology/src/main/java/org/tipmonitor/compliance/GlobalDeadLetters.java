package org.tipmonitor.compliance;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.topology.channels.Topics;

/**
 * The dead-letter path of the reference topics, which feed global stores. Streams can write a handler's
 * dead-letter records only from a stream task (on the global thread it fails with a ClassCastException and the
 * instance stops for good), so a bad reference record is written here, with a producer of its own, and the handler
 * resumes without records. Bad reference records are rare: a short-lived producer per record keeps no client open.
 * The record itself stays in its compacted topic, so a dead letter that cannot be written is logged, not fatal;
 * and since global stores are rebuilt from their topics at start, each start writes the notice again.
 */
final class GlobalDeadLetters {

    /** The topics read by global stores. */
    static final Set<String> GLOBAL_TOPICS = Set.of(Topics.RECOMMENDATIONS.name(), Topics.COUNTRIES.name());

    private static final Logger LOG = LoggerFactory.getLogger(GlobalDeadLetters.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, ?> streamsConfig;

    private GlobalDeadLetters(final Map<String, ?> streamsConfig) {
        this.streamsConfig = Collections.unmodifiableMap(new HashMap<>(streamsConfig));
    }

    static GlobalDeadLetters configure(final Map<String, ?> configs) {
        return new GlobalDeadLetters(configs);
    }

    /** The producer settings Streams itself would use (bootstrap, security, producer.* overrides). */
    private Map<String, Object> producerConfig() {
        final StreamsConfig streams = new StreamsConfig(streamsConfig);
        final Map<String, Object> producer = streams.getProducerConfigs(
            streams.getString(StreamsConfig.APPLICATION_ID_CONFIG) + "-global-dead-letters");
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, SEND_TIMEOUT.toMillis());
        return producer;
    }

    static boolean isGlobal(final String topic) {
        return GLOBAL_TOPICS.contains(topic);
    }

    /** Writes the dead letter and waits for it; logs and carries on when it cannot. */
    void write(final ProducerRecord<byte[], byte[]> deadLetter) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
            new ByteArraySerializer())) {
            producer.send(deadLetter).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.error("Could not write the dead letter of a reference record to {}; the record stays in its topic",
                deadLetter.topic(), e);
        }
    }
}
