package org.tipmonitor.serde;

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
