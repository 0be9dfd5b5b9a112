package org.tipmonitor.compliance;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.tipmonitor.serde.AvroSerdes;

/**
 * The value serdes of the topology, one per record type, all made by the project's one serde factory from the
 * same registry settings (Confluent's names: {@code schema.registry.url}, {@code auto.register.schemas}, ...).
 */
public final class TipSerdes {

    private final Map<String, ?> registryConfig;
    private final Map<Class<?>, Serde<?>> serdes = new ConcurrentHashMap<>();

    private TipSerdes(final Map<String, ?> registryConfig) {
        this.registryConfig = Map.copyOf(registryConfig);
    }

    public static TipSerdes create(final Map<String, ?> registryConfig) {
        return new TipSerdes(registryConfig);
    }

    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> Serde<T> value(final Class<T> type) {
        return (Serde<T>) serdes.computeIfAbsent(type, t -> AvroSerdes.value(type, registryConfig));
    }

    public Map<String, ?> registryConfig() {
        return registryConfig;
    }
}
