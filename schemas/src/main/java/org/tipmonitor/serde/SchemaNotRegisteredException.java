package org.tipmonitor.serde;

import org.tipmonitor.avro.RejectionReason;

/**
 * A subject, or a schema under a subject, is not registered: raised by lookups when
 * {@code auto.register.schemas=false} or {@code use.latest.version=true} and the producer's schema
 * was never registered.
 */
public final class SchemaNotRegisteredException extends AvroSerdeException {

    private static final long serialVersionUID = 1L;

    public SchemaNotRegisteredException(final String message) {
        super(RejectionReason.OTHER, message);
    }
}
