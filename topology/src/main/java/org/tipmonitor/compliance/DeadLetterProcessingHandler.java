package org.tipmonitor.compliance;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.avro.RejectionReason;

/**
 * A record that a processor cannot process (an invalid submission as a whole, or a bug met on one record) goes to
 * the dead-letter topic with the raw bytes of the source record and the reason; processing resumes, so one bad
 * record never stops the application.
 */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetters deadLetters;

    @Override
    public void configure(final Map<String, ?> configs) {
        deadLetters = DeadLetters.configure(configs);
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final Record<?, ?> record,
                                final Exception exception) {
        final RejectionReason reason = DeadLetters.reasonOf(exception, RejectionReason.PROCESSING_FAILED);
        final String message = DeadLetters.messageOf(exception);
        if (reason == RejectionReason.PROCESSING_FAILED) {
            LOG.error("Processor {} failed on {}-{}@{}; dead-lettered", context.processorNodeId(), context.topic(),
                context.partition(), context.offset(), exception);
        } else {
            LOG.info("Rejected record {}-{}@{}: {} ({})", context.topic(), context.partition(), context.offset(),
                reason, message);
        }
        return Response.resume(List.of(deadLetters.record(reason, message, context, context.sourceRawKey(),
            context.sourceRawValue())));
    }
}
