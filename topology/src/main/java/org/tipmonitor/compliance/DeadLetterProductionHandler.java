package org.tipmonitor.compliance;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.avro.RejectionReason;

/**
 * A result that cannot be written (too large, or not serialisable) is dead-lettered with the source record's raw
 * bytes, so it can be replayed once the cause is fixed; transient broker errors are retried.
 */
public class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private DeadLetters deadLetters;

    @Override
    public void configure(final Map<String, ?> configs) {
        deadLetters = DeadLetters.configure(configs);
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final ProducerRecord<byte[], byte[]> record,
                                final Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        return deadLetter(context, record.topic(), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(final ErrorHandlerContext context, final ProducerRecord record,
                                             final Exception exception,
                                             final SerializationExceptionOrigin origin) {
        return deadLetter(context, record.topic(), exception);
    }

    private Response deadLetter(final ErrorHandlerContext context, final String topic, final Exception exception) {
        final String message = "cannot write to " + topic + ": " + DeadLetters.messageOf(exception);
        LOG.error("Dead-lettering the source record {}-{}@{}: {}", context.topic(), context.partition(),
            context.offset(), message, exception);
        return Response.resume(List.of(deadLetters.record(RejectionReason.PRODUCTION_FAILED, message, context,
            context.sourceRawKey(), context.sourceRawValue())));
    }
}
