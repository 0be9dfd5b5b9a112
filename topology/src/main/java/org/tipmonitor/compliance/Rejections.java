package org.tipmonitor.compliance;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.Submission;

/** Builds the dead-letter envelopes of tip.submissions.rejected. */
public final class Rejections {

    private Rejections() {
    }

    /** One response of a readable submission, not applied. */
    public static Rejection ofResponse(final Submission submission, final String recommendationId,
                                       final RejectionReason reason, final String message, final Headers headers,
                                       final long nowMs) {
        return Rejection.newBuilder()
            .setReason(reason)
            .setMessage(message)
            .setSubmissionId(submission.getSubmissionId())
            .setRecommendationId(recommendationId)
            .setReporterType(submission.getReporter().getType())
            .setCountry(submission.getReporter().getCountry())
            .setSourceTopic(SourceHeaders.topic(headers).orElse(null))
            .setSourcePartition(SourceHeaders.partition(headers).orElse(null))
            .setSourceOffset(SourceHeaders.offset(headers).orElse(null))
            .setRejectedAt(Instant.ofEpochMilli(nowMs))
            .build();
    }

    /** A whole record, with its raw bytes so that it can be repaired and replayed. */
    public static Rejection ofRecord(final RejectionReason reason, final String message, final String topic,
                                     final int partition, final long offset, final byte[] rawKey,
                                     final byte[] rawValue, final long nowMs) {
        return Rejection.newBuilder()
            .setReason(reason)
            .setMessage(message == null ? reason.name() : message)
            .setSourceTopic(topic)
            .setSourcePartition(partition)
            .setSourceOffset(offset)
            .setRawKey(rawKey == null ? null : ByteBuffer.wrap(rawKey))
            .setRawValue(rawValue == null ? null : ByteBuffer.wrap(rawValue))
            .setRejectedAt(Instant.ofEpochMilli(nowMs))
            .build();
    }
}
