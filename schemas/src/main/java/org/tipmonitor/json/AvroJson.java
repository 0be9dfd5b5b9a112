package org.tipmonitor.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Converts between plain JSON and the generated Avro classes of {@code org.tipmonitor.avro}.
 *
 * <p>"Plain" is the JSON people write and the HTTP API speaks, not Avro's own JSON encoding:
 * <ul>
 *   <li>enums are their symbol names, case-sensitive ({@code "IN_PROGRESS"});</li>
 *   <li>a nullable field holds the value itself or {@code null}, with no {@code {"string": ...}} wrapper;</li>
 *   <li>{@code timestamp-millis} is an ISO-8601 instant; any offset is accepted on input and output is
 *       always UTC ({@code "2014-03-01T10:00:00Z"});</li>
 *   <li>{@code date} is {@code "YYYY-MM-DD"}; {@code bytes} is base64.</li>
 * </ul>
 *
 * <p>Reading walks the reader schema of the target class: a missing field takes its schema default
 * or is an error, and fields the schema does not know are an error (a misspelt optional field would
 * otherwise be dropped silently). Every error is an {@link AvroJsonException} naming the path.
 */
public final class AvroJson {

    /**
     * Shared because building a mapper is costly and Jackson mappers are thread-safe once configured.
     * It is configured here, once, and must not be reconfigured by callers (see {@link #mapper()}).
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Two values for one key in a submission is a client bug, not something to resolve silently.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .addModule(new JavaTimeModule())
            .build();

    private AvroJson() {
    }

    /**
     * The project's Jackson mapper: rejects duplicate keys and trailing content, writes java.time
     * values as ISO-8601 strings. Shared; use it as is and never reconfigure it (use
     * {@link ObjectMapper#copy()} for a variant).
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads a JSON document into a generated record.
     *
     * @throws AvroJsonException if the document does not fit the record's schema
     */
    public static <T extends SpecificRecord> T fromJson(final JsonNode node, final Class<T> type) {
        Objects.requireNonNull(node, "node");
        final SpecificData model = SpecificData.getForClass(type);
        final Schema schema = model.getSchema(type);
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(type.getName() + " is not a generated Avro record class");
        }
        return type.cast(new JsonToAvro(model).readRecord(node, schema, ""));
    }

    /**
     * Parses JSON text and reads it into a generated record.
     *
     * @throws AvroJsonException if the text is not JSON or does not fit the record's schema
     */
    public static <T extends SpecificRecord> T fromJson(final String json, final Class<T> type) {
        Objects.requireNonNull(json, "json");
        return fromJson(parse(json), type);
    }

    /** @return the record as plain JSON, fields in schema order. */
    public static ObjectNode toJson(final SpecificRecord record) {
        Objects.requireNonNull(record, "record");
        final AvroToJson writer = new AvroToJson(SpecificData.getForClass(record.getClass()), MAPPER.getNodeFactory());
        return writer.writeRecord(record, record.getSchema());
    }

    /** @return the record as compact plain JSON text. */
    public static String toJsonString(final SpecificRecord record) {
        try {
            return MAPPER.writeValueAsString(toJson(record));
        } catch (final JsonProcessingException cannotHappenForATree) {
            throw new IllegalStateException("could not write a JSON tree", cannotHappenForATree);
        }
    }

    /**
     * Parses JSON text with the shared mapper.
     *
     * @throws AvroJsonException (with an empty path) naming the line and column of a syntax error
     */
    public static JsonNode parse(final String json) {
        try {
            final JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new AvroJsonException("", "the document is empty; expected a JSON object");
            }
            return node;
        } catch (final JsonProcessingException malformed) {
            final JsonLocation where = malformed.getLocation();
            final String position = where == null
                    ? ""
                    : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new AvroJsonException("", "not valid JSON" + position + ": " + malformed.getOriginalMessage());
        }
    }
}
