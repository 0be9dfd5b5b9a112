package org.tipmonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tipmonitor.topology.channels.Topic;
import org.tipmonitor.topology.channels.Topics;

@Tag("integration")
class KafkaTopicsIT {

    private static final Set<String> COMPACTED = Set.of(
        Topics.RECOMMENDATIONS.name(), Topics.COUNTRIES.name(), Topics.CELLS.name(),
        Topics.COMPLIANCE_BY_RECOMMENDATION.name(), Topics.COMPLIANCE_BY_COUNTRY.name(),
        Topics.COMPLIANCE_BY_REGION.name(), Topics.COMPLIANCE_BY_THEME.name(),
        Topics.ALERTS.name(), Topics.REPORT_GLOTIP.name(), Topics.REPORT_IMPLEMENTATION.name());

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        admin = broker.admin();
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void ensureCreatesEveryProjectTopicWithItsConfigsAndIsIdempotent() throws Exception {
        // A topic that already exists with another shape must be left alone.
        admin.createTopics(List.of(new NewTopic(Topics.ALERTS.name(), 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
            .all().get(30, TimeUnit.SECONDS);

        final Set<String> created = KafkaTopics.ensure(admin, KafkaTopics.all(3));

        final Set<String> allNames = Topics.ALL.stream().map(Topic::name)
            .collect(Collectors.toSet());
        assertThat(created).hasSize(allNames.size() - 1).doesNotContain(Topics.ALERTS.name());
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(allNames);

        final Map<String, TopicDescription> descriptions =
            admin.describeTopics(allNames).allTopicNames().get(30, TimeUnit.SECONDS);
        for (final String name : created) {
            assertThat(descriptions.get(name).partitions()).as(name).hasSize(3);
        }
        assertThat(descriptions.get(Topics.ALERTS.name()).partitions()).hasSize(1);

        final Map<String, Config> configs = describeConfigs(allNames);
        for (final String name : allNames) {
            final String expectedPolicy = COMPACTED.contains(name)
                ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
            assertThat(configs.get(name).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(name)
                .isEqualTo(expectedPolicy);
        }
        assertThat(configs.get(Topics.REJECTED.name()).get(TopicConfig.RETENTION_MS_CONFIG).value())
            .isEqualTo(Long.toString(Duration.ofDays(365).toMillis()));
        assertThat(configs.get(Topics.SUBMISSIONS.name()).get(TopicConfig.RETENTION_MS_CONFIG).isDefault()).isTrue();

        // Second call: nothing to do, nothing thrown, nothing changed.
        assertThat(KafkaTopics.ensure(admin, KafkaTopics.all(3))).isEmpty();
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(allNames);
    }

    @Test
    void concurrentEnsureCallsEachSucceedAndCreateEveryTopicExactlyOnce() throws Exception {
        final List<NewTopic> topics = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            topics.add(new NewTopic("race-" + i, 1, (short) 1));
        }
        final ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            final Callable<Set<String>> ensure = () -> KafkaTopics.ensure(admin, topics);
            final List<Future<Set<String>>> results = pool.invokeAll(List.of(ensure, ensure, ensure));
            final Set<String> union = new HashSet<>();
            int total = 0;
            for (final Future<Set<String>> result : results) {
                final Set<String> createdByThisCall = result.get(60, TimeUnit.SECONDS);
                total += createdByThisCall.size();
                union.addAll(createdByThisCall);
            }
            assertThat(union).hasSize(topics.size());
            assertThat(total).as("a topic reported as created by two callers").isEqualTo(topics.size());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Config> describeConfigs(final Set<String> topics) throws Exception {
        final List<ConfigResource> resources = topics.stream()
            .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
            .collect(Collectors.toList());
        return admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS).entrySet().stream()
            .collect(Collectors.toMap(entry -> entry.getKey().name(), Map.Entry::getValue));
    }
}
