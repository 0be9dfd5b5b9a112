package org.tipmonitor.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes an Avro datum as plain JSON by walking its schema: fields in schema order, enums by name,
 * nulls kept, instants in UTC ISO-8601 form, dates as YYYY-MM-DD, bytes in base64.
 *
 * <p>Accepts both the converted values of generated classes ({@link Instant}, {@link LocalDate}) and
 * the raw ones of generic records (epoch millis, epoch days), so a record read without conversions
 * still prints the same way.
 */
final class AvroToJson {

    private final GenericData model;
    private final JsonNodeFactory nodes;

    AvroToJson(final GenericData model, final JsonNodeFactory nodes) {
        this.model = model;
        this.nodes = nodes;
    }

    ObjectNode writeRecord(final IndexedRecord record, final Schema schema) {
        final ObjectNode object = nodes.objectNode();
        for (final Schema.Field field : schema.getFields()) {
            object.set(field.name(), write(record.get(field.pos()), field.schema()));
        }
        return object;
    }

    JsonNode write(final Object value, final Schema schema) {
        if (value == null) {
            return nodes.nullNode();
        }
        final LogicalType logicalType = schema.getLogicalType();
        if (logicalType instanceof LogicalTypes.TimestampMillis) {
            final Instant instant = value instanceof Instant ? (Instant) value : Instant.ofEpochMilli((Long) value);
            return nodes.textNode(instant.toString());
        }
        if (logicalType instanceof LogicalTypes.TimestampMicros) {
            final Instant instant = value instanceof Instant
                    ? (Instant) value
                    : Instant.EPOCH.plus((Long) value, ChronoUnit.MICROS);
            return nodes.textNode(instant.toString());
        }
        if (logicalType instanceof LogicalTypes.Date) {
            final LocalDate date = value instanceof LocalDate ? (LocalDate) value : LocalDate.ofEpochDay((Integer) value);
            return nodes.textNode(date.toString());
        }
        switch (schema.getType()) {
            case RECORD:
                return writeRecord((IndexedRecord) value, schema);
            case ENUM:
                return nodes.textNode(value.toString());
            case ARRAY:
                final ArrayNode array = nodes.arrayNode();
                for (final Object item : (Collection<?>) value) {
                    array.add(write(item, schema.getElementType()));
                }
                return array;
            case MAP:
                final ObjectNode map = nodes.objectNode();
                for (final Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    map.set(entry.getKey().toString(), write(entry.getValue(), schema.getValueType()));
                }
                return map;
            case UNION:
                return write(value, schema.getTypes().get(model.resolveUnion(schema, value)));
            case STRING:
                return nodes.textNode(value.toString());
            case BYTES:
                return nodes.textNode(base64((ByteBuffer) value));
            case FIXED:
                return nodes.textNode(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
            case INT:
                return nodes.numberNode(((Number) value).intValue());
            case LONG:
                return nodes.numberNode(((Number) value).longValue());
            case FLOAT:
                return nodes.numberNode(((Number) value).floatValue());
            case DOUBLE:
                return nodes.numberNode(((Number) value).doubleValue());
            case BOOLEAN:
                return nodes.booleanNode((Boolean) value);
            case NULL:
                return nodes.nullNode();
            default:
                throw new IllegalStateException("schema type " + schema.getType() + " is not supported");
        }
    }

    /** Reads the buffer without moving its position: the record may be written again later. */
    private static String base64(final ByteBuffer buffer) {
        final ByteBuffer view = buffer.duplicate();
        final byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
