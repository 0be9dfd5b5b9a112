package org.tipmonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Builder and lifecycle rules that need no running broker. */
class EmbeddedKafkaBrokerTest {

    @Test
    void builderRejectsNonsense() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(65_536))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().defaultPartitions(0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().startTimeout(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsThatStartAndRestartDependOnCannotBeOverridden() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().brokerConfig("node.id", "2"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().brokerConfig("log.dirs", "/tmp/x"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(EmbeddedKafkaBroker.builder().brokerConfig("log.retention.hours", "1").build()).isNotNull();
    }

    @Test
    void anUnstartedBrokerHasNoAddressAndClosesQuietly() {
        final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build();

        assertThatThrownBy(broker::bootstrapServers).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(broker::formattedOnStart).isInstanceOf(IllegalStateException.class);
        broker.close();
        broker.close();
        assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class);
    }
}
