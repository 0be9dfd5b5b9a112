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
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The SASL/SCRAM-SHA-512 users of a secured embedded broker, each with a random password (made up at start, or
 * kept from the run that formatted the broker's data, see {@link #loadOrCreate}):
 * {@value #ADMIN} (the broker itself and topic/ACL administration; super user), {@value #APP} (the Streams
 * application and its gateway), {@value #GATEWAY} (a gateway or reference loader outside the application),
 * {@value #READER} (downstream readers of the outputs) and optionally one user per reporting State
 * ({@code state-FRA}). Immutable. Client settings per user come from {@link #clientConfig}; the same settings
 * as a properties file, so that a user can connect with the Kafka tools, from {@link #writeClientProperties}.
 *
 * <p>SCRAM keeps only salted keys in the cluster metadata, so the broker never holds a clear password of a client
 * and a password never crosses the wire. The broker learns the credentials at format time ({@link #scramArguments})
 * or, on data formatted before, from an upsert ({@link #scramUpsertions}). The controller listener alone uses PLAIN
 * with {@link #controllerJaas}, for the reason given there.
 */
public final class KafkaPrincipals {

    public static final String ADMIN = "admin";
    public static final String APP = "tip-monitor";
    public static final String GATEWAY = "gateway";
    public static final String READER = "reader";
    public static final String STATE_PREFIX = "state-";
    /** The mechanism of every client-facing (and the inter-broker) connection. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    /** The mechanism of the KRaft controller listener only; see {@link #controllerJaas}. */
    public static final String CONTROLLER_MECHANISM = "PLAIN";
    public static final String PROTOCOL = "SASL_PLAINTEXT";
    /** Kafka's default and SCRAM-SHA-512's minimum; also what {@code kafka-storage format --add-scram} uses. */
    static final int SCRAM_ITERATIONS = 4096;
    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule";

    /** What a user name or password may be: what this class makes up, and safe unquoted in JAAS and SCRAM lines. */
    private static final java.util.regex.Pattern SAFE_TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9._-]+");

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

    /**
     * The users of {@link #create}, keeping the passwords stored in {@code file} by an earlier run (and every user
     * stored there), making up passwords for the others, and storing the result in {@code file} (owner-only where
     * the file system allows). A secured broker restarted on its data needs this: it checks SCRAM against the
     * credentials stored when the data was formatted, so its administrator must keep its password.
     *
     * @throws IllegalArgumentException if the file holds a user name or password this class would not make up
     */
    public static KafkaPrincipals loadOrCreate(final Path file, final Collection<String> states,
                                               final Collection<String> extra) {
        final Map<String, String> stored = readPasswords(file);
        final Map<String, String> passwords = new LinkedHashMap<>();
        final List<String> wanted = new java.util.ArrayList<>(List.of(ADMIN, APP, GATEWAY, READER));
        states.forEach(iso3 -> wanted.add(stateUser(iso3)));
        wanted.addAll(extra);
        wanted.forEach(user -> passwords.put(user, stored.getOrDefault(user, randomPassword())));
        stored.forEach(passwords::putIfAbsent);
        final KafkaPrincipals principals = new KafkaPrincipals(passwords);
        principals.writePasswords(file);
        return principals;
    }

    private static Map<String, String> readPasswords(final Path file) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        final Properties properties = new Properties();
        try (java.io.Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the Kafka users' passwords from " + file, e);
        }
        final Map<String, String> passwords = new java.util.TreeMap<>();
        for (final String user : properties.stringPropertyNames()) {
            final String password = properties.getProperty(user);
            // Both go into JAAS lines and SCRAM arguments unquoted-safe only when they are plain tokens.
            if (!SAFE_TOKEN.matcher(user).matches() || !SAFE_TOKEN.matcher(password).matches()) {
                throw new IllegalArgumentException(file + ": user '" + user + "' has a name or password outside"
                    + " [A-Za-z0-9._-]; remove the line to get a new password");
            }
            passwords.put(user, password);
        }
        return passwords;
    }

    private void writePasswords(final Path file) {
        final StringBuilder text = new StringBuilder("# Passwords of the Kafka users of the embedded broker whose"
            + " data is next to this directory.\n# Kept so that a restart on the same data logs in again; delete"
            + " the data and this file together.\n");
        passwords.forEach((user, password) -> text.append(user).append('=').append(password).append('\n'));
        writeOwnerOnly(file, text.toString());
    }

    private static void writeOwnerOnly(final Path file, final String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (final UnsupportedOperationException notPosix) {
                // Windows: the directory's own permissions apply.
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
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

    /**
     * The broker's JAAS line on its SCRAM listener: only its own login, as {@value #ADMIN}, for the connections it
     * opens to itself (inter-broker: transaction markers, for instance). The users' credentials are not here: the
     * broker checks SCRAM against the salted keys in the cluster metadata.
     */
    String brokerScramJaas() {
        return SCRAM_LOGIN + " required username=\"" + ADMIN + "\" password=\"" + passwords.get(ADMIN) + "\";";
    }

    /**
     * The JAAS line of the KRaft controller listener: PLAIN, and {@value #ADMIN} its only user, so no client user can
     * log in there. Not SCRAM, because SCRAM credentials live in the metadata log that the controllers themselves
     * serve: quorum connections (votes, fetches, and here the node's own broker registering with its controller)
     * must authenticate before that log is loaded and while no leader exists, so Kafka supports SCRAM from clients
     * and brokers, not on the quorum itself (KAFKA-15513; Confluent's SCRAM guide says the same). The password
     * therefore sits in the broker's own configuration, as {@code kafka-storage}'s users do.
     */
    String controllerJaas() {
        final String password = passwords.get(ADMIN);
        return PLAIN_LOGIN + " required username=\"" + ADMIN + "\" password=\"" + password + "\" user_" + ADMIN
            + "=\"" + password + "\";";
    }

    /** The client settings of {@value #ADMIN} on the controller listener (PLAIN; see {@link #controllerJaas}). */
    Map<String, Object> controllerClientConfig() {
        final Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, PROTOCOL);
        config.put(SaslConfigs.SASL_MECHANISM, CONTROLLER_MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, PLAIN_LOGIN + " required username=\"" + ADMIN + "\" password=\""
            + passwords.get(ADMIN) + "\";");
        return config;
    }

    /**
     * Every user's credential as {@code kafka-storage format --add-scram} takes it ({@code Formatter
     * #setScramArguments}): {@code SCRAM-SHA-512=[name=reader,iterations=4096,password=...]}. The passwords are
     * URL-safe Base64, so they hold neither the ',' nor the '"' that the parser splits on.
     */
    List<String> scramArguments() {
        return passwords.entrySet().stream().map(e -> MECHANISM + "=[name=" + e.getKey() + ",iterations="
            + SCRAM_ITERATIONS + ",password=" + e.getValue() + "]").toList();
    }

    /** Every user's credential as an upsert, for data formatted by an earlier run (other passwords, fewer users). */
    List<UserScramCredentialAlteration> scramUpsertions() {
        final ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS);
        return passwords.entrySet().stream()
            .<UserScramCredentialAlteration>map(e -> new UserScramCredentialUpsertion(e.getKey(), info, e.getValue()))
            .toList();
    }

    /** The settings a client needs to connect as {@code user}; without bootstrap.servers. */
    public Map<String, Object> clientConfig(final String user) {
        final String password = Objects.requireNonNull(passwords.get(user), () -> "no Kafka user " + user);
        final Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, PROTOCOL);
        config.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, SCRAM_LOGIN + " required username=\"" + user + "\" password=\""
            + password + "\";");
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
                    + " (written by the demo; the password lasts as long as the demo's data)\n");
                text.append("bootstrap.servers=").append(bootstrapServers).append('\n');
                clientConfig(user).forEach((key, value) -> text.append(key).append('=')
                    .append(value.toString().replace("\\", "\\\\")).append('\n'));
                writeOwnerOnly(file, text.toString());
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
