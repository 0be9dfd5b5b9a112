package org.tipmonitor.compliance;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.serde.SchemaRegistryUnreachableException;

/**
 * Bytes that are not Confluent-framed Avro, or name a schema id the registry does not know, go to the dead-letter
 * topic with their raw key and value and the reason; processing resumes. A reference record (read by the global
 * thread, which cannot write handler dead letters) goes there through {@link GlobalDeadLetters}. An unreachable
 * registry is no fault of the record: the task fails, and the stream thread is replaced and retries.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetters deadLetters;
    private GlobalDeadLetters globalDeadLetters;

    @Override
    public void configure(final Map<String, ?> configs) {
        deadLetters = DeadLetters.configure(configs);
        globalDeadLetters = GlobalDeadLetters.configure(configs);
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final ConsumerRecord<byte[], byte[]> record,
                                final Exception exception) {
        if (exception instanceof SchemaRegistryUnreachableException
            || exception.getCause() instanceof SchemaRegistryUnreachableException) {
            LOG.error("Schema registry unreachable while reading {}-{}@{}; failing to retry", context.topic(),
                context.partition(), context.offset(), exception);
            return Response.fail();
        }
        final RejectionReason reason = DeadLetters.reasonOf(exception, RejectionReason.MALFORMED_AVRO);
        final String message = DeadLetters.messageOf(exception);
        LOG.warn("Dead-lettering unreadable record {}-{}@{}: {} ({})", context.topic(), context.partition(),
            context.offset(), reason, message);
        final var deadLetter = deadLetters.record(reason, message, context, record.key(), record.value());
        if (GlobalDeadLetters.isGlobal(context.topic())) {
            globalDeadLetters.write(deadLetter);
            return Response.resume();
        }
        return Response.resume(List.of(deadLetter));
    }
}
