package org.tipmonitor.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.serde.SerdeConfig;

/** Kafka client and registry settings from command-line options and an optional properties file. */
final class ClientSettings {

    private ClientSettings() {
    }

    /**
     * Reads a properties file (UTF-8) into a map, keys in file order.
     *
     * @throws UncheckedIOException naming the file if it cannot be read
     */
    static Map<String, Object> readProperties(final Path file) {
        final Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
        final Map<String, Object> map = new LinkedHashMap<>();
        for (final String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name).strip());
        }
        return map;
    }

    /** The client config: the file's settings (if any), then {@code bootstrap.servers} from the option. */
    static Map<String, Object> clientConfig(final String bootstrapServers, final Path configFile) {
        final Map<String, Object> config = configFile == null ? new LinkedHashMap<>() : readProperties(configFile);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** Serdes bound to the registry, with the registry settings (auth, ...) of the client config. */
    static TipSerdes serdes(final Map<String, Object> clientConfig, final String schemaRegistryUrl) {
        final Map<String, Object> registry = new LinkedHashMap<>(clientConfig);
        registry.put(SerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        return TipSerdes.create(registry);
    }
}
