package org.tipmonitor.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The SASL/PLAIN users of a secured embedded broker, each with a random password made up at start:
 * {@value #ADMIN} (the broker itself and topic/ACL administration; super user), {@value #APP} (the Streams
 * application and its gateway), {@value #GATEWAY} (a gateway or reference loader outside the application),
 * {@value #READER} (downstream readers of the outputs) and optionally one user per reporting State
 * ({@code state-FRA}). Immutable. Client settings per user come from {@link #clientConfig}; the same settings
 * as a properties file, so that a user can connect with the Kafka tools, from {@link #writeClientProperties}.
 */
public final class KafkaPrincipals {

    public static final String ADMIN = "admin";
    public static final String APP = "tip-monitor";
    public static final String GATEWAY = "gateway";
    public static final String READER = "reader";
    public static final String STATE_PREFIX = "state-";
    public static final String MECHANISM = "PLAIN";
    public static final String PROTOCOL = "SASL_PLAINTEXT";

    private final Map<String, String> passwords;

    private KafkaPrincipals(final Map<String, String> passwords) {
        // Insertion order: the banner and the files list users as they were made up.
        this.passwords = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
    }

    /**
     * @param states ISO3 codes of the States that get their own user
     * @param extra  further users without any grant (tests: "a principal without a grant")
     */
    public static KafkaPrincipals create(final Collection<String> states, final Collection<String> extra) {
        final Map<String, String> passwords = new LinkedHashMap<>();
        for (final String user : List.of(ADMIN, APP, GATEWAY, READER)) {
            passwords.put(user, randomPassword());
        }
        states.forEach(iso3 -> passwords.put(stateUser(iso3), randomPassword()));
        extra.forEach(user -> passwords.put(user, randomPassword()));
        return new KafkaPrincipals(passwords);
    }

    public static String stateUser(final String iso3) {
        return STATE_PREFIX + iso3.toUpperCase(Locale.ROOT);
    }

    public List<String> users() {
        return List.copyOf(passwords.keySet());
    }

    /** ISO3 codes of the States with their own user. */
    public List<String> states() {
        return passwords.keySet().stream().filter(user -> user.startsWith(STATE_PREFIX))
            .map(user -> user.substring(STATE_PREFIX.length())).toList();
    }

    /** The broker's JAAS line for a listener: its own login as admin, and every user's password. */
    String brokerJaas() {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
            + "\" password=\"" + passwords.get(ADMIN) + "\" "
            + passwords.entrySet().stream().map(e -> "user_" + e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(" ")) + ";";
    }

    /** The settings a client needs to connect as {@code user}; without bootstrap.servers. */
    public Map<String, Object> clientConfig(final String user) {
        final String password = Objects.requireNonNull(passwords.get(user), () -> "no Kafka user " + user);
        final Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, PROTOCOL);
        config.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"" + user + "\" password=\"" + password + "\";");
        if (user.startsWith(STATE_PREFIX)) {
            // A State's producer declares its country on every record; the topology checks it.
            config.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, ReporterCountryInterceptor.class.getName());
            config.put(ReporterCountryInterceptor.COUNTRY_CONFIG, user.substring(STATE_PREFIX.length()));
        }
        return config;
    }

    /**
     * Writes {@code <dir>/<user>.properties} for every user, readable by the owner only where the file system
     * allows it; returns the files by user.
     */
    public Map<String, Path> writeClientProperties(final Path dir, final String bootstrapServers) {
        final Map<String, Path> files = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            for (final String user : passwords.keySet()) {
                final Path file = dir.resolve(user + ".properties");
                final StringBuilder text = new StringBuilder("# Kafka client settings of user " + user
                    + " (made up by this run of the demo)\n");
                text.append("bootstrap.servers=").append(bootstrapServers).append('\n');
                clientConfig(user).forEach((key, value) -> text.append(key).append('=')
                    .append(value.toString().replace("\\", "\\\\")).append('\n'));
                Files.writeString(file, text, StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (final UnsupportedOperationException notPosix) {
                    // Windows: the directory's own permissions apply.
                }
                files.put(user, file);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the client properties under " + dir, e);
        }
        return files;
    }

    private static String randomPassword() {
        final byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @Override
    public String toString() {
        return "KafkaPrincipals" + passwords.keySet();
    }
}
