package org.tipmonitor.reference;

/**
 * A reference data file (the recommendations catalogue, the country list) is missing or does not
 * hold what it should. The message names the file and the entry at fault.
 */
public final class ReferenceDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ReferenceDataException(final String message) {
        super(message);
    }

    public ReferenceDataException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
