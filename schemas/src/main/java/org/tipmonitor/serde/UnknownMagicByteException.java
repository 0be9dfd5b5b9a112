package org.tipmonitor.serde;

import org.tipmonitor.avro.RejectionReason;

/** The bytes do not start with the Confluent framing (magic byte 0 and a 4-byte schema id). */
public final class UnknownMagicByteException extends AvroSerdeException {

    private static final long serialVersionUID = 1L;

    public UnknownMagicByteException(final String message) {
        super(RejectionReason.NOT_CONFLUENT_FRAMED, message);
    }
}
