package org.tipmonitor.runtime;

import org.tipmonitor.topology.StreamsSettings;
import org.tipmonitor.topology.TipMonitorConfig;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one application instance needs to start. Immutable; absent optional values take their defaults.
 *
 * @param bootstrapServers  Kafka {@code bootstrap.servers}
 * @param schemaRegistryUrl Confluent-API registry URL(s); {@code kafka://<topic>} for the registry kept in a topic of
 *                          the cluster (the demo's); {@code mock://<scope>} (in memory) only in unit tests
 * @param applicationId     Streams {@code application.id} (default {@value StreamsSettings#DEFAULT_APPLICATION_ID});
 *                          instances with the same id share the work
 * @param httpHost          address the HTTP server listens on (default {@value #DEFAULT_HTTP_HOST})
 * @param httpPort          HTTP port; 0 takes a free one
 * @param advertisedHost    host other instances use to reach this one ({@code application.server}); default
 *                          {@code httpHost}
 * @param stateDir          Streams state directory
 * @param tokensFile        gateway tokens (JSON); null disables {@code POST /api/v1/submissions}
 * @param streamsOverrides  any Kafka/Streams property, applied last (from {@code --config FILE}); {@code tip.*}
 *                          keys configure the topology instead
 * @param topology          topology settings; default read from the {@code tip.*} keys of the overrides
 */
public record AppConfig(String bootstrapServers, String schemaRegistryUrl, String applicationId, String httpHost,
                        int httpPort, String advertisedHost, Path stateDir, Path tokensFile,
                        Map<String, Object> streamsOverrides, TipMonitorConfig topology) {

    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";

    public AppConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(stateDir, "stateDir");
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("httpPort must be 0 (any free port) to 65535, not " + httpPort);
        }
        applicationId = blankToDefault(applicationId, StreamsSettings.DEFAULT_APPLICATION_ID);
        httpHost = blankToDefault(httpHost, DEFAULT_HTTP_HOST);
        advertisedHost = blankToDefault(advertisedHost, httpHost);
        // Map.copyOf refuses nulls; a LinkedHashMap copy keeps the file's order for logs and stays unmodifiable.
        streamsOverrides = streamsOverrides == null
            ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(streamsOverrides));
        topology = topology == null ? TipMonitorConfig.from(streamsOverrides) : topology;
    }

    public static Builder builder(final String bootstrapServers, final String schemaRegistryUrl,
                                  final Path stateDir) {
        return new Builder(bootstrapServers, schemaRegistryUrl, stateDir);
    }

    /** A builder holding this configuration, to change a few values (e.g. another port or state directory). */
    public Builder toBuilder() {
        return new Builder(bootstrapServers, schemaRegistryUrl, stateDir)
            .applicationId(applicationId).httpHost(httpHost).httpPort(httpPort).advertisedHost(advertisedHost)
            .tokensFile(tokensFile).streamsOverrides(streamsOverrides).topology(topology);
    }

    private static String blankToDefault(final String value, final String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Builds an {@link AppConfig}; unset values take the record's defaults. */
    public static final class Builder {
        private String bootstrapServers;
        private String schemaRegistryUrl;
        private Path stateDir;
        private String applicationId;
        private String httpHost;
        private int httpPort;
        private String advertisedHost;
        private Path tokensFile;
        private Map<String, Object> streamsOverrides = Map.of();
        private TipMonitorConfig topology;

        private Builder(final String bootstrapServers, final String schemaRegistryUrl, final Path stateDir) {
            this.bootstrapServers = bootstrapServers;
            this.schemaRegistryUrl = schemaRegistryUrl;
            this.stateDir = stateDir;
        }

        public Builder bootstrapServers(final String value) {
            this.bootstrapServers = value;
            return this;
        }

        public Builder schemaRegistryUrl(final String value) {
            this.schemaRegistryUrl = value;
            return this;
        }

        public Builder stateDir(final Path value) {
            this.stateDir = value;
            return this;
        }

        public Builder applicationId(final String value) {
            this.applicationId = value;
            return this;
        }

        public Builder httpHost(final String value) {
            this.httpHost = value;
            return this;
        }

        public Builder httpPort(final int value) {
            this.httpPort = value;
            return this;
        }

        public Builder advertisedHost(final String value) {
            this.advertisedHost = value;
            return this;
        }

        public Builder tokensFile(final Path value) {
            this.tokensFile = value;
            return this;
        }

        /**
         * Adds these properties to those given before, a later value winning for the same key. Adding, not
         * replacing: the demo sets its alert window and, when secured, its credentials in two calls, and a
         * replacing setter silently dropped the first (the demo then raised no NOT_REPORTED at all).
         */
        public Builder streamsOverrides(final Map<String, ?> value) {
            if (value != null && !value.isEmpty()) {
                final Map<String, Object> merged = new LinkedHashMap<>(streamsOverrides);
                merged.putAll(value);
                this.streamsOverrides = merged;
            }
            return this;
        }

        /** Explicit topology settings; when unset they are read from the {@code tip.*} overrides at build(). */
        public Builder topology(final TipMonitorConfig value) {
            this.topology = value;
            return this;
        }

        public AppConfig build() {
            return new AppConfig(bootstrapServers, schemaRegistryUrl, applicationId, httpHost, httpPort,
                advertisedHost, stateDir, tokensFile, streamsOverrides, topology);
        }
    }
}
