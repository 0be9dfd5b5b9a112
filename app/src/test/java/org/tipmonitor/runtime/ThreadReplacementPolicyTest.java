package org.tipmonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadReplacementPolicyTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-06-01T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    private ThreadReplacementPolicy policy(final int max, final Duration window) {
        return new ThreadReplacementPolicy(new ThreadReplacementPolicy.Settings(max, window, Duration.ofSeconds(30)),
            clock, metrics);
    }

    private double replacements() {
        return metrics.get(ThreadReplacementPolicy.REPLACEMENTS_METRIC).counter().count();
    }

    @Test
    void replacesUpToTheLimitWithinTheWindowThenShutsTheClientDown() {
        final ThreadReplacementPolicy policy = policy(3, Duration.ofMinutes(10));
        final RuntimeException failure = new IllegalStateException("same bug every time");
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
        assertThat(replacements()).isEqualTo(3.0);
        assertThat(policy.handle(failure)).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(replacements()).as("a shutdown is not a replacement").isEqualTo(3.0);
    }

    @Test
    void failuresThatPassAreReplacedAgainOnceTheWindowHasMovedOn() {
        final ThreadReplacementPolicy policy = policy(2, Duration.ofMinutes(10));
        final RuntimeException failure = new IllegalStateException("broker away");
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
        now.set(now.get().plus(Duration.ofMinutes(11)));
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
    }

    @Test
    void aRecentFailureMakesTheInstanceUnreadyForAWhile() {
        final ThreadReplacementPolicy policy = policy(5, Duration.ofMinutes(10));
        assertThat(policy.recentFailure()).isEmpty();
        policy.handle(new IllegalStateException("boom"));
        assertThat(policy.recentFailure()).get().asString().contains("IllegalStateException: boom");
        now.set(now.get().plus(Duration.ofSeconds(31)));
        assertThat(policy.recentFailure()).isEmpty();
    }

    @Test
    void theGlobalThreadIsNeverReplaced() throws InterruptedException {
        final ThreadReplacementPolicy policy = policy(5, Duration.ofMinutes(10));
        final AtomicReference<Object> response = new AtomicReference<>();
        final Thread global = new Thread(() -> response.set(policy.handle(new IllegalStateException("x"))),
            "app-1234-GlobalStreamThread");
        global.start();
        global.join();
        assertThat(response.get()).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void settingsComeFromTheTipKeys() {
        final ThreadReplacementPolicy.Settings settings = ThreadReplacementPolicy.Settings.from(Map.of(
            ThreadReplacementPolicy.MAX_REPLACEMENTS, "2", ThreadReplacementPolicy.WINDOW, "PT1M"));
        assertThat(settings.maxReplacements()).isEqualTo(2);
        assertThat(settings.window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.unreadyAfterFailure()).isEqualTo(Duration.ofSeconds(30));
    }
}
