package org.tipmonitor.compliance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.tipmonitor.serde.AvroSerdes;
import org.tipmonitor.serde.ConfluentWireFormat;
import org.tipmonitor.serde.SchemaRegistryClients;
import org.tipmonitor.serde.SerdeConfig;

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

    /**
     * Registers the value schemas of these topics now, as the serializers would when they first write there, unless
     * the settings say not to register ({@code auto.register.schemas=false} or {@code use.latest.version=true}).
     * A registry that can (the {@code kafka://} one) does it in one write instead of one per topic.
     *
     * @param valueTypes topic name to the generated class of its values
     * @return how many subjects the registry now holds the schemas under
     */
    public int registerValueSchemas(final Map<String, Class<? extends SpecificRecord>> valueTypes) {
        final SerdeConfig config = SerdeConfig.from(registryConfig);
        if (!config.autoRegisterSchemas() || config.useLatestVersion()) {
            return 0;
        }
        final Map<String, Schema> schemaBySubject = new LinkedHashMap<>();
        valueTypes.forEach((topic, type) -> schemaBySubject.put(ConfluentWireFormat.subject(topic, false),
            SpecificData.getForClass(type).getSchema(type)));
        return SchemaRegistryClients.create(config).registerAll(schemaBySubject).size();
    }

    public Map<String, ?> registryConfig() {
        return registryConfig;
    }
}
