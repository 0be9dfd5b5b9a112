package org.tipmonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *   versions of many keys:  {"versions": {"key": version | null, ...}}
 *   histories of many keys: {"histories": {"key": [version, ...], ...}}
 *   a batch request:        {"keys": ["...", ...], "asOf": ISO | null}
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

    static ObjectNode versionsByKey(final Map<String, ? extends VersionedRecord<?>> versions) {
        final ObjectNode byKey = NODES.objectNode();
        versions.forEach((key, version) -> byKey.set(key, version == null ? NODES.nullNode() : versionNode(version)));
        final ObjectNode node = NODES.objectNode();
        node.set("versions", byKey);
        return node;
    }

    static ObjectNode historiesByKey(final Map<String, ? extends List<? extends VersionedRecord<?>>> histories) {
        final ObjectNode byKey = NODES.objectNode();
        histories.forEach((key, versions) -> {
            final ArrayNode array = byKey.putArray(key);
            versions.forEach(version -> array.add(versionNode(version)));
        });
        final ObjectNode node = NODES.objectNode();
        node.set("histories", byKey);
        return node;
    }

    static ObjectNode batchRequest(final Collection<String> keys, final Instant asOf) {
        final ObjectNode node = NODES.objectNode();
        final ArrayNode array = node.putArray("keys");
        keys.forEach(array::add);
        node.put("asOf", asOf == null ? null : asOf.toString());
        return node;
    }

    /** The keys of a batch request; 400 unless it is {"keys": [strings]}. */
    static List<String> readBatchKeys(final JsonNode request) {
        final JsonNode keys = request.path("keys");
        if (!keys.isArray()) {
            throw ApiException.badRequest("keys: an array of store keys is required");
        }
        final List<String> list = new ArrayList<>();
        for (final JsonNode key : keys) {
            if (!key.isTextual()) {
                throw ApiException.badRequest("keys: every key must be a string, not " + key);
            }
            list.add(key.asText());
        }
        return list;
    }

    static <V extends SpecificRecord> Map<String, VersionedRecord<V>> readVersionsByKey(final JsonNode body,
                                                                                       final Class<V> type) {
        final Map<String, VersionedRecord<V>> versions = new LinkedHashMap<>();
        body.path("versions").fields().forEachRemaining(entry -> {
            if (entry.getValue().isObject()) {
                versions.put(entry.getKey(), readVersionNode(entry.getValue(), type));
            }
        });
        return versions;
    }

    static <V extends SpecificRecord> Map<String, List<VersionedRecord<V>>> readHistoriesByKey(final JsonNode body,
                                                                                              final Class<V> type) {
        final Map<String, List<VersionedRecord<V>>> histories = new LinkedHashMap<>();
        body.path("histories").fields().forEachRemaining(entry -> {
            final List<VersionedRecord<V>> versions = new ArrayList<>();
            entry.getValue().forEach(version -> versions.add(readVersionNode(version, type)));
            histories.put(entry.getKey(), versions);
        });
        return histories;
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
