package org.tipmonitor.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Confluent-format Avro serde for one generated record class. Thread-safe once configured. */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final SpecificAvroSerializer<T> serializer;
    private final SpecificAvroDeserializer<T> deserializer;

    /** For Kafka-style use: configure() must be called before use. */
    public SpecificAvroSerde(final Class<T> type) {
        this.serializer = new SpecificAvroSerializer<>(type);
        this.deserializer = new SpecificAvroDeserializer<>(type);
    }

    /** A value serde ready to use with the given client. */
    public SpecificAvroSerde(final Class<T> type, final SchemaRegistryClient client, final SerdeConfig config) {
        this(type, client, config, false);
    }

    /** A key or value serde ready to use with the given client. */
    public SpecificAvroSerde(final Class<T> type, final SchemaRegistryClient client, final SerdeConfig config,
                             final boolean isKey) {
        this.serializer = new SpecificAvroSerializer<>(type, client, config, isKey);
        this.deserializer = new SpecificAvroDeserializer<>(type, client, config, isKey);
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
