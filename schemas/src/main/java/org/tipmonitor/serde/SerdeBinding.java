package org.tipmonitor.serde;

import java.util.Map;
import java.util.Objects;

/**
 * What a serializer or deserializer is bound to once configured. Immutable, so that one volatile
 * write publishes a whole configuration to every thread.
 */
record SerdeBinding(SchemaRegistryClient client, SerdeConfig config, boolean isKey, boolean clientGiven) {

    SerdeBinding {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(config, "config");
    }

    /** A binding to a client chosen by the caller; configure() keeps that client. */
    static SerdeBinding given(final SchemaRegistryClient client, final SerdeConfig config, final boolean isKey) {
        return new SerdeBinding(client, config, isKey, true);
    }

    /** Rebinds from a config map, keeping a client the caller chose, otherwise creating one. */
    static SerdeBinding configure(final SerdeBinding previous, final Map<String, ?> configs, final boolean isKey) {
        final SerdeConfig config = SerdeConfig.from(configs);
        if (previous != null && previous.clientGiven()) {
            return new SerdeBinding(previous.client(), config, isKey, true);
        }
        return new SerdeBinding(SchemaRegistryClients.create(config), config, isKey, false);
    }

    static SerdeBinding require(final SerdeBinding binding, final Class<?> type, final String role) {
        if (binding == null) {
            throw new IllegalStateException("The Avro " + role + " for " + type.getName()
                    + " was used before configure() was called.");
        }
        return binding;
    }
}
