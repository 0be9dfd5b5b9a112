package org.tipmonitor.api;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: {@code perMinute} requests in a burst, refilled evenly over the minute. Callers are
 * keyed by a name the server chooses (the token's hash), never by anything the request claims.
 */
public final class RateLimiter {

    private static final long MINUTE_NANOS = 60_000_000_000L;
    /** Callers not seen for this long start again with a full bucket; their entry is dropped. */
    private static final int SWEEP_AT_SIZE = 10_000;

    private final int perMinute;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        private double available;
        private long refilledAt;

        Bucket(final double available, final long refilledAt) {
            this.available = available;
            this.refilledAt = refilledAt;
        }
    }

    public RateLimiter(final int perMinute) {
        this(perMinute, System::nanoTime);
    }

    RateLimiter(final int perMinute, final LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
    }

    /** Takes one request from the caller's bucket: empty if allowed, else the seconds until one is. */
    public OptionalLong acquire(final String caller) {
        final long now = nanoTime.getAsLong();
        if (buckets.size() > SWEEP_AT_SIZE) {
            buckets.values().removeIf(bucket -> now - bucket.refilledAt > MINUTE_NANOS);
        }
        final Bucket bucket = buckets.computeIfAbsent(caller, k -> new Bucket(perMinute, now));
        synchronized (bucket) {
            final double refill = (now - bucket.refilledAt) * (double) perMinute / MINUTE_NANOS;
            bucket.available = Math.min(perMinute, bucket.available + refill);
            bucket.refilledAt = now;
            if (bucket.available >= 1) {
                bucket.available -= 1;
                return OptionalLong.empty();
            }
            final double nanosToOne = (1 - bucket.available) * MINUTE_NANOS / perMinute;
            return OptionalLong.of(Math.max(1, (long) Math.ceil(nanosToOne / 1e9)));
        }
    }
}
