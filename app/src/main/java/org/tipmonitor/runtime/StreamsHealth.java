package org.tipmonitor.runtime;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.tipmonitor.api.InstanceHealth;

/** The instance's health as Streams and the thread-replacement policy know it. */
final class StreamsHealth implements InstanceHealth {

    private final ThreadReplacementPolicy policy;
    private volatile KafkaStreams streams;

    StreamsHealth(final ThreadReplacementPolicy policy) {
        this.policy = policy;
    }

    void bind(final KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public Optional<String> down() {
        final KafkaStreams bound = streams;
        if (bound == null) {
            return Optional.empty();
        }
        final KafkaStreams.State state = bound.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR) {
            return Optional.of("Streams is in state " + state + " and will not recover by itself; "
                + policy.recentFailure().orElse("see the log"));
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> unready() {
        return policy.recentFailure();
    }
}
