package org.tipmonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.tipmonitor.compliance.TopicNames;

class KafkaTopicsTest {

    @Test
    void everyTopicNameConstantHasExactlyOneSpec() throws IllegalAccessException {
        final List<String> constants = new ArrayList<>();
        for (final Field field : TopicNames.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                constants.add((String) field.get(null));
            }
        }
        final List<String> specNames = KafkaTopics.SPECS.stream().map(KafkaTopics.TopicSpec::name)
            .collect(Collectors.toList());

        assertThat(constants).hasSize(11);
        assertThat(specNames).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(constants);
    }

    @Test
    void tablesAreCompactedAndLogsAreDeleted() {
        assertThat(policyOf(TopicNames.SUBMISSIONS)).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
        assertThat(policyOf(TopicNames.REJECTED)).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
        for (final String table : List.of(TopicNames.RECOMMENDATIONS, TopicNames.COUNTRIES, TopicNames.CELLS,
            TopicNames.COMPLIANCE_BY_RECOMMENDATION, TopicNames.COMPLIANCE_BY_COUNTRY,
            TopicNames.COMPLIANCE_BY_REGION, TopicNames.COMPLIANCE_BY_THEME, TopicNames.ALERTS,
            TopicNames.REPORT_GLOTIP)) {
            assertThat(policyOf(table)).as(table).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void onlyRejectionsOverrideRetention() {
        for (final KafkaTopics.TopicSpec spec : KafkaTopics.SPECS) {
            final String retention = spec.configs().get(TopicConfig.RETENTION_MS_CONFIG);
            if (spec.name().equals(TopicNames.REJECTED)) {
                assertThat(Long.parseLong(retention)).isEqualTo(KafkaTopics.REJECTED_RETENTION.toMillis());
            } else {
                assertThat(retention).as(spec.name()).isNull();
            }
        }
    }

    @Test
    void allAsksForTheGivenPartitionCountAndTheBrokerDefaultReplication() {
        final List<NewTopic> topics = KafkaTopics.all(6);

        assertThat(topics).hasSize(KafkaTopics.SPECS.size());
        assertThat(topics).allSatisfy(topic -> {
            assertThat(topic.numPartitions()).isEqualTo(6);
            assertThat(topic.replicationFactor()).isEqualTo((short) -1);
            assertThat(topic.configs()).isEqualTo(KafkaTopics.spec(topic.name()).orElseThrow().configs());
        });
        assertThatThrownBy(() -> KafkaTopics.all(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void specLooksUpByName() {
        assertThat(KafkaTopics.spec(TopicNames.CELLS)).map(KafkaTopics.TopicSpec::retention)
            .contains(KafkaTopics.Retention.COMPACT);
        assertThat(KafkaTopics.spec("no.such.topic")).isEqualTo(Optional.empty());
    }

    private static String policyOf(final String topic) {
        return KafkaTopics.spec(topic).orElseThrow().configs().get(TopicConfig.CLEANUP_POLICY_CONFIG);
    }
}
