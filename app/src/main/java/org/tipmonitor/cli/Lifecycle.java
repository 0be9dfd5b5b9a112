package org.tipmonitor.cli;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a long-running command started, closed in reverse order exactly once: on Ctrl-C (a JVM shutdown hook) or
 * when the command returns, whichever comes first.
 */
final class Lifecycle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    private static final Duration HEALTH_CHECK_INTERVAL = Duration.ofSeconds(1);

    /** A named step of the shutdown. */
    interface Step {
        void close() throws Exception;
    }

    private record Named(String name, Step step) {
    }

    private final Deque<Named> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook = new Thread(this::close, "tip-monitor-shutdown");
    private boolean closed;
    /** Set as soon as closing starts, so that what is being closed is not mistaken for a failure. */
    private volatile boolean stopping;

    Lifecycle() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Registers something started, to be closed before everything registered earlier. */
    synchronized <T> T add(final String name, final T resource, final Step close) {
        if (closed) {
            // Started while Ctrl-C was being handled: nothing will close it later, so close it now.
            closeStep(new Named(name, close));
            throw new IllegalStateException("stopping");
        }
        started.push(new Named(name, close));
        return resource;
    }

    /**
     * Blocks until Ctrl-C, or until {@code healthy} turns false (then returns false so the command can exit 1).
     */
    boolean awaitStop(final BooleanSupplier healthy) throws InterruptedException {
        while (!stopped.await(HEALTH_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
            if (stopping) {
                return true;
            }
            if (!healthy.getAsBoolean()) {
                return stopping;
            }
        }
        return true;
    }

    @Override
    public void close() {
        stopping = true;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            while (!started.isEmpty()) {
                closeStep(started.pop());
            }
        }
        stopped.countDown();
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (final IllegalStateException alreadyShuttingDown) {
                // The hook is running or has run; nothing left to remove.
            }
        }
    }

    private static void closeStep(final Named named) {
        final long startNanos = System.nanoTime();
        try {
            named.step().close();
            LOG.debug("stopped {} in {} ms", named.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        } catch (final Exception e) {
            LOG.warn("error while stopping {}: {}", named.name(), e.toString());
        }
    }
}
