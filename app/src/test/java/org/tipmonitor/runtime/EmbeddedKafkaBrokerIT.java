package org.tipmonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Tag("integration")
class EmbeddedKafkaBrokerIT {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBrokerIT.class);
    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(30);

    /** Shared by the tests that only need a running broker, to keep the suite fast. */
    private static EmbeddedKafkaBroker shared;

    @BeforeAll
    static void startSharedBroker() {
        final long started = System.nanoTime();
        shared = EmbeddedKafkaBroker.builder().defaultPartitions(3).build().start();
        LOG.info("FIGURE cold start (start() to describeCluster answered): {} ms", millisSince(started));
    }

    @AfterAll
    static void stopSharedBroker() {
        if (shared != null) {
            shared.close();
        }
    }

    @Test
    void idempotentProducerWithAcksAllRoundTrips() throws Exception {
        final String topic = uniqueTopic("roundtrip");
        try (Admin admin = shared.admin()) {
            // No partition count given: the broker's num.partitions (3 here) applies.
            KafkaTopics.ensure(admin, List.of(new NewTopic(topic, Optional.empty(), Optional.empty())));
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(3);
        }
        final List<String> sent = IntStream.range(0, 50).mapToObj(i -> "record-" + i).collect(Collectors.toList());
        final Map<String, Object> producerConfig = shared.clientConfig();
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                 new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            for (final String value : sent) {
                producer.send(new ProducerRecord<>(topic, value, value)).get(30, TimeUnit.SECONDS);
            }
        }

        final List<String> received = consume(shared, topic, "read_committed", sent.size());

        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void readCommittedConsumerSeesOnlyCommittedTransactions() throws Exception {
        final String topic = uniqueTopic("transactions");
        createTopic(shared, topic, 1);
        final Map<String, Object> producerConfig = shared.clientConfig();
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID());
        try (KafkaProducer<String, String> producer =
                 new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
            producer.commitTransaction();
        }

        // The aborted record really reached the log: an uncommitted reader sees it.
        assertThat(consume(shared, topic, "read_uncommitted", 3))
            .containsExactly("committed-1", "aborted", "committed-2");
        // A committed reader gets to the end of the partition and sees only the committed ones.
        assertThat(consumeUntilEnd(shared, topic, "read_committed"))
            .containsExactly("committed-1", "committed-2");
    }

    @Test
    void restartOnTheSameLogDirKeepsTopicsAndRecords(@TempDir final Path dir) throws Exception {
        final Path logDir = dir.resolve("kafka");
        final String topic = uniqueTopic("durable");
        final String clusterId;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().logDir(logDir).build().start()) {
            assertThat(first.formattedOnStart()).isTrue();
            clusterId = first.clusterId();
            createTopic(first, topic, 2);
            final Map<String, Object> producerConfig = first.clientConfig();
            producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "a", "before-restart-1")).get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(topic, "b", "before-restart-2")).get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(logDir).as("a log dir the caller gave is kept by default").isDirectory();

        final long restarted = System.nanoTime();
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().logDir(logDir).build().start()) {
            LOG.info("FIGURE restart on existing data (start() to describeCluster answered): {} ms",
                millisSince(restarted));
            assertThat(second.formattedOnStart()).isFalse();
            assertThat(second.clusterId()).isEqualTo(clusterId);
            try (Admin admin = second.admin()) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
            }
            assertThat(consume(second, topic, "read_committed", 2))
                .containsExactlyInAnyOrder("before-restart-1", "before-restart-2");
        }
    }

    @Test
    void deleteOnCloseRemovesAGivenLogDir(@TempDir final Path dir) {
        final Path logDir = dir.resolve("throwaway");
        try (EmbeddedKafkaBroker broker =
                 EmbeddedKafkaBroker.builder().logDir(logDir).deleteOnClose(true).build().start()) {
            assertThat(broker.logDir()).isEqualTo(logDir.toAbsolutePath());
            assertThat(logDir.resolve("meta.properties")).isRegularFile();
        }
        assertThat(logDir).doesNotExist();
    }

    @Test
    void twoBrokersRunSideBySideAndCloseRemovesTheTempDir() throws Exception {
        final String topic = uniqueTopic("only-on-second");
        final Path tempDir;
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().build().start()) {
            tempDir = second.logDir();
            assertThat(tempDir).isDirectory();
            assertThat(second.port()).isNotEqualTo(shared.port());
            assertThat(second.clusterId()).isNotEqualTo(shared.clusterId());

            createTopic(second, topic, 1);
            try (Admin onShared = shared.admin(); Admin onSecond = second.admin()) {
                assertThat(onSecond.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
                assertThat(onShared.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(topic);
            }
        }
        assertThat(tempDir).doesNotExist();
        // The first broker is unaffected by the second one's shutdown.
        try (Admin admin = shared.admin()) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void startFailsClearlyWhenTheGivenPortIsTaken() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .port(squatter.getLocalPort())
                .startTimeout(Duration.ofSeconds(20))
                .build();

            assertThatThrownBy(broker::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not start on 127.0.0.1:" + squatter.getLocalPort())
                .hasMessageContaining("Address already in use");
            assertThatThrownBy(broker::bootstrapServers).isInstanceOf(IllegalStateException.class);
            assertThat(broker.logDir()).as("the temp dir of a failed start is removed").doesNotExist();
            broker.close();
        }
    }

    @Test
    void aBrokerStartsOnlyOnce() {
        assertThatThrownBy(shared::start)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("starts once");
    }

    private static String uniqueTopic(final String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void createTopic(final EmbeddedKafkaBroker broker, final String topic, final int partitions)
        throws Exception {
        try (Admin admin = broker.admin()) {
            // ensure() also waits until the broker lists the topic, which createTopics alone does not.
            KafkaTopics.ensure(admin, List.of(new NewTopic(topic, partitions, (short) 1)));
        }
    }

    /** Reads from the beginning with a fresh group until {@code expected} records arrived or time ran out. */
    private static List<String> consume(final EmbeddedKafkaBroker broker, final String topic,
                                        final String isolation, final int expected) {
        final List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(broker, isolation)) {
            consumer.subscribe(List.of(topic));
            final long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    /**
     * Reads everything up to the end offsets as seen at the start (for read_committed, the last stable
     * offsets), so a record that should be hidden has had every chance to show up.
     */
    private static List<String> consumeUntilEnd(final EmbeddedKafkaBroker broker, final String topic,
                                                final String isolation) {
        final List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(broker, isolation)) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline
                && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            assertThat(partitions).allMatch(tp -> consumer.position(tp) >= end.get(tp));
        }
        return values;
    }

    private static KafkaConsumer<String, String> consumer(final EmbeddedKafkaBroker broker, final String isolation) {
        final Map<String, Object> config = broker.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static long millisSince(final long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
