package org.tipmonitor.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * What a schema registry holds, with the Confluent registry's rules: ids are global and one per schema (by its
 * normalised text, so the same schema under two subjects has one id), versions count from 1 per subject, and a new
 * version must be BACKWARD compatible with the subject's latest one. Not thread-safe: its owners lock around it.
 */
final class RegistryContents {

    private final String name;
    private final Map<String, Integer> idByText = new HashMap<>();
    private final Map<Integer, Schema> schemaById = new HashMap<>();
    /** Sorted, so that GET /subjects lists subjects in a stable order. */
    private final Map<String, List<Integer>> idsBySubject = new TreeMap<>();
    private int maxId;

    /** @param name how messages name this registry, e.g. its URL */
    RegistryContents(final String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** The version of the subject that holds this schema, if any. */
    Optional<RegisteredSchema> find(final String subject, final Schema schema) {
        final Integer id = idByText.get(schema.toString());
        final List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
        final int index = id == null ? -1 : versions.indexOf(id);
        return index < 0 ? Optional.empty() : Optional.of(new RegisteredSchema(id, index + 1, schemaById.get(id)));
    }

    /** Why the schema may not become the subject's next version; empty if it may (or if the subject is new). */
    List<String> problems(final String subject, final Schema schema) {
        final List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
        return versions.isEmpty() ? List.of()
                : AvroCompatibility.problems(schema, schemaById.get(versions.get(versions.size() - 1)));
    }

    /** The id and version the schema would get as the subject's next version: its id if known, else a new one. */
    RegisteredSchema next(final String subject, final Schema schema) {
        final Integer known = idByText.get(schema.toString());
        return new RegisteredSchema(known != null ? known : maxId + 1,
                idsBySubject.getOrDefault(subject, List.of()).size() + 1, schema);
    }

    /**
     * The ids and versions the schemas would get as their subjects' next versions if written together, in order: a
     * schema already known keeps its id, and a schema new to the registry gets one new id however many of the
     * subjects take it.
     */
    Map<String, RegisteredSchema> nextAll(final Map<String, Schema> schemaBySubject) {
        final Map<String, Integer> newIds = new HashMap<>();
        final Map<String, RegisteredSchema> next = new LinkedHashMap<>();
        schemaBySubject.forEach((subject, schema) -> {
            final String text = schema.toString();
            final Integer known = idByText.get(text);
            final int id = known != null ? known : newIds.computeIfAbsent(text, t -> maxId + 1 + newIds.size());
            next.put(subject, new RegisteredSchema(id, idsBySubject.getOrDefault(subject, List.of()).size() + 1,
                    schema));
        });
        return next;
    }

    /**
     * Records a version. Refuses (false) a version that is not the subject's next one, an id already bound to
     * another schema and a schema already bound to another id: applying the same log, every reader refuses the
     * same records and ends with the same contents.
     */
    boolean add(final String subject, final RegisteredSchema version) {
        final String text = version.schema().toString();
        final Integer idOfText = idByText.get(text);
        final Schema schemaOfId = schemaById.get(version.id());
        final List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
        if (version.version() >= 1 && version.version() <= versions.size()
                && versions.get(version.version() - 1) == version.id() && schemaOfId.toString().equals(text)) {
            return true;
        }
        if (version.id() < 1 || version.version() != versions.size() + 1
                || idOfText != null && idOfText != version.id()
                || schemaOfId != null && !schemaOfId.toString().equals(text)
                || versions.contains(version.id())) {
            return false;
        }
        idByText.put(text, version.id());
        schemaById.put(version.id(), version.schema());
        idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(version.id());
        maxId = Math.max(maxId, version.id());
        return true;
    }

    Optional<Schema> byId(final int id) {
        return Optional.ofNullable(schemaById.get(id));
    }

    List<String> subjects() {
        return List.copyOf(idsBySubject.keySet());
    }

    /** The subject's version numbers, 1 to n; empty for an unknown subject. */
    List<Integer> versions(final String subject) {
        final int count = idsBySubject.getOrDefault(subject, List.of()).size();
        final List<Integer> numbers = new ArrayList<>(count);
        for (int v = 1; v <= count; v++) {
            numbers.add(v);
        }
        return numbers;
    }

    /** One version of the subject; -1 for the latest. */
    Optional<RegisteredSchema> version(final String subject, final int version) {
        final List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
        final int number = version == -1 ? versions.size() : version;
        if (number < 1 || number > versions.size()) {
            return Optional.empty();
        }
        final int id = versions.get(number - 1);
        return Optional.of(new RegisteredSchema(id, number, schemaById.get(id)));
    }

    RegisteredSchema latest(final String subject) {
        return version(subject, -1).orElseThrow(() ->
                new SchemaNotRegisteredException("Subject '" + subject + "' has no versions at " + name + "."));
    }

    RegisteredSchema lookup(final String subject, final Schema schema) {
        return find(subject, schema).orElseThrow(() -> new SchemaNotRegisteredException("Schema "
                + schema.getFullName() + " is not registered under subject '" + subject + "' at " + name + "."));
    }

    Schema requireById(final int id) {
        return byId(id).orElseThrow(() -> new UnknownSchemaIdException(id, name));
    }
}
