package org.tipmonitor.serde;

import org.tipmonitor.avro.RejectionReason;

/** The schema id named by the framing is not known to the schema registry. */
public final class UnknownSchemaIdException extends AvroSerdeException {

    private static final long serialVersionUID = 1L;

    private final int schemaId;

    public UnknownSchemaIdException(final int schemaId, final String registry) {
        super(RejectionReason.UNKNOWN_SCHEMA_ID,
                "Schema id " + schemaId + " is not known to the schema registry at " + registry + ".");
        this.schemaId = schemaId;
    }

    /** The id that was looked up. */
    public int schemaId() {
        return schemaId;
    }
}
