package org.tipmonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaPrincipalsTest {

    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";

    @Test
    void everyUserConnectsWithScramSha512() {
        final KafkaPrincipals users = KafkaPrincipals.create(List.of("fra"), List.of("nobody"));
        assertThat(users.users()).containsExactly("admin", "tip-monitor", "gateway", "reader", "state-FRA", "nobody");
        for (final String user : users.users()) {
            final Map<String, Object> config = users.clientConfig(user);
            assertThat(config).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
            assertThat((String) config.get("sasl.jaas.config"))
                .startsWith(SCRAM_LOGIN + " required username=\"" + user + "\" password=\"");
        }
    }

    @Test
    void theClientPropertiesFilesSayScramSha512AndAreTheOwnersOnly(@TempDir final Path dir) throws Exception {
        final KafkaPrincipals users = KafkaPrincipals.create(List.of("FRA"), List.of());
        final Map<String, Path> files = users.writeClientProperties(dir, "127.0.0.1:9092");
        assertThat(files).containsOnlyKeys(users.users());
        for (final Map.Entry<String, Path> file : files.entrySet()) {
            final Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file.getValue(), StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            assertThat(properties.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
            assertThat(properties.getProperty("sasl.jaas.config"))
                .isEqualTo(users.clientConfig(file.getKey()).get("sasl.jaas.config"));
            assertThat(Files.getPosixFilePermissions(file.getValue()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(Files.readString(files.get("state-FRA"))).contains("ReporterCountryInterceptor");
    }

    @Test
    void storedPasswordsAreKeptAndNewUsersGetTheirOwn(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("clients/users.passwords");
        final KafkaPrincipals first = KafkaPrincipals.loadOrCreate(file, List.of("FRA"), List.of());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        final KafkaPrincipals second = KafkaPrincipals.loadOrCreate(file, List.of("DEU"), List.of());
        assertThat(second.users()).containsExactly("admin", "tip-monitor", "gateway", "reader", "state-DEU",
            "state-FRA");
        for (final String user : first.users()) {
            assertThat(second.clientConfig(user)).isEqualTo(first.clientConfig(user));
        }
        assertThat(KafkaPrincipals.loadOrCreate(file, List.of(), List.of()).users()).isEqualTo(second.users());
    }

    @Test
    void aStoredPasswordThatCouldInjectIntoAJaasLineIsRefused(@TempDir final Path dir) throws Exception {
        final Path file = Files.writeString(dir.resolve("users.passwords"),
            "reader=x\" user_admin=\"known\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KafkaPrincipals.loadOrCreate(file, List.of(), List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reader");
        Files.writeString(file, "reader=a,b\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KafkaPrincipals.loadOrCreate(file, List.of(), List.of()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFormatterGetsOneScramSha512CredentialPerUser() {
        final KafkaPrincipals users = KafkaPrincipals.create(List.of("FRA"), List.of());
        assertThat(users.scramArguments()).hasSize(users.users().size())
            .allSatisfy(argument -> assertThat(argument).matches("SCRAM-SHA-512=\\[name=[a-zA-Z-]+,iterations=4096,"
                + "password=[A-Za-z0-9_-]{24}]"));
        assertThat(users.scramUpsertions()).extracting(upsert -> upsert.user()).isEqualTo(users.users());
    }

    @Test
    void onlyTheAdministratorMayLogInOnTheControllerListener() {
        final KafkaPrincipals users = KafkaPrincipals.create(List.of("FRA"), List.of());
        assertThat(users.controllerJaas()).startsWith("org.apache.kafka.common.security.plain.PlainLoginModule ")
            .contains("user_admin=").doesNotContain("user_reader", "user_state-FRA", "user_tip-monitor");
        assertThat(users.brokerScramJaas()).startsWith(SCRAM_LOGIN + " required username=\"admin\"")
            .doesNotContain("user_");
    }
}
