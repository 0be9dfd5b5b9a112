package org.tipmonitor.compliance;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.serde.AvroSerdeException;
import org.tipmonitor.serde.SchemaNotRegisteredException;
import org.tipmonitor.serde.SchemaRegistryErrorException;
import org.tipmonitor.serde.SchemaRegistryUnreachableException;
import org.tipmonitor.topology.channels.Topics;

/**
 * What the three exception handlers share: the dead-letter topic (Streams' own
 * {@code errors.dead.letter.queue.topic.name}, default tip.submissions.rejected) and the Avro envelope written
 * there, in the same Confluent framing as every other topic, holding the raw key and value so nothing is lost.
 */
final class DeadLetters {

    private final String topic;
    private final Serde<Rejection> serde;

    private DeadLetters(final String topic, final Serde<Rejection> serde) {
        this.topic = topic;
        this.serde = serde;
    }

    static DeadLetters configure(final Map<String, ?> configs) {
        final Object configured = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        final String topic = configured == null ? Topics.REJECTED.name() : configured.toString();
        return new DeadLetters(topic, TipSerdes.create(configs).value(Rejection.class));
    }

    ProducerRecord<byte[], byte[]> record(final RejectionReason reason, final String message,
                                          final ErrorHandlerContext context, final byte[] rawKey,
                                          final byte[] rawValue) {
        final Rejection rejection = Rejections.ofRecord(reason, message, context.topic(), context.partition(),
            context.offset(), rawKey, rawValue, System.currentTimeMillis());
        final byte[] value = serde.serializer().serialize(topic, rejection);
        return new ProducerRecord<>(topic, null, context.timestamp(), rawKey, value);
    }

    /**
     * Whether the exception, or one of its causes, says the input record is at fault: an invalid submission, or
     * bytes that do not decode. A registry that cannot be reached or answers with an error is not the record's
     * fault, nor is any other exception.
     */
    static boolean isFaultOfTheInput(final Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryUnreachableException || t instanceof SchemaRegistryErrorException
                || t instanceof SchemaNotRegisteredException) {
                return false;
            }
            if (t instanceof AvroSerdeException || t instanceof InvalidSubmissionException) {
                return true;
            }
        }
        return false;
    }

    /** The reason carried by the exception or one of its causes, or the fallback. */
    static RejectionReason reasonOf(final Throwable exception, final RejectionReason fallback) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof AvroSerdeException) {
                return ((AvroSerdeException) t).reason();
            }
            if (t instanceof InvalidSubmissionException) {
                return ((InvalidSubmissionException) t).reason();
            }
        }
        return fallback;
    }

    /** The message of the exception that carries the reason, or of the exception itself. */
    static String messageOf(final Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof AvroSerdeException || t instanceof InvalidSubmissionException) {
                return t.getMessage();
            }
        }
        return exception.getClass().getSimpleName() + ": " + exception.getMessage();
    }
}
