package org.tipmonitor.api;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
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
 * can neither hold up the others nor make the instance buffer without limit. A client that reconnects with the
 * id of the last event it got is first sent, through the {@link AlertReplay}, what it missed. Thread-safe.
 */
public final class AlertFanOut implements AutoCloseable {

    /** Events a client may fall behind by before it is dropped. */
    public static final int DEFAULT_CLIENT_QUEUE = 256;

    private static final Logger LOG = LoggerFactory.getLogger(AlertFanOut.class);

    private final int clientQueue;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** Set once by the runtime when it starts reading tip.alerts. */
    private volatile AlertReplay replay = AlertReplay.NONE;
    /** Where the published events stand; guarded by this, with subscribing, so no event falls between the two. */
    private AlertPositions positions = AlertPositions.NONE;

    public AlertFanOut(final int clientQueue) {
        if (clientQueue < 1) {
            throw new IllegalArgumentException("clientQueue must be at least 1, was " + clientQueue);
        }
        this.clientQueue = clientQueue;
    }

    /** Where missed events are read again from; set by the runtime once it reads tip.alerts. */
    public void replayWith(final AlertReplay source) {
        this.replay = Objects.requireNonNull(source, "source");
    }

    /** A new subscriber receiving the alerts that match {@code filter} from now on. */
    public Subscription subscribe(final AlertFilter filter) {
        return subscribe(filter, Optional.empty());
    }

    /**
     * A new subscriber receiving the alerts that match {@code filter}: first those after {@code resumeAfter} (the
     * positions of the last event it got) up to now, then the live ones, none twice and none missed.
     *
     * @throws IllegalStateException if the missed events cannot be replayed (too many, or the topic unreadable)
     */
    public Subscription subscribe(final AlertFilter filter, final Optional<AlertPositions> resumeAfter) {
        final Subscription subscription = new Subscription(Objects.requireNonNull(filter, "filter"), clientQueue);
        final AlertPositions now;
        synchronized (this) {
            subscriptions.add(subscription);
            now = positions;
        }
        if (closed) {
            // Closed meanwhile: close() may have missed it.
            subscription.close("the instance is stopping");
        }
        if (resumeAfter.isPresent()) {
            try {
                subscription.prepend(replay.between(resumeAfter.get(), now).stream()
                    .filter(event -> filter.matches(event.alert())).toList());
            } catch (final RuntimeException e) {
                subscription.close();
                throw e;
            }
        }
        return subscription;
    }

    /** Records where reading stands when no event is published (at start, or past a record that is no event). */
    public synchronized void advance(final AlertPositions now) {
        positions = Objects.requireNonNull(now, "now");
    }

    /** Queues the event for every matching subscriber; drops and closes those whose queue is full. */
    public synchronized void publish(final AlertEvent event) {
        positions = event.after();
        final Alert alert = event.alert();
        for (final Subscription subscription : subscriptions) {
            if (subscription.filter.matches(alert) && !subscription.offer(event)) {
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
        private final ArrayDeque<AlertEvent> queue = new ArrayDeque<>();
        private String closedBecause;

        private Subscription(final AlertFilter filter, final int capacity) {
            this.filter = filter;
            this.capacity = capacity;
        }

        private synchronized boolean offer(final AlertEvent event) {
            if (closedBecause != null) {
                return true; // Already gone: nothing to drop.
            }
            if (queue.size() >= capacity) {
                return false;
            }
            queue.addLast(event);
            notifyAll();
            return true;
        }

        /** Puts replayed events before the live ones (beyond the queue's capacity: their number is bounded). */
        private synchronized void prepend(final List<AlertEvent> replayed) {
            if (closedBecause != null) {
                return;
            }
            for (int i = replayed.size() - 1; i >= 0; i--) {
                queue.addFirst(replayed.get(i));
            }
            notifyAll();
        }

        /**
         * The next event, waiting at most {@code timeout}; empty when none came in time or the subscription is
         * closed (see {@link #isOpen()}).
         */
        public synchronized Optional<AlertEvent> poll(final Duration timeout) throws InterruptedException {
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
