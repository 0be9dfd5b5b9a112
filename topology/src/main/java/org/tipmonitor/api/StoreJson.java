package org.tipmonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.VersionedRecord;
import org.tipmonitor.json.AvroJson;

/**
 * The JSON form of store contents as instances exchange them on the internal endpoints: values are the plain JSON
 * of their Avro records (the public API's form too), read back with the type the caller expects.
 *
 * <pre>
 *   value:    {"value": {...} | null}
 *   version:  {"version": {"validFrom": ISO, "validTo": ISO | null, "value": {...}} | null}
 *   history:  {"versions": [version, ...]}          newest first
 *   rows:     {"rows": [{"key": "...", "value": {...}}, ...]}
 * </pre>
 */
final class StoreJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StoreJson() {
    }

    static JsonNode record(final Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (!(value instanceof SpecificRecord)) {
            throw new IllegalStateException("store value is not an Avro record: " + value.getClass().getName());
        }
        return AvroJson.toJson((SpecificRecord) value);
    }

    static ObjectNode value(final Optional<?> value) {
        final ObjectNode node = NODES.objectNode();
        node.set("value", record(value.orElse(null)));
        return node;
    }

    static ObjectNode version(final Optional<? extends VersionedRecord<?>> version) {
        final ObjectNode node = NODES.objectNode();
        node.set("version", version.isPresent() ? versionNode(version.get()) : NODES.nullNode());
        return node;
    }

    static ObjectNode versions(final List<? extends VersionedRecord<?>> versions) {
        final ArrayNode array = NODES.arrayNode();
        versions.forEach(version -> array.add(versionNode(version)));
        final ObjectNode node = NODES.objectNode();
        node.set("versions", array);
        return node;
    }

    static ObjectNode rows(final List<? extends KeyValue<String, ?>> rows) {
        final ArrayNode array = NODES.arrayNode();
        for (final KeyValue<String, ?> row : rows) {
            final ObjectNode item = array.addObject();
            item.put("key", row.key);
            item.set("value", record(row.value));
        }
        final ObjectNode node = NODES.objectNode();
        node.set("rows", array);
        return node;
    }

    static ObjectNode versionNode(final VersionedRecord<?> version) {
        final ObjectNode node = NODES.objectNode();
        node.put("validFrom", Instant.ofEpochMilli(version.timestamp()).toString());
        final Optional<Long> validTo = version.validTo();
        if (validTo.isPresent()) {
            node.put("validTo", Instant.ofEpochMilli(validTo.get()).toString());
        } else {
            node.putNull("validTo");
        }
        node.set("value", record(version.value()));
        return node;
    }

    static <V extends SpecificRecord> Optional<V> readValue(final JsonNode body, final Class<V> type) {
        final JsonNode value = body.path("value");
        return value.isObject() ? Optional.of(AvroJson.fromJson(value, type)) : Optional.empty();
    }

    static <V extends SpecificRecord> Optional<VersionedRecord<V>> readVersion(final JsonNode body,
                                                                              final Class<V> type) {
        final JsonNode version = body.path("version");
        return version.isObject() ? Optional.of(readVersionNode(version, type)) : Optional.empty();
    }

    static <V extends SpecificRecord> List<VersionedRecord<V>> readVersions(final JsonNode body, final Class<V> type) {
        final List<VersionedRecord<V>> versions = new ArrayList<>();
        body.path("versions").forEach(version -> versions.add(readVersionNode(version, type)));
        return versions;
    }

    static <V extends SpecificRecord> List<KeyValue<String, V>> readRows(final JsonNode body, final Class<V> type) {
        final List<KeyValue<String, V>> rows = new ArrayList<>();
        body.path("rows").forEach(row ->
            rows.add(KeyValue.pair(row.path("key").asText(), AvroJson.fromJson(row.path("value"), type))));
        return rows;
    }

    private static <V extends SpecificRecord> VersionedRecord<V> readVersionNode(final JsonNode node,
                                                                                final Class<V> type) {
        final V value = AvroJson.fromJson(node.path("value"), type);
        final long validFrom = Instant.parse(node.path("validFrom").asText()).toEpochMilli();
        final JsonNode validTo = node.path("validTo");
        return validTo.isTextual()
            ? new VersionedRecord<>(value, validFrom, Instant.parse(validTo.asText()).toEpochMilli())
            : new VersionedRecord<>(value, validFrom);
    }
}
