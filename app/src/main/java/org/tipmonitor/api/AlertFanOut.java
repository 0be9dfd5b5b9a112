package org.tipmonitor.api;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.alerts.AlertFilter;
import org.tipmonitor.avro.Alert;

/**
 * Hands each alert event to every live subscriber whose filter it matches (the server-sent event clients of
 * {@code /api/v1/alerts/stream}). Publishing never blocks: each subscriber has a bounded queue of its own, and a
 * subscriber whose queue is full is dropped and closed (it reads too slowly; it may reconnect), so one slow client
 * can neither hold up the others nor make the instance buffer without limit. Thread-safe.
 */
public final class AlertFanOut implements AutoCloseable {

    /** Events a client may fall behind by before it is dropped. */
    public static final int DEFAULT_CLIENT_QUEUE = 256;

    private static final Logger LOG = LoggerFactory.getLogger(AlertFanOut.class);

    private final int clientQueue;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public AlertFanOut(final int clientQueue) {
        if (clientQueue < 1) {
            throw new IllegalArgumentException("clientQueue must be at least 1, was " + clientQueue);
        }
        this.clientQueue = clientQueue;
    }

    /** A new subscriber receiving the alerts that match {@code filter} from now on. */
    public Subscription subscribe(final AlertFilter filter) {
        final Subscription subscription = new Subscription(Objects.requireNonNull(filter, "filter"), clientQueue);
        subscriptions.add(subscription);
        if (closed) {
            // Closed meanwhile: close() may have missed it.
            subscription.close("the instance is stopping");
        }
        return subscription;
    }

    /** Queues the alert for every matching subscriber; drops and closes those whose queue is full. */
    public void publish(final Alert alert) {
        for (final Subscription subscription : subscriptions) {
            if (subscription.filter.matches(alert) && !subscription.offer(alert)) {
                LOG.warn("Dropping an alert stream client that fell {} events behind (alert {} not delivered)",
                    clientQueue, alert.getAlertId());
                subscription.close("the client read too slowly and fell " + clientQueue + " events behind");
            }
        }
    }

    /** The subscribers currently connected. */
    public int subscribers() {
        return subscriptions.size();
    }

    /** Closes every subscription; later ones are closed at once. */
    @Override
    public void close() {
        closed = true;
        subscriptions.forEach(subscription -> subscription.close("the instance is stopping"));
    }

    /** One subscriber's queue. Closing it (either side) removes it from the fan-out. */
    public final class Subscription implements AutoCloseable {

        private final AlertFilter filter;
        private final int capacity;
        private final ArrayDeque<Alert> queue = new ArrayDeque<>();
        private String closedBecause;

        private Subscription(final AlertFilter filter, final int capacity) {
            this.filter = filter;
            this.capacity = capacity;
        }

        private synchronized boolean offer(final Alert alert) {
            if (closedBecause != null) {
                return true; // Already gone: nothing to drop.
            }
            if (queue.size() >= capacity) {
                return false;
            }
            queue.addLast(alert);
            notifyAll();
            return true;
        }

        /**
         * The next alert, waiting at most {@code timeout}; empty when none came in time or the subscription is
         * closed (see {@link #isOpen()}).
         */
        public synchronized Optional<Alert> poll(final Duration timeout) throws InterruptedException {
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (queue.isEmpty() && closedBecause == null) {
                final long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return closedBecause == null ? Optional.of(queue.removeFirst()) : Optional.empty();
        }

        public synchronized boolean isOpen() {
            return closedBecause == null;
        }

        /** Why the subscription was closed; empty while open. */
        public synchronized Optional<String> closedBecause() {
            return Optional.ofNullable(closedBecause);
        }

        /** The events waiting to be read. */
        public synchronized int pending() {
            return queue.size();
        }

        private void close(final String reason) {
            synchronized (this) {
                if (closedBecause == null) {
                    closedBecause = reason;
                    queue.clear();
                    notifyAll();
                }
            }
            subscriptions.remove(this);
        }

        @Override
        public void close() {
            close("closed by the client");
        }
    }
}
