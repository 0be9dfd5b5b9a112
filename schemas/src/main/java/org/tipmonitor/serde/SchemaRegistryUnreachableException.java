package org.tipmonitor.serde;

import org.tipmonitor.avro.RejectionReason;

/**
 * No schema registry URL answered. Unlike the other serde failures this one is transient: the
 * record itself may be fine, so callers may retry instead of dead-lettering it.
 */
public final class SchemaRegistryUnreachableException extends AvroSerdeException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryUnreachableException(final String urls, final String detail, final Throwable cause) {
        super(RejectionReason.OTHER, "The schema registry at " + urls + " could not be reached: " + detail + ".", cause);
    }
}
