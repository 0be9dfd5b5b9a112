package org.tipmonitor.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in Confluent's wire format, registering (or looking up) the
 * record's schema under {@code <topic>-value} or {@code <topic>-key}. Thread-safe.
 */
public final class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final Class<T> type;
    private final Schema schema;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, Integer> idBySubject = new ConcurrentHashMap<>();
    private volatile SerdeBinding binding;

    /** For Kafka-style use: configure() must be called before serialize(). */
    public SpecificAvroSerializer(final Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        final SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, model);
    }

    /** Ready to use with the given client; configure() may still change the config but keeps the client. */
    public SpecificAvroSerializer(final Class<T> type, final SchemaRegistryClient client, final SerdeConfig config,
                                  final boolean isKey) {
        this(type);
        this.binding = SerdeBinding.given(client, config, isKey);
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        binding = SerdeBinding.configure(binding, configs, isKey);
        idBySubject.clear();
    }

    @Override
    public byte[] serialize(final String topic, final T data) {
        if (data == null) {
            return null;
        }
        final SerdeBinding current = SerdeBinding.require(binding, type, "serializer");
        final String subject = ConfluentWireFormat.subject(topic, current.isKey());
        final int id = idBySubject.computeIfAbsent(subject, s -> schemaId(current, s));
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(ConfluentWireFormat.MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(ConfluentWireFormat.ID_LENGTH).putInt(id).array());
        try {
            final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(data, encoder);
            encoder.flush();
        } catch (final IOException | RuntimeException e) {
            throw new MalformedAvroException("Could not encode a " + type.getSimpleName() + " for topic " + topic
                    + " as Avro: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private int schemaId(final SerdeBinding current, final String subject) {
        final SchemaRegistryClient client = current.client();
        if (current.config().useLatestVersion()) {
            final RegisteredSchema latest = client.latest(subject);
            // Writing with the latest id is only sound when its binary layout is the record's own;
            // the parsing canonical form ignores docs, defaults and properties such as avro.java.string.
            if (!SchemaNormalization.toParsingForm(latest.schema()).equals(SchemaNormalization.toParsingForm(schema))) {
                throw new SchemaNotRegisteredException("The latest version (" + latest.version() + ", id " + latest.id()
                        + ") of subject '" + subject + "' is not the schema of " + type.getName()
                        + ", which use.latest.version requires.");
            }
            return latest.id();
        }
        return current.config().autoRegisterSchemas() ? client.register(subject, schema) : client.lookupId(subject, schema);
    }
}
