package org.tipmonitor.serde;

import org.tipmonitor.avro.RejectionReason;

/** The payload is framed correctly but cannot be encoded or decoded as the expected Avro record. */
public final class MalformedAvroException extends AvroSerdeException {

    private static final long serialVersionUID = 1L;

    public MalformedAvroException(final String message, final Throwable cause) {
        super(RejectionReason.MALFORMED_AVRO, message, cause);
    }
}
