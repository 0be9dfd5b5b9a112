package org.tipmonitor.api;

/**
 * The state stores cannot answer right now: Streams is starting, rebalancing or restoring, or the instance that
 * owns a key did not answer. Clients should retry: the server answers 503 with {@code Retry-After}.
 */
public final class StoresUnavailableException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Seconds a client should wait before asking again; restores of this app's stores take seconds. */
    public static final int RETRY_AFTER_SECONDS = 2;

    public StoresUnavailableException(final String message) {
        super(503, message);
    }

    public StoresUnavailableException(final String message, final Throwable cause) {
        super(503, message, cause);
    }
}
