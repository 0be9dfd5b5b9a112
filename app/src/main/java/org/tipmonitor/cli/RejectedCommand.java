package org.tipmonitor.cli;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.topology.channels.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tip-monitor rejected list|replay}: the dead letters of tip.submissions.rejected, listed, or re-sent
 * as the raw bytes they arrived with to tip.submissions (for instance after a schema registry was
 * restored). Replaying is safe to repeat: the topology applies a submission id once per reporter, so a record that
 * was already applied is not applied again.
 */
@Command(name = "rejected",
    mixinStandardHelpOptions = true,
    description = "List or replay the dead letters of tip.submissions.rejected.",
    subcommands = {RejectedCommand.ListRejected.class, RejectedCommand.Replay.class})
final class RejectedCommand implements Runnable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "a command is required: " + String.join(", ", spec.subcommands().keySet()));
    }

    /** Where the dead letters are, and since when (a picocli mixin of both subcommands). */
    static final class Selection {
        @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers.")
        private String bootstrapServers;

        @Option(names = "--schema-registry-url", required = true, paramLabel = "URL",
            description = "Schema registry the dead letters were written with (Confluent API URL, or kafka://_schemas"
                + " for the demo's registry topic).")
        private String schemaRegistryUrl;

        @Option(names = "--client-config", paramLabel = "FILE",
            description = "Properties file with further Kafka client and registry settings.")
        private Path clientConfig;

        @Option(names = "--since", paramLabel = "TIME",
            description = "Only dead letters rejected at or after this instant (2026-11-30T12:00:00Z) or day"
                + " (2026-11-30, UTC).")
        private String since;

        Map<String, Object> clientConfig() {
            return ClientSettings.clientConfig(bootstrapServers, clientConfig);
        }

        Instant sinceInstant() {
            if (since == null) {
                return Instant.EPOCH;
            }
            try {
                return since.length() == 10 ? LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(since);
            } catch (final DateTimeParseException e) {
                throw new IllegalArgumentException("--since must be an instant like 2026-11-30T12:00:00Z or a day"
                    + " like 2026-11-30, not '" + since + "'");
            }
        }
    }

    /** {@code rejected list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
        description = "One line per dead letter: when, reason, where it was read, submission id, message;"
            + " then the count per reason.")
    static final class ListRejected implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Selection selection;

        @Option(names = "--reason", paramLabel = "REASON", description = "Only this reason, e.g. UNKNOWN_SCHEMA_ID.")
        private RejectionReason reason;

        @Override
        public Integer call() {
            final PrintWriter out = spec.commandLine().getOut();
            final List<Rejection> chosen = read(selection, reason);
            final Map<RejectionReason, Integer> counts = new TreeMap<>();
            for (final Rejection rejection : chosen) {
                out.println(describe(rejection));
                counts.merge(rejection.getReason(), 1, Integer::sum);
            }
            out.println(chosen.size() + " dead letter(s)" + (counts.isEmpty() ? "" : ": " + counts));
            out.flush();
            return 0;
        }
    }

    /** {@code rejected replay}. */
    @Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-send the raw key and value of the chosen dead letters to tip.submissions.",
            "Per-response rejections carry no raw record and are skipped. Safe to repeat: a submission id is applied"
                + " once per reporter."})
    static final class Replay implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private Selection selection;

        @Option(names = "--reason", required = true, paramLabel = "REASON",
            description = "Replay the dead letters of this reason, e.g. UNKNOWN_SCHEMA_ID.")
        private RejectionReason reason;

        @Override
        public Integer call() throws InterruptedException, ExecutionException {
            final PrintWriter out = spec.commandLine().getOut();
            final List<Rejection> chosen = read(selection, reason);
            final Map<String, Object> settings = new HashMap<>(selection.clientConfig());
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, "tip-monitor-replay");
            int skipped = 0;
            final List<Future<RecordMetadata>> sent = new ArrayList<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
                new ByteArraySerializer())) {
                for (final Rejection rejection : chosen) {
                    if (rejection.getRawValue() == null) {
                        skipped++;
                        continue;
                    }
                    sent.add(producer.send(new ProducerRecord<>(Topics.SUBMISSIONS.name(),
                        bytes(rejection.getRawKey()), bytes(rejection.getRawValue()))));
                }
                producer.flush();
                for (final Future<RecordMetadata> acknowledged : sent) {
                    acknowledged.get();
                }
            }
            out.println("replayed " + sent.size() + " dead letter(s) of reason " + reason + " to "
                + Topics.SUBMISSIONS.name() + (skipped == 0 ? "" : "; skipped " + skipped
                + " per-response rejection(s) without a raw record"));
            out.flush();
            return 0;
        }
    }

    private static byte[] bytes(final ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        final ByteBuffer copy = buffer.duplicate();
        final byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    /** Every committed dead letter of the topic, in partition order, of the reason (any if null) and time. */
    static List<Rejection> read(final Selection selection, final RejectionReason reason) {
        final Instant since = selection.sinceInstant();
        final Map<String, Object> clientConfig = selection.clientConfig();
        final Deserializer<Rejection> values = ClientSettings.serdes(clientConfig, selection.schemaRegistryUrl)
            .value(Rejection.class).deserializer();
        final Map<String, Object> settings = new HashMap<>(clientConfig);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "tip-monitor-rejected");
        final List<Rejection> chosen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final PartitionInfo info : consumer.partitionsFor(Topics.REJECTED.name(), READ_TIMEOUT)) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            while (partitions.stream().anyMatch(p -> consumer.position(p, READ_TIMEOUT) < ends.get(p))) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    final Rejection rejection = values.deserialize(record.topic(), record.value());
                    if (rejection != null && (reason == null || rejection.getReason() == reason)
                        && !rejection.getRejectedAt().isBefore(since)) {
                        chosen.add(rejection);
                    }
                }
            }
        }
        return chosen;
    }

    private static String describe(final Rejection rejection) {
        final String source = rejection.getSourceTopic() == null ? "-"
            : rejection.getSourceTopic() + "/" + rejection.getSourcePartition() + "@" + rejection.getSourceOffset();
        return String.join("  ", rejection.getRejectedAt().toString(), rejection.getReason().toString(), source,
            rejection.getSubmissionId() == null ? "-" : rejection.getSubmissionId(),
            rejection.getRawValue() == null ? "response" : "record",
            rejection.getMessage().replace('\n', ' '));
    }
}
