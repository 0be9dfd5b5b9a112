package org.tipmonitor.serde;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigException;

/**
 * Immutable settings of the serde and its registry client, read from a Kafka-style config map under
 * Confluent's names and with Confluent's defaults, so that a deployment can swap in Confluent's
 * serde with the same properties.
 */
public final class SerdeConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    /** Prefix of URLs that select the in-memory registry, as with Confluent's serde. */
    public static final String MOCK_URL_PREFIX = "mock://";

    /** Prefix of URLs that select the registry kept in a Kafka topic: {@code kafka://<topic>}. */
    public static final String KAFKA_URL_PREFIX = KafkaTopicSchemaRegistry.URL_PREFIX;

    private static final long DEFAULT_REQUEST_TIMEOUT_MS = 10_000L;
    /** Client settings a kafka:// registry takes from the same config map to reach the cluster. */
    private static final List<String> KAFKA_CLIENT_PREFIXES = List.of("security.", "sasl.", "ssl.", "client.dns.");

    /** Where HTTP basic-auth credentials come from. */
    public enum CredentialsSource {
        /** From the user-info part of each registry URL (http://user:pass@host); none if absent. */
        URL,
        /** From {@link #BASIC_AUTH_USER_INFO} as user:password. */
        USER_INFO
    }

    private final List<String> urls;
    private final boolean autoRegisterSchemas;
    private final boolean useLatestVersion;
    private final CredentialsSource credentialsSource;
    private final String userInfo;
    private final Duration requestTimeout;
    private final Map<String, Object> kafkaClientSettings;

    private SerdeConfig(final List<String> urls, final boolean autoRegisterSchemas, final boolean useLatestVersion,
                        final CredentialsSource credentialsSource, final String userInfo,
                        final Duration requestTimeout, final Map<String, Object> kafkaClientSettings) {
        this.urls = List.copyOf(urls);
        this.kafkaClientSettings = Map.copyOf(kafkaClientSettings);
        this.autoRegisterSchemas = autoRegisterSchemas;
        this.useLatestVersion = useLatestVersion;
        this.credentialsSource = credentialsSource;
        this.userInfo = userInfo;
        this.requestTimeout = requestTimeout;
    }

    /** Reads the settings; unknown keys are ignored because the map is usually a whole client config. */
    public static SerdeConfig from(final Map<String, ?> configs) {
        final Object rawUrl = configs.get(SCHEMA_REGISTRY_URL);
        if (rawUrl == null || rawUrl.toString().isBlank()) {
            throw new ConfigException("Missing required serde setting " + SCHEMA_REGISTRY_URL
                    + " (a comma-separated list of registry URLs, kafka://<topic> for the registry kept in a topic of"
                    + " the cluster, or mock://<scope> for an in-memory registry in unit tests).");
        }
        final List<String> urls = Arrays.stream(rawUrl.toString().split(","))
                .map(String::trim)
                .filter(url -> !url.isEmpty())
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .toList();
        final CredentialsSource source = credentialsSource(configs.get(BASIC_AUTH_CREDENTIALS_SOURCE));
        final Object rawUserInfo = configs.get(BASIC_AUTH_USER_INFO);
        final String userInfo = rawUserInfo == null || rawUserInfo.toString().isEmpty() ? null : rawUserInfo.toString();
        if (source == CredentialsSource.USER_INFO && (userInfo == null || !userInfo.contains(":"))) {
            throw new ConfigException(BASIC_AUTH_USER_INFO + " must be set to user:password when "
                    + BASIC_AUTH_CREDENTIALS_SOURCE + " is USER_INFO.");
        }
        final long timeoutMs = longValue(configs, REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS);
        if (timeoutMs <= 0) {
            throw new ConfigException(REQUEST_TIMEOUT_MS, timeoutMs, "must be positive");
        }
        return new SerdeConfig(urls,
                booleanValue(configs, AUTO_REGISTER_SCHEMAS, true),
                booleanValue(configs, USE_LATEST_VERSION, false),
                source, userInfo, Duration.ofMillis(timeoutMs),
                urls.get(0).startsWith(KAFKA_URL_PREFIX) ? kafkaClientSettings(urls.get(0), configs) : Map.of());
    }

    private static Map<String, Object> kafkaClientSettings(final String url, final Map<String, ?> configs) {
        if (url.length() == KAFKA_URL_PREFIX.length() || url.indexOf('/', KAFKA_URL_PREFIX.length()) >= 0) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url, "a kafka:// registry URL names one topic:"
                    + " kafka://<topic>, e.g. " + KAFKA_URL_PREFIX + KafkaTopicSchemaRegistry.DEFAULT_TOPIC);
        }
        final Object bootstrap = configs.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null || bootstrap.toString().isBlank()) {
            throw new ConfigException("A " + KAFKA_URL_PREFIX + " schema registry needs "
                    + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG + " in the same config, to find its topic.");
        }
        final Map<String, Object> settings = new TreeMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap.toString());
        configs.forEach((key, value) -> {
            if (value != null && KAFKA_CLIENT_PREFIXES.stream().anyMatch(key::startsWith)) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    private static CredentialsSource credentialsSource(final Object raw) {
        if (raw == null || raw.toString().isBlank()) {
            return CredentialsSource.URL;
        }
        try {
            return CredentialsSource.valueOf(raw.toString().trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, raw, "supported values are URL and USER_INFO");
        }
    }

    private static boolean booleanValue(final Map<String, ?> configs, final String key, final boolean fallback) {
        final Object raw = configs.get(key);
        if (raw == null) {
            return fallback;
        }
        if (raw instanceof Boolean bool) {
            return bool;
        }
        final String text = raw.toString().trim().toLowerCase(Locale.ROOT);
        if (!"true".equals(text) && !"false".equals(text)) {
            throw new ConfigException(key, raw, "must be true or false");
        }
        return Boolean.parseBoolean(text);
    }

    private static long longValue(final Map<String, ?> configs, final String key, final long fallback) {
        final Object raw = configs.get(key);
        if (raw == null) {
            return fallback;
        }
        if (raw instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(raw.toString().trim());
        } catch (final NumberFormatException e) {
            throw new ConfigException(key, raw, "must be a whole number of milliseconds");
        }
    }

    /** The registry URLs in the order they are tried, without trailing slashes. */
    public List<String> urls() {
        return urls;
    }

    /** Whether the first URL selects the in-memory registry. */
    public boolean isMock() {
        return urls.get(0).startsWith(MOCK_URL_PREFIX);
    }

    /** Whether the first URL selects the registry kept in a Kafka topic. */
    public boolean isKafkaTopic() {
        return urls.get(0).startsWith(KAFKA_URL_PREFIX);
    }

    /** The topic of a kafka:// URL. */
    public String kafkaTopic() {
        if (!isKafkaTopic()) {
            throw new IllegalStateException(SCHEMA_REGISTRY_URL + " is not a " + KAFKA_URL_PREFIX + " URL");
        }
        return urls.get(0).substring(KAFKA_URL_PREFIX.length());
    }

    /** For a kafka:// URL: bootstrap.servers and the security settings of the config; empty otherwise. */
    public Map<String, Object> kafkaClientSettings() {
        return kafkaClientSettings;
    }

    /** The scope name of a mock:// URL. */
    public String mockScope() {
        if (!isMock()) {
            throw new IllegalStateException(SCHEMA_REGISTRY_URL + " is not a " + MOCK_URL_PREFIX + " URL");
        }
        return urls.get(0).substring(MOCK_URL_PREFIX.length());
    }

    public boolean autoRegisterSchemas() {
        return autoRegisterSchemas;
    }

    public boolean useLatestVersion() {
        return useLatestVersion;
    }

    public CredentialsSource credentialsSource() {
        return credentialsSource;
    }

    /** user:password, present only when configured. */
    public Optional<String> userInfo() {
        return Optional.ofNullable(userInfo);
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Never shows passwords, neither from user info nor from URLs. */
    @Override
    public String toString() {
        return "SerdeConfig{urls=" + urls.stream().map(SerdeConfig::redact).toList()
                + ", autoRegisterSchemas=" + autoRegisterSchemas
                + ", useLatestVersion=" + useLatestVersion
                + ", credentialsSource=" + credentialsSource
                + ", userInfo=" + (userInfo == null ? "none" : "[hidden]")
                + ", requestTimeout=" + requestTimeout + "}";
    }

    /** A URL with any user:password part replaced, for messages and logs. */
    static String redact(final String url) {
        final int scheme = url.indexOf("://");
        final int at = url.indexOf('@');
        final int slash = url.indexOf('/', scheme + 3);
        if (scheme < 0 || at < 0 || (slash >= 0 && at > slash)) {
            return url;
        }
        return url.substring(0, scheme + 3) + "[hidden]@" + url.substring(at + 1);
    }
}
