package org.tipmonitor.serde;

import org.tipmonitor.avro.RejectionReason;

/** The registry answered, but with an error the client has no more specific type for. */
public final class SchemaRegistryErrorException extends AvroSerdeException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryErrorException(final String message) {
        super(RejectionReason.OTHER, message);
    }
}
