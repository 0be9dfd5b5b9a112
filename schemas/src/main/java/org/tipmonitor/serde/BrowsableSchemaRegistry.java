package org.tipmonitor.serde;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A registry this process holds itself (not a client of a remote one), so that it can also answer what the
 * Confluent REST API lists: subjects, their versions, and where a schema sits. Thread-safe.
 */
public interface BrowsableSchemaRegistry extends SchemaRegistryClient {

    /** Every subject with at least one version, sorted. */
    List<String> subjects();

    /** The subject's version numbers (1 to n); empty for an unknown subject. */
    List<Integer> versions(String subject);

    /** One version of the subject, -1 for the latest; empty if there is no such version. */
    Optional<RegisteredSchema> version(String subject, int version);

    /** The version of the subject holding this schema; empty if the schema is not registered under it. */
    Optional<RegisteredSchema> find(String subject, Schema schema);
}
