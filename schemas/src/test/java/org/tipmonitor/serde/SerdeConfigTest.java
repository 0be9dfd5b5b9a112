package org.tipmonitor.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SerdeConfigTest {

    @Test
    void appliesConfluentDefaults() {
        final SerdeConfig config = SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://a:8081/, http://b:8081"));

        assertThat(config.urls()).containsExactly("http://a:8081", "http://b:8081");
        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.credentialsSource()).isEqualTo(SerdeConfig.CredentialsSource.URL);
        assertThat(config.userInfo()).isEmpty();
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.isMock()).isFalse();
    }

    @Test
    void readsStringAndTypedValues() {
        final SerdeConfig config = SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://scope-a",
                SerdeConfig.AUTO_REGISTER_SCHEMAS, "FALSE", SerdeConfig.USE_LATEST_VERSION, true,
                SerdeConfig.REQUEST_TIMEOUT_MS, "2500"));

        assertThat(config.autoRegisterSchemas()).isFalse();
        assertThat(config.useLatestVersion()).isTrue();
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.mockScope()).isEqualTo("scope-a");
    }

    @Test
    void aMissingUrlIsAClearError() {
        assertThatThrownBy(() -> SerdeConfig.from(Map.of(SerdeConfig.AUTO_REGISTER_SCHEMAS, true)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Missing required serde setting schema.registry.url");
    }

    @Test
    void userInfoSourceNeedsUserInfo() {
        assertThatThrownBy(() -> SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://a",
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SerdeConfig.BASIC_AUTH_USER_INFO);
        assertThatThrownBy(() -> SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://a",
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("supported values are URL and USER_INFO");
    }

    @Test
    void neverPrintsPasswords() {
        final SerdeConfig config = SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "https://bob:pw1@reg:8081",
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO", SerdeConfig.BASIC_AUTH_USER_INFO, "alice:pw2"));

        assertThat(config.toString()).doesNotContain("pw1").doesNotContain("pw2").contains("https://[hidden]@reg:8081");
    }

    @Test
    void theInMemoryRegistryIsSharedPerScope() {
        try {
            final SchemaRegistryClient first = SchemaRegistryClients.create(
                    SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://shared")));
            final SchemaRegistryClient second = SchemaRegistryClients.create(
                    SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://shared")));
            final SchemaRegistryClient other = SchemaRegistryClients.create(
                    SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://other")));

            assertThat(first).isSameAs(second).isNotSameAs(other);
            assertThat(SchemaRegistryClients.create(SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://x"))))
                    .isInstanceOf(HttpSchemaRegistryClient.class);
        } finally {
            InMemorySchemaRegistry.dropScope("shared");
            InMemorySchemaRegistry.dropScope("other");
        }
    }

    @Test
    void aKafkaUrlNamesATopicOfTheClusterOfTheSameConfig() {
        final SerdeConfig config = SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "kafka://_schemas",
                "bootstrap.servers", "k1:9092,k2:9092", "sasl.jaas.config", "secret", "acks", "all"));

        assertThat(config.isKafkaTopic()).isTrue();
        assertThat(config.isMock()).isFalse();
        assertThat(config.kafkaTopic()).isEqualTo("_schemas");
        assertThat(config.kafkaClientSettings())
                .containsExactlyInAnyOrderEntriesOf(Map.of("bootstrap.servers", "k1:9092,k2:9092",
                        "sasl.jaas.config", "secret"));
        assertThat(config.toString()).doesNotContain("secret");
        assertThatThrownBy(() -> SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "kafka://_schemas")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "kafka://host:9092/_schemas",
                "bootstrap.servers", "k1:9092"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka://<topic>");
        assertThatThrownBy(() -> new HttpSchemaRegistryClient(config)).isInstanceOf(ConfigException.class);
    }
}
