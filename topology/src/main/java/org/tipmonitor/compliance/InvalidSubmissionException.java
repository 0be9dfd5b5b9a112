package org.tipmonitor.compliance;

import org.tipmonitor.avro.RejectionReason;

/**
 * A record that cannot be processed at all (no usable reporter, no id, no responses). Thrown by the screening
 * processor so that the processing exception handler dead-letters it with its raw bytes and source coordinates,
 * which only the handler's context still has.
 */
public class InvalidSubmissionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    public InvalidSubmissionException(final RejectionReason reason, final String message) {
        super(message);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
