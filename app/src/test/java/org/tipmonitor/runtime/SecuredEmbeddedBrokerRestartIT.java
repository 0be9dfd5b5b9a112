package org.tipmonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secured embedded broker on data formatted before: with the stored passwords everyone logs in with SCRAM-SHA-512
 * again, a user added since (a new demo State) too; with another administrator password, or on data formatted
 * without security, the start fails and says why (a broker checks SCRAM only against credentials in its data).
 */
@Tag("integration")
class SecuredEmbeddedBrokerRestartIT {

    @Test
    void aRestartWithTheStoredPasswordsLogsEveryoneInAndANewStateToo(@TempDir final Path dir) throws Exception {
        final Path passwords = dir.resolve("clients/users.passwords");
        final Path data = dir.resolve("kafka");
        final KafkaPrincipals first = KafkaPrincipals.loadOrCreate(passwords, List.of("FRA"), List.of());
        try (EmbeddedKafkaBroker broker = securedOn(data, first)) {
            assertThat(broker.formattedOnStart()).isTrue();
            for (final String user : first.users()) {
                assertLogsIn(broker, broker.clientConfigOf(user));
            }
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }

        final KafkaPrincipals second = KafkaPrincipals.loadOrCreate(passwords, List.of("FRA", "DEU"), List.of());
        assertThat(second.users()).containsAll(first.users()).contains(KafkaPrincipals.stateUser("DEU"));
        try (EmbeddedKafkaBroker broker = securedOn(data, second)) {
            assertThat(broker.formattedOnStart()).isFalse();
            // state-DEU was not in the data: its credential was added at this start, as the super user.
            for (final String user : second.users()) {
                assertLogsIn(broker, broker.clientConfigOf(user));
            }
            try (Admin admin = broker.admin()) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
            }
            final Map<String, Object> wrongPassword = broker.clientConfigOf(KafkaPrincipals.stateUser("DEU"));
            wrongPassword.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"state-DEU\" password=\"guess\";");
            assertRefused(wrongPassword);
        }
    }

    @Test
    void aRestartWithAnotherAdministratorPasswordFailsClearly(@TempDir final Path dir) {
        try (EmbeddedKafkaBroker broker = securedOn(dir, KafkaPrincipals.create(List.of(), List.of()))) {
            assertThat(broker.formattedOnStart()).isTrue();
        }
        assertThatThrownBy(() -> securedOn(dir, KafkaPrincipals.create(List.of(), List.of())))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("refuses the administrator's SCRAM password")
            .hasMessageContaining(dir.toString());
    }

    @Test
    void dataFormattedWithoutSecurityCannotStartSecuredAndSaysWhy(@TempDir final Path dir) {
        try (EmbeddedKafkaBroker open = EmbeddedKafkaBroker.builder().logDir(dir).deleteOnClose(false).build()
            .start()) {
            assertThat(open.principals()).isEmpty();
        }
        assertThatThrownBy(() -> securedOn(dir, KafkaPrincipals.create(List.of("FRA"), List.of())))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("without security");
    }

    private static EmbeddedKafkaBroker securedOn(final Path dir, final KafkaPrincipals users) {
        return EmbeddedKafkaBroker.builder().secured(users).logDir(dir).deleteOnClose(false).build().start();
    }

    /** Logging in is all a user without grants can do; describeCluster needs no grant. */
    private static void assertLogsIn(final EmbeddedKafkaBroker broker, final Map<String, Object> config)
        throws Exception {
        assertThat(config).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        try (Admin admin = Admin.create(config)) {
            assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).as(config.toString())
                .isEqualTo(broker.clusterId());
        }
    }

    private static void assertRefused(final Map<String, Object> config) {
        final Map<String, Object> quick = new HashMap<>(config);
        quick.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        quick.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(quick)) {
            final var refusal = assertThatThrownBy(() -> admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS));
            if (config.containsKey("sasl.mechanism")) {
                refusal.hasCauseInstanceOf(SaslAuthenticationException.class);
            } else {
                // Anonymous: the broker drops a connection that does not start a SASL handshake; the call times out.
                refusal.isInstanceOfAny(java.util.concurrent.ExecutionException.class,
                    java.util.concurrent.TimeoutException.class);
            }
        }
    }
}
