package org.tipmonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.tipmonitor.topology.channels.Topic;
import org.tipmonitor.topology.channels.Topics;

class KafkaTopicsTest {

    @Test
    void everyTopicIsDeclaredOnce() {
        final List<String> names = Topics.ALL.stream().map(Topic::name).collect(Collectors.toList());

        assertThat(names).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void tablesAreCompactedAndLogsAreDeleted() {
        assertThat(policyOf(Topics.SUBMISSIONS)).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
        assertThat(policyOf(Topics.REJECTED)).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
        for (final Topic<?> table : List.of(Topics.RECOMMENDATIONS, Topics.COUNTRIES, Topics.CELLS,
            Topics.COMPLIANCE_BY_RECOMMENDATION, Topics.COMPLIANCE_BY_COUNTRY,
            Topics.COMPLIANCE_BY_REGION, Topics.COMPLIANCE_BY_THEME, Topics.ALERTS,
            Topics.REPORT_GLOTIP, Topics.REPORT_IMPLEMENTATION)) {
            assertThat(policyOf(table)).as(table.name()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void onlyRejectionsOverrideRetention() {
        for (final Topic<?> topic : Topics.ALL) {
            final String retention = topic.configs().get(TopicConfig.RETENTION_MS_CONFIG);
            if (topic.equals(Topics.REJECTED)) {
                assertThat(Long.parseLong(retention)).isEqualTo(Topics.REJECTED_RETENTION.toMillis());
            } else {
                assertThat(retention).as(topic.name()).isNull();
            }
        }
    }

    @Test
    void allAsksForTheGivenPartitionCountAndTheBrokerDefaultReplication() {
        final List<NewTopic> topics = KafkaTopics.all(6);

        assertThat(topics).hasSize(Topics.ALL.size());
        assertThat(topics).allSatisfy(topic -> {
            assertThat(topic.numPartitions()).isEqualTo(6);
            assertThat(topic.replicationFactor()).isEqualTo((short) -1);
            assertThat(topic.configs()).isEqualTo(Topics.named(topic.name()).orElseThrow().configs());
        });
        assertThatThrownBy(() -> KafkaTopics.all(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReplicatedClusterGetsTheReplicationFactorAskedFor() {
        assertThat(KafkaTopics.all(2, Optional.of((short) 3)))
            .hasSize(Topics.ALL.size())
            .allSatisfy(topic -> assertThat(topic.replicationFactor()).isEqualTo((short) 3));
        assertThatThrownBy(() -> KafkaTopics.all(2, Optional.of((short) 0)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namedLooksUpByName() {
        assertThat(Topics.named(Topics.CELLS.name())).map(Topic::cleanup).contains(Topic.Cleanup.COMPACT);
        assertThat(Topics.named("no.such.topic")).isEqualTo(Optional.empty());
    }

    private static String policyOf(final Topic<?> topic) {
        return topic.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG);
    }
}
