package org.tipmonitor.serde;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The part of the Confluent schema registry API the serde needs. Implementations are thread-safe.
 * Failures are {@link AvroSerdeException}s: {@link SchemaRegistryUnreachableException} when no
 * registry answers, {@link IncompatibleSchemaException}, {@link UnknownSchemaIdException} and
 * {@link SchemaNotRegisteredException} for the registry's refusals.
 */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (POST /subjects/{subject}/versions) and returns its id. */
    int register(String subject, Schema schema);

    /**
     * Registers each schema under its subject, as {@link #register} would one by one, and returns the ids of those
     * registered; a schema the subject refuses as incompatible is left out (its serializer meets the refusal when it
     * writes). A registry may do it in one round trip or transaction; this default registers them one by one.
     */
    default Map<String, Integer> registerAll(final Map<String, Schema> schemaBySubject) {
        final Map<String, Integer> ids = new LinkedHashMap<>();
        schemaBySubject.forEach((subject, schema) -> {
            try {
                ids.put(subject, register(subject, schema));
            } catch (final IncompatibleSchemaException e) {
                // Left to the serializer, which reports it for the record it cannot write.
            }
        });
        return ids;
    }

    /** The id of a schema already registered under the subject (POST /subjects/{subject}); never registers. */
    int lookupId(String subject, Schema schema);

    /** The schema with the given global id (GET /schemas/ids/{id}). */
    Schema getById(int id);

    /** The newest version of the subject (GET /subjects/{subject}/versions/latest). */
    RegisteredSchema latest(String subject);

    /**
     * Whether the schema may be registered under the subject as its next version
     * (POST /compatibility/subjects/{subject}/versions/latest); true for a subject with no versions.
     */
    boolean isCompatible(String subject, Schema schema);
}
