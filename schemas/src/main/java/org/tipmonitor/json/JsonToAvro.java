package org.tipmonitor.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Reads plain JSON into the in-memory form of generated Avro classes by walking the reader schema.
 *
 * <p>The values built are the ones the generated {@code put(int, Object)} methods expect: nested
 * records as their generated classes, enums as Java enums, {@link LocalDate} for {@code date},
 * {@link Instant} for {@code timestamp-millis}, {@link ByteBuffer} for {@code bytes}.
 */
final class JsonToAvro {

    private final SpecificData model;

    JsonToAvro(final SpecificData model) {
        this.model = model;
    }

    Object read(final JsonNode node, final Schema schema, final String path) {
        if (node.isNull() && schema.getType() != Schema.Type.NULL && !schema.isNullable()) {
            throw new AvroJsonException(path, "must not be null; expected " + Expectations.expected(schema));
        }
        final LogicalType logicalType = schema.getLogicalType();
        if (logicalType instanceof LogicalTypes.TimestampMillis) {
            return readInstant(node, schema, path).truncatedTo(ChronoUnit.MILLIS);
        }
        if (logicalType instanceof LogicalTypes.TimestampMicros) {
            return readInstant(node, schema, path).truncatedTo(ChronoUnit.MICROS);
        }
        if (logicalType instanceof LogicalTypes.Date) {
            return readDate(node, schema, path);
        }
        switch (schema.getType()) {
            case RECORD:
                return readRecord(node, schema, path);
            case ENUM:
                return readEnum(node, schema, path);
            case ARRAY:
                return readArray(node, schema, path);
            case MAP:
                return readMap(node, schema, path);
            case UNION:
                return readUnion(node, schema, path);
            case STRING:
                return requireText(node, schema, path);
            case BYTES:
                return ByteBuffer.wrap(readBase64(node, schema, path));
            case FIXED:
                return readFixed(node, schema, path);
            case INT:
                return readInt(node, schema, path);
            case LONG:
                return readLong(node, schema, path);
            case FLOAT:
                return (float) requireNumber(node, schema, path).doubleValue();
            case DOUBLE:
                return requireNumber(node, schema, path).doubleValue();
            case BOOLEAN:
                if (!node.isBoolean()) {
                    throw mismatch(node, schema, path);
                }
                return node.booleanValue();
            case NULL:
                if (!node.isNull()) {
                    throw mismatch(node, schema, path);
                }
                return null;
            default:
                throw new AvroJsonException(path, "schema type " + schema.getType() + " is not supported");
        }
    }

    IndexedRecord readRecord(final JsonNode node, final Schema schema, final String path) {
        if (!node.isObject()) {
            throw mismatch(node, schema, path);
        }
        rejectUnknownFields(node, schema, path);
        final IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
        for (final Schema.Field field : schema.getFields()) {
            final String fieldPath = Expectations.field(path, field.name());
            final JsonNode value = node.get(field.name());
            if (value != null) {
                record.put(field.pos(), read(value, field.schema(), fieldPath));
            } else if (field.hasDefaultValue()) {
                // The model caches defaults; copy so that records never share a mutable default list.
                record.put(field.pos(), model.deepCopy(field.schema(), model.getDefaultValue(field)));
            } else {
                throw new AvroJsonException(fieldPath,
                        "missing required field; expected " + Expectations.expected(field.schema()));
            }
        }
        return record;
    }

    private static void rejectUnknownFields(final JsonNode node, final Schema schema, final String path) {
        final List<String> unknown = new ArrayList<>();
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (schema.getField(name) == null) {
                unknown.add(name);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        final String known = schema.getFields().stream().map(Schema.Field::name).collect(Collectors.joining(", "));
        final String quoted = unknown.stream().map(Expectations::quote).collect(Collectors.joining(", "));
        if (unknown.size() == 1) {
            throw new AvroJsonException(Expectations.field(path, unknown.get(0)),
                    "unknown field " + quoted + " in " + schema.getName() + "; known fields are " + known);
        }
        throw new AvroJsonException(path,
                "unknown fields " + quoted + " in " + schema.getName() + "; known fields are " + known);
    }

    private Object readEnum(final JsonNode node, final Schema schema, final String path) {
        if (!node.isTextual()) {
            throw mismatch(node, schema, path);
        }
        final String symbol = node.textValue();
        if (!schema.hasEnumSymbol(symbol)) {
            throw new AvroJsonException(path, "unknown value " + Expectations.quote(symbol) + "; expected one of "
                    + String.join(", ", schema.getEnumSymbols()) + caseHint(symbol, schema));
        }
        return model.createEnum(symbol, schema);
    }

    /** Symbols are case-sensitive; when the only problem is case, say which symbol was meant. */
    private static String caseHint(final String symbol, final Schema schema) {
        for (final String candidate : schema.getEnumSymbols()) {
            if (candidate.equalsIgnoreCase(symbol)) {
                return " (values are case-sensitive: did you mean " + candidate + "?)";
            }
        }
        return "";
    }

    private List<Object> readArray(final JsonNode node, final Schema schema, final String path) {
        if (!node.isArray()) {
            throw mismatch(node, schema, path);
        }
        final List<Object> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(read(node.get(i), schema.getElementType(), Expectations.index(path, i)));
        }
        return items;
    }

