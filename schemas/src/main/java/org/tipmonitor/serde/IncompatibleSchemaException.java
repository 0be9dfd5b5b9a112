package org.tipmonitor.serde;

import org.tipmonitor.avro.RejectionReason;

/** The registry refused a schema because it breaks the compatibility rule of the subject. */
public final class IncompatibleSchemaException extends AvroSerdeException {

    private static final long serialVersionUID = 1L;

    private final String subject;

    public IncompatibleSchemaException(final String subject, final String detail) {
        super(RejectionReason.OTHER, "The schema is incompatible with the latest version registered under subject '"
                + subject + "'" + (detail == null || detail.isBlank() ? "." : ": " + detail));
        this.subject = subject;
    }

    /** The subject that refused the schema. */
    public String subject() {
        return subject;
    }
}
