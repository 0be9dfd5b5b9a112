package org.tipmonitor.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A schema registry in memory with the registry's semantics: ids are global and stable per schema
 * text, versions count per subject, re-registering a known schema returns its id without a new
 * version, and a new version must be BACKWARD compatible with the latest one (Confluent's default).
 * Thread-safe.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    /*
     * Kafka builds a serializer and a deserializer separately, each from nothing but its config map,
     * so two serdes configured with the same mock://<scope> URL can only meet through process-wide
     * state, exactly as with Confluent's MockSchemaRegistry. The map holds registries, not mutable
     * configuration, and tests call dropScope to start clean.
     */
    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final String name;
    private final Map<String, Integer> idBySchemaText = new HashMap<>();
    private final List<Schema> schemaById = new ArrayList<>();
    private final Map<String, List<Integer>> idsBySubject = new HashMap<>();

    /** A private registry, shared with nobody. */
    public InMemorySchemaRegistry() {
        this(SerdeConfig.MOCK_URL_PREFIX + "(unshared)");
    }

    private InMemorySchemaRegistry(final String name) {
        this.name = name;
    }

    /** The registry shared by every serde configured with {@code mock://<scope>}. */
    public static InMemorySchemaRegistry forScope(final String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry(SerdeConfig.MOCK_URL_PREFIX + s));
    }

    /** Forgets a scope so that the next {@link #forScope} starts empty. */
    public static void dropScope(final String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(final String subject, final Schema schema) {
        final String text = schema.toString();
        final List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
        final Integer known = idBySchemaText.get(text);
        if (known != null && versions.contains(known)) {
            return known;
        }
        if (!versions.isEmpty()) {
            final List<String> problems = AvroCompatibility.problems(schema, schemaById.get(last(versions) - 1));
            if (!problems.isEmpty()) {
                throw new IncompatibleSchemaException(subject, String.join("; ", problems) + ".");
            }
        }
        final int id = known != null ? known : newId(text, schema);
        idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    private int newId(final String text, final Schema schema) {
        schemaById.add(schema);
        final int id = schemaById.size();
        idBySchemaText.put(text, id);
        return id;
    }

    @Override
    public synchronized int lookupId(final String subject, final Schema schema) {
        final Integer id = idBySchemaText.get(schema.toString());
        if (id == null || !idsBySubject.getOrDefault(subject, List.of()).contains(id)) {
            throw new SchemaNotRegisteredException("Schema " + schema.getFullName()
                    + " is not registered under subject '" + subject + "' at " + name + ".");
        }
        return id;
    }

    @Override
    public synchronized Schema getById(final int id) {
        if (id < 1 || id > schemaById.size()) {
            throw new UnknownSchemaIdException(id, name);
        }
        return schemaById.get(id - 1);
    }

    @Override
    public synchronized RegisteredSchema latest(final String subject) {
        final List<Integer> versions = idsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaNotRegisteredException("Subject '" + subject + "' has no versions at " + name + ".");
        }
        final int id = last(versions);
        return new RegisteredSchema(id, versions.size(), schemaById.get(id - 1));
    }

    @Override
    public synchronized boolean isCompatible(final String subject, final Schema schema) {
        final List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
        return versions.isEmpty() || AvroCompatibility.problems(schema, schemaById.get(last(versions) - 1)).isEmpty();
    }

    private static int last(final List<Integer> versions) {
        return versions.get(versions.size() - 1);
    }

    @Override
    public String toString() {
        return name;
    }
}
