package org.tipmonitor.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.channels.Topics;

/**
 * Sends submissions straight to {@link TopicNames#SUBMISSIONS}, keyed by submission id, as a State's system would:
 * idempotent producer with {@code acks=all}, so a retried send is never duplicated.
 *
 * <p>Values are serialized here rather than by the producer so that raw bytes (the demo's poison pills) can go
 * through the same producer and keep their order relative to the submissions.
 */
final class SubmissionProducer implements AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<String, byte[]> producer;
    private final Serializer<Submission> serializer;

    SubmissionProducer(final Map<String, Object> clientConfig, final TipSerdes serdes) {
        final Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "tip-monitor-submit");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.serializer = serdes.value(Submission.class).serializer();
    }

    /**
     * Serializes (registering the schema if the registry allows) and sends; does not wait for the broker.
     *
     * @throws RuntimeException if serialization fails (registry unreachable, schema refused)
     */
    Future<RecordMetadata> send(final Submission submission) {
        final byte[] value = serializer.serialize(Topics.SUBMISSIONS.name(), submission);
        return producer.send(new ProducerRecord<>(Topics.SUBMISSIONS.name(), submission.getSubmissionId(), value));
    }

    /** Sends bytes as they are, for records that are deliberately not valid Avro. */
    Future<RecordMetadata> sendRaw(final String key, final byte[] value) {
        return producer.send(new ProducerRecord<>(Topics.SUBMISSIONS.name(), key, value));
    }

    void flush() {
        producer.flush();
    }

    /**
     * Waits for the broker's acknowledgement of one send.
     *
     * @throws IllegalStateException with the broker's reason if the send failed
     */
    static RecordMetadata await(final Future<RecordMetadata> ack) {
        try {
            return ack.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            throw new IllegalStateException(Failures.describe(e.getCause()), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge within " + SEND_TIMEOUT.toSeconds() + " s", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
