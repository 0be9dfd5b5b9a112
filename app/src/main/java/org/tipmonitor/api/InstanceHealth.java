package org.tipmonitor.api;

import java.util.Optional;

/** What the instance knows about its own health beyond its stores: for {@code /health} and {@code /ready}. */
public interface InstanceHealth {

    /** Healthy, with nothing to report. */
    InstanceHealth UP = new InstanceHealth() {
        @Override
        public Optional<String> down() {
            return Optional.empty();
        }

        @Override
        public Optional<String> unready() {
            return Optional.empty();
        }
    };

    /** Why the instance is down (it will not recover by itself: restart it), or empty. */
    Optional<String> down();

    /** Why the instance should get no traffic right now although it may recover, or empty. */
    Optional<String> unready();
}
