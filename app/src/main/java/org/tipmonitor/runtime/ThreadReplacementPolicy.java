package org.tipmonitor.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.compliance.SettingValues;

/**
 * What to do when a stream thread dies. A failure that passes (a broker restart, a registry briefly away) is
 * survived by replacing the thread, which resumes from the last commit. A failure that comes back every time (a
 * bug met on one record, a registry that stays away) would replace threads forever while the instance looks
 * alive and processes nothing; so at most {@code max} replacements are made within any {@code window}, and the
 * next failure shuts the client down (state ERROR, {@code /health} DOWN) with a log line that says why. The
 * global thread, which Streams cannot replace, shuts the client down at once. Each replacement is counted in the
 * metric {@value #REPLACEMENTS_METRIC}.
 */
final class ThreadReplacementPolicy implements StreamsUncaughtExceptionHandler {

    public static final String MAX_REPLACEMENTS = "tip.streams.thread-replacements.max";
    public static final String WINDOW = "tip.streams.thread-replacements.window";
    public static final String UNREADY_AFTER_FAILURE = "tip.streams.unready-after-failure";
    static final String REPLACEMENTS_METRIC = "tip.stream.thread.replacements";

    private static final Logger LOG = LoggerFactory.getLogger(ThreadReplacementPolicy.class);
    private static final String GLOBAL_THREAD_SUFFIX = "-GlobalStreamThread";

    /**
     * @param maxReplacements    replacements allowed within a window before the client is shut down
     * @param window             the sliding window over which replacements are counted
     * @param unreadyAfterFailure how long after a thread failure the instance reports itself not ready
     */
    record Settings(int maxReplacements, Duration window, Duration unreadyAfterFailure) {

        Settings {
            Objects.requireNonNull(window, WINDOW);
            Objects.requireNonNull(unreadyAfterFailure, UNREADY_AFTER_FAILURE);
            if (maxReplacements < 0) {
                throw new IllegalArgumentException(MAX_REPLACEMENTS + " must not be negative: " + maxReplacements);
            }
        }

        static Settings defaults() {
            return new Settings(5, Duration.ofMinutes(10), Duration.ofSeconds(30));
        }

        static Settings from(final Map<String, ?> properties) {
            final Settings d = defaults();
            return new Settings(SettingValues.integer(properties, MAX_REPLACEMENTS, d.maxReplacements()),
                SettingValues.duration(properties, WINDOW, d.window()),
                SettingValues.duration(properties, UNREADY_AFTER_FAILURE, d.unreadyAfterFailure()));
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Counter replacements;
    private final Deque<Instant> recentReplacements = new ArrayDeque<>();
    private volatile Instant lastFailure;
    private volatile String lastFailureReason;

    ThreadReplacementPolicy(final Settings settings, final Clock clock, final MeterRegistry metrics) {
        this.settings = settings;
        this.clock = clock;
        this.replacements = Counter.builder(REPLACEMENTS_METRIC)
            .description("Stream threads replaced after an uncaught exception")
            .register(metrics);
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(final Throwable exception) {
        final Instant now = clock.instant();
        lastFailure = now;
        lastFailureReason = exception.getClass().getSimpleName() + ": " + exception.getMessage();
        if (Thread.currentThread().getName().endsWith(GLOBAL_THREAD_SUFFIX)) {
            LOG.error("The global stream thread (reference data) died and cannot be replaced: shutting the instance"
                + " down", exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        while (!recentReplacements.isEmpty()
            && recentReplacements.peekFirst().isBefore(now.minus(settings.window()))) {
            recentReplacements.removeFirst();
        }
        if (recentReplacements.size() >= settings.maxReplacements()) {
            LOG.error("A stream thread died after {} replacements within {} ({} = {}): the failure does not pass, so"
                    + " the instance shuts down instead of replacing threads forever; fix the cause and restart it",
                recentReplacements.size(), settings.window(), MAX_REPLACEMENTS, settings.maxReplacements(), exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        recentReplacements.addLast(now);
        replacements.increment();
        LOG.error("A stream thread died; replacing it ({} of at most {} within {}); its tasks restart from their last"
            + " commit", recentReplacements.size(), settings.maxReplacements(), settings.window(), exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Why the instance should get no traffic now: a thread failed recently. */
    Optional<String> recentFailure() {
        final Instant failed = lastFailure;
        if (failed == null || failed.isBefore(clock.instant().minus(settings.unreadyAfterFailure()))) {
            return Optional.empty();
        }
        return Optional.of("a stream thread failed at " + failed + " (" + lastFailureReason + ")");
    }
}
