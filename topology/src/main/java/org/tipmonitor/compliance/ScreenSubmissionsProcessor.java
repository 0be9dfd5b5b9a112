package org.tipmonitor.compliance;

import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.tipmonitor.avro.Submission;

/**
 * First step after the source: whole-record checks (see {@link SubmissionScreen}), the country the producer
 * declares for its principal, and stamping the source
 * coordinates into headers. A record that fails is thrown to the processing exception handler, which dead-letters
 * it with its raw bytes.
 */
final class ScreenSubmissionsProcessor extends ContextualFixedKeyProcessor<String, Submission, Submission> {

    @Override
    public void process(final FixedKeyRecord<String, Submission> record) {
        final Submission screened = SubmissionScreen.screen(record.value());
        SubmissionScreen.checkDeclaredCountry(screened, record.headers());
        context().recordMetadata().ifPresent(metadata -> SourceHeaders.stamp(record.headers(), metadata));
        context().forward(record.withValue(screened));
    }
}
