package org.tipmonitor.api;

/** A caller has used up its requests for now: 429 with {@code Retry-After}. */
public final class TooManyRequestsException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public TooManyRequestsException(final long retryAfterSeconds, final int perMinute) {
        super(429, "too many requests: at most " + perMinute + " per minute for one token ("
            + ApiSettings.REQUESTS_PER_MINUTE + "); retry in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
