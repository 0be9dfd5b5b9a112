package org.tipmonitor.serde;

/** Picks the registry client a config asks for: in-memory for mock://<scope>, HTTP otherwise. */
public final class SchemaRegistryClients {

    private SchemaRegistryClients() {
    }

    public static SchemaRegistryClient create(final SerdeConfig config) {
        return config.isMock() ? InMemorySchemaRegistry.forScope(config.mockScope()) : new HttpSchemaRegistryClient(config);
    }
}
