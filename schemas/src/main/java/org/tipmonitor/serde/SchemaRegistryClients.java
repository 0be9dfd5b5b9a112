package org.tipmonitor.serde;

/**
 * Picks the registry client a config asks for: the registry kept in a Kafka topic for kafka://<topic>, the
 * in-memory one for mock://<scope> (unit tests), HTTP otherwise.
 */
public final class SchemaRegistryClients {

    private SchemaRegistryClients() {
    }

    public static SchemaRegistryClient create(final SerdeConfig config) {
        if (config.isMock()) {
            return InMemorySchemaRegistry.forScope(config.mockScope());
        }
        return config.isKafkaTopic() ? KafkaTopicSchemaRegistry.shared(config) : new HttpSchemaRegistryClient(config);
    }
}
