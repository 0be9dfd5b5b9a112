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
 * Tells a fault of the input from a fault of ours. A record rejected for what it is (an invalid submission, an
 * undecodable value: an {@link InvalidSubmissionException} or a serde error) goes to the dead-letter topic with
 * the raw bytes of the source record and the reason, and processing resumes. Any other exception is a bug in our
 * own code: dead-lettering it would hide the record from the tables while their incremental state drifts from the
 * truth, so the task fails instead; its transaction is aborted, the thread is replaced (a bounded number of times,
 * see the uncaught-exception policy of the runtime) and the record is processed again from the last commit.
 */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetters deadLetters;
    private GlobalDeadLetters globalDeadLetters;

    @Override
    public void configure(final Map<String, ?> configs) {
        deadLetters = DeadLetters.configure(configs);
        globalDeadLetters = GlobalDeadLetters.configure(configs);
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final Record<?, ?> record,
                                final Exception exception) {
        if (!DeadLetters.isFaultOfTheInput(exception)) {
            LOG.error("Processor {} failed on {}-{}@{} with an error that is not the record's fault: failing the task"
                + " rather than dead-lettering the record", context.processorNodeId(), context.topic(),
                context.partition(), context.offset(), exception);
            return Response.fail();
        }
        final RejectionReason reason = DeadLetters.reasonOf(exception, RejectionReason.PROCESSING_FAILED);
        final String message = DeadLetters.messageOf(exception);
        LOG.info("Rejected record {}-{}@{}: {} ({})", context.topic(), context.partition(), context.offset(),
            reason, message);
        final var deadLetter = deadLetters.record(reason, message, context, context.sourceRawKey(),
            context.sourceRawValue());
        if (GlobalDeadLetters.isGlobal(context.topic())) {
            globalDeadLetters.write(deadLetter);
            return Response.resume();
        }
        return Response.resume(List.of(deadLetter));
    }
}
