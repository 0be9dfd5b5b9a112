package org.tipmonitor.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.Addressing;
import org.tipmonitor.topology.channels.Topics;

/**
 * End-to-end latency under a steady load: submissions are sent at a fixed rate, each with its own submittedAt
 * (the timestamp the application gives every record it derives from the submission), and the time from the send to
 * the first change of the per-country table stamped with that submittedAt is recorded.
 */
final class LatencyProbe {

    private LatencyProbe() {
    }

    /** Latencies in ms, and how many probes were sent and seen. */
    record Result(Stats latenciesMs, int sent, int seen, double rate) {
    }

    static Result run(final Map<String, Object> clientConfig, final Serializer<Submission> serializer,
                      final List<Recommendation> recommendations, final List<Country> countries,
                      final double ratePerSecond, final Duration duration) throws Exception {
        final List<Recommendation> forStates = recommendations.stream().filter(Addressing::isStateAddressed).toList();
        final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        final Stats latencies = new Stats();
        final Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final Map<String, Object> producerConfig = new HashMap<>(clientConfig);
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        final AtomicBoolean sending = new AtomicBoolean(true);
        final int[] sent = {0};
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                 new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                 new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.COMPLIANCE_BY_COUNTRY.name())
                .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            final long base = System.currentTimeMillis() - 3_600_000L;
            final Thread sender = new Thread(() -> {
                final Random random = new Random(7);
                final long intervalNanos = (long) (1e9 / ratePerSecond);
                final long start = System.nanoTime();
                final long end = start + duration.toNanos();
                int i = 0;
                while (System.nanoTime() < end) {
                    final long due = start + i * intervalNanos;
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                    final long submittedAt = base + i;
                    final String country = countries.get(random.nextInt(countries.size())).getIso3();
                    final List<Response> responses = new ArrayList<>();
                    final int offset = random.nextInt(forStates.size());
                    for (int r = 0; r < Math.min(5, forStates.size()); r++) {
                        responses.add(Response.newBuilder()
                            .setRecommendationId(forStates.get((offset + r) % forStates.size()).getId())
                            .setStatus(ImplementationStatus.values()[random.nextInt(6)]).build());
                    }
                    final Submission submission = Submission.newBuilder()
                        .setSubmissionId("probe-" + submittedAt)
                        .setReporter(Reporter.newBuilder().setType(ReporterType.STATE).setCountry(country).build())
                        .setSubmittedAt(Instant.ofEpochMilli(submittedAt))
                        .setResponses(responses)
                        .build();
                    sentAt.put(submittedAt, System.nanoTime());
                    producer.send(new ProducerRecord<>(Topics.SUBMISSIONS.name(), submission.getSubmissionId(),
                        serializer.serialize(Topics.SUBMISSIONS.name(), submission)));
                    i++;
                }
                sent[0] = i;
                producer.flush();
                sending.set(false);
            }, "bench-latency-sender");
            sender.start();
            final long drainUntil = System.nanoTime() + duration.toNanos() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < drainUntil && (sending.get() || !sentAt.isEmpty())) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                    final Long at = sentAt.remove(record.timestamp());
                    if (at != null) {
                        latencies.add((System.nanoTime() - at) / 1e6);
                    }
                }
            }
            sender.join();
            return new Result(latencies, sent[0], latencies.count(), ratePerSecond);
        }
    }
}
