package org.tipmonitor.serde;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro into generated records. The writer schema named by the frame is
 * resolved against the class's schema, so bytes written with an older version of the contract
 * are read by newer code (missing fields take their defaults). Thread-safe.
 */
public final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final Class<T> type;
    private final SpecificData model;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readerByWriterId = new ConcurrentHashMap<>();
    private volatile SerdeBinding binding;

    /** For Kafka-style use: configure() must be called before deserialize(). */
    public SpecificAvroDeserializer(final Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
    }

    /** Ready to use with the given client; configure() may still change the config but keeps the client. */
    public SpecificAvroDeserializer(final Class<T> type, final SchemaRegistryClient client, final SerdeConfig config,
                                    final boolean isKey) {
        this(type);
        this.binding = SerdeBinding.given(client, config, isKey);
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        binding = SerdeBinding.configure(binding, configs, isKey);
        readerByWriterId.clear();
    }

    @Override
    public T deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        final SerdeBinding current = SerdeBinding.require(binding, type, "deserializer");
        final int id = ConfluentWireFormat.schemaId(data);
        final SpecificDatumReader<T> reader = readerByWriterId.computeIfAbsent(id, writerId -> readerFor(current, writerId));
        final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, ConfluentWireFormat.HEADER_LENGTH,
                data.length - ConfluentWireFormat.HEADER_LENGTH, null);
        try {
            return reader.read(null, decoder);
        } catch (final IOException | RuntimeException e) {
            throw new MalformedAvroException("Could not decode " + (data.length - ConfluentWireFormat.HEADER_LENGTH)
                    + " bytes from topic " + topic + " as a " + type.getSimpleName() + " written with schema id " + id
                    + ": " + e, e);
        }
    }

    private SpecificDatumReader<T> readerFor(final SerdeBinding current, final int writerId) {
        final Schema writerSchema = current.client().getById(writerId);
        final List<String> problems = AvroCompatibility.problems(readerSchema, writerSchema);
        if (!problems.isEmpty()) {
            throw new MalformedAvroException("Data written with schema id " + writerId + " (" + writerSchema.getFullName()
                    + ") cannot be read as " + type.getName() + ": " + String.join("; ", problems) + ".", null);
        }
        return new SpecificDatumReader<>(writerSchema, readerSchema, model);
    }
}
