package org.tipmonitor.serde;

import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.tipmonitor.avro.RejectionReason;

/**
 * Base of every failure of the Avro serde. It carries the {@link RejectionReason} under which the
 * topology files the record on the dead-letter topic, so that callers route on {@link #reason()}
 * instead of on exception types or messages.
 */
public abstract class AvroSerdeException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    protected AvroSerdeException(final RejectionReason reason, final String message, final Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    protected AvroSerdeException(final RejectionReason reason, final String message) {
        this(reason, message, null);
    }

    /** The dead-letter reason code for this failure. */
    public RejectionReason reason() {
        return reason;
    }
}