    private Map<String, Object> readMap(final JsonNode node, final Schema schema, final String path) {
        if (!node.isObject()) {
            throw mismatch(node, schema, path);
        }
        final Map<String, Object> entries = new LinkedHashMap<>();
        final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> entry = fields.next();
            entries.put(entry.getKey(),
                    read(entry.getValue(), schema.getValueType(), Expectations.mapKey(path, entry.getKey())));
        }
        return entries;
    }

    /**
     * Plain JSON carries no branch name, so a value is read as the first non-null branch it fits.
     * The contract only has {@code ["null", X]} unions, where that is unambiguous.
     */
    private Object readUnion(final JsonNode node, final Schema schema, final String path) {
        if (node.isNull()) {
            return null;
        }
        final List<Schema> branches = schema.getTypes().stream()
                .filter(branch -> branch.getType() != Schema.Type.NULL)
                .collect(Collectors.toList());
        if (branches.size() == 1) {
            return read(node, branches.get(0), path);
        }
        for (final Schema branch : branches) {
            try {
                return read(node, branch, path);
            } catch (final AvroJsonException doesNotFit) {
                // try the next branch; if none fits, the message below lists them all
            }
        }
        throw mismatch(node, schema, path);
    }

    private static String requireText(final JsonNode node, final Schema schema, final String path) {
        if (!node.isTextual()) {
            throw mismatch(node, schema, path);
        }
        return node.textValue();
    }

    private static Number requireNumber(final JsonNode node, final Schema schema, final String path) {
        if (!node.isNumber()) {
            throw mismatch(node, schema, path);
        }
        return node.numberValue();
    }

    private static int readInt(final JsonNode node, final Schema schema, final String path) {
        if (!node.isIntegralNumber()) {
            throw mismatch(node, schema, path);
        }
        if (!node.canConvertToInt()) {
            throw new AvroJsonException(path, node.asText() + " is out of range; expected an integer from "
                    + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
        }
        return node.intValue();
    }

    private static long readLong(final JsonNode node, final Schema schema, final String path) {
        if (!node.isIntegralNumber()) {
            throw mismatch(node, schema, path);
        }
        if (!node.canConvertToLong()) {
            throw new AvroJsonException(path, node.asText() + " is out of range; expected a 64-bit integer");
        }
        return node.longValue();
    }

    private static Instant readInstant(final JsonNode node, final Schema schema, final String path) {
        final String text = requireText(node, schema, path);
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (final DateTimeParseException notAnInstant) {
            throw new AvroJsonException(path, "cannot read " + Expectations.quote(text) + " as an instant; expected "
                    + Expectations.expected(schema) + " or \"2014-03-01T11:00:00+01:00\"");
        }
    }

    private static LocalDate readDate(final JsonNode node, final Schema schema, final String path) {
        final String text = requireText(node, schema, path);
        try {
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (final DateTimeParseException notADate) {
            throw new AvroJsonException(path, "cannot read " + Expectations.quote(text) + " as a date; expected "
                    + Expectations.expected(schema));
        }
    }

    private static byte[] readBase64(final JsonNode node, final Schema schema, final String path) {
        final String text = requireText(node, schema, path);
        try {
            return Base64.getDecoder().decode(text);
        } catch (final IllegalArgumentException notBase64) {
            throw new AvroJsonException(path, "cannot read " + Expectations.quote(text)
                    + " as base64 (" + notBase64.getMessage() + "); expected " + Expectations.expected(schema));
        }
    }

    private Object readFixed(final JsonNode node, final Schema schema, final String path) {
        final byte[] bytes = readBase64(node, schema, path);
        if (bytes.length != schema.getFixedSize()) {
            throw new AvroJsonException(path, "decodes to " + bytes.length + " bytes; expected "
                    + Expectations.expected(schema));
        }
        return model.createFixed(null, bytes, schema);
    }

    private static AvroJsonException mismatch(final JsonNode node, final Schema schema, final String path) {
        return new AvroJsonException(path,
                "expected " + Expectations.expected(schema) + ", got " + Expectations.actual(node));
    }
}
