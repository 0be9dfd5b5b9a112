package org.tipmonitor.serde;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A schema registry in memory with the registry's semantics: ids are global and stable per schema
 * text, versions count per subject, re-registering a known schema returns its id without a new
 * version, and a new version must be BACKWARD compatible with the latest one (Confluent's default).
 * For unit tests: it forgets everything with the process. Thread-safe.
 */
public final class InMemorySchemaRegistry implements BrowsableSchemaRegistry {

    /*
     * Kafka builds a serializer and a deserializer separately, each from nothing but its config map,
     * so two serdes configured with the same mock://<scope> URL can only meet through process-wide
     * state, exactly as with Confluent's MockSchemaRegistry. The map holds registries, not mutable
     * configuration, and tests call dropScope to start clean.
     */
    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final RegistryContents contents;

    /** A private registry, shared with nobody. */
    public InMemorySchemaRegistry() {
        this(SerdeConfig.MOCK_URL_PREFIX + "(unshared)");
    }

    private InMemorySchemaRegistry(final String name) {
        this.contents = new RegistryContents(name);
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
        final Optional<RegisteredSchema> known = contents.find(subject, schema);
        if (known.isPresent()) {
            return known.get().id();
        }
        final List<String> problems = contents.problems(subject, schema);
        if (!problems.isEmpty()) {
            throw new IncompatibleSchemaException(subject, String.join("; ", problems) + ".");
        }
        final RegisteredSchema next = contents.next(subject, schema);
        contents.add(subject, next);
        return next.id();
    }

    @Override
    public synchronized int lookupId(final String subject, final Schema schema) {
        return contents.lookup(subject, schema).id();
    }

    @Override
    public synchronized Schema getById(final int id) {
        return contents.requireById(id);
    }

    @Override
    public synchronized RegisteredSchema latest(final String subject) {
        return contents.latest(subject);
    }

    @Override
    public synchronized boolean isCompatible(final String subject, final Schema schema) {
        return contents.problems(subject, schema).isEmpty();
    }

    @Override
    public synchronized List<String> subjects() {
        return contents.subjects();
    }

    @Override
    public synchronized List<Integer> versions(final String subject) {
        return contents.versions(subject);
    }

    @Override
    public synchronized Optional<RegisteredSchema> version(final String subject, final int version) {
        return contents.version(subject, version);
    }

    @Override
    public synchronized Optional<RegisteredSchema> find(final String subject, final Schema schema) {
        return contents.find(subject, schema);
    }

    @Override
    public String toString() {
        return contents.name();
    }
}
