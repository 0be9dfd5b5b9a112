package org.tipmonitor.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.LoggerFactory;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.bench.InMemoryAggregation.Table;
import org.tipmonitor.compliance.ReferenceData;
import org.tipmonitor.topology.channels.StateStores;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.channels.Topics;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.reference.Countries;
import org.tipmonitor.runtime.AppConfig;
import org.tipmonitor.runtime.EmbeddedKafkaBroker;
import org.tipmonitor.runtime.KafkaTopics;
import org.tipmonitor.runtime.ReferencePublisher;
import org.tipmonitor.runtime.RestoreProgress;
import org.tipmonitor.runtime.TipMonitorApp;
import org.tipmonitor.serde.SerdeConfig;

/**
 * The benchmark of tip-monitor: one run on the in-JVM broker that measures the produce rate, two baselines (a plain
 * consumer that decodes the topic; the same aggregation in one thread in memory), the application itself under
 * exactly-once and at-least-once with one and two stream threads, end-to-end latency at half the measured
 * throughput, query latency under concurrent clients, restore after a wipe of the local state, and memory. Every
 * speed figure is printed with a ratio against a baseline of the same run, as median (min - max) over repeats.
 *
 * <p>{@code java -jar bench/target/bench.jar [--size X] [--repeats N] [--catalogue N] [--quick]}
 */
public final class Bench {

    private static final String REGISTRY = "mock://bench";
    private static final int PARTITIONS = 3;
    private static final int DEFAULT_SUBMISSIONS = 20_000;
    /** Submissions per second of the light-load latency probe: a busy reporting day of all States at once. */
    private static final double LIGHT_LOAD = 10;

    private final Options options;
    private final PrintStream out;

    private Bench(final Options options, final PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Command-line options. */
    record Options(double size, int repeats, int appRepeats, int catalogue, boolean latency, boolean queries,
                   boolean restore, List<AppRun.Setup> setups, Duration latencyDuration, Duration queryDuration,
                   Map<String, Object> streamsOverrides) {

        static Options parse(final String[] args) {
            double size = 1;
            int repeats = 3;
            // One application run per setting by default: at the default size a run takes 20-60 s on two cores, and
            // the whole default bench stays within five minutes; --app-repeats 3 gives min, median and max.
            int appRepeats = 1;
            int catalogue = 0;
            boolean latency = true;
            boolean queries = true;
            boolean restore = true;
            List<AppRun.Setup> setups = List.of(
                new AppRun.Setup(StreamsConfig.EXACTLY_ONCE_V2, 1), new AppRun.Setup(StreamsConfig.AT_LEAST_ONCE, 1),
                new AppRun.Setup(StreamsConfig.EXACTLY_ONCE_V2, 2), new AppRun.Setup(StreamsConfig.AT_LEAST_ONCE, 2));
            Duration latencyDuration = Duration.ofSeconds(20);
            Duration queryDuration = Duration.ofSeconds(5);
            final Map<String, Object> overrides = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                final String arg = args[i];
                switch (arg) {
                    case "--size" -> size = Double.parseDouble(args[++i]);
                    case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                    case "--app-repeats" -> appRepeats = Integer.parseInt(args[++i]);
                    case "--catalogue" -> catalogue = Integer.parseInt(args[++i]);
                    case "--no-latency" -> latency = false;
                    case "--no-queries" -> queries = false;
                    case "--no-restore" -> restore = false;
                    case "--eos-only" -> setups = List.of(new AppRun.Setup(StreamsConfig.EXACTLY_ONCE_V2, 1));
                    case "--one-thread" -> setups = setups.stream().filter(s -> s.threads() == 1).toList();
                    case "--latency-seconds" -> latencyDuration = Duration.ofSeconds(Long.parseLong(args[++i]));
                    case "--query-seconds" -> queryDuration = Duration.ofSeconds(Long.parseLong(args[++i]));
                    case "--set" -> {
                        final String[] kv = args[++i].split("=", 2);
                        overrides.put(kv[0], kv[1]);
                    }
                    case "--quick" -> {
                        repeats = 1;
                        appRepeats = 1;
                        latencyDuration = Duration.ofSeconds(10);
                        queryDuration = Duration.ofSeconds(3);
                    }
                    case "--help", "-h" -> {
                        throw new IllegalArgumentException("usage");
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            return new Options(size, repeats, appRepeats, catalogue, latency, queries, restore, setups,
                latencyDuration, queryDuration, overrides);
        }
    }

    public static void main(final String[] args) throws Exception {
        final Options options;
        try {
            options = Options.parse(args);
        } catch (final IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("usage: bench [--size X (default 1 = 20,000 submissions)] [--repeats N (3)]"
                + " [--app-repeats N (1)] [--catalogue N (recommendations; default the 2013 catalogue)] [--quick]"
                + " [--eos-only] [--one-thread] [--no-latency] [--no-queries] [--no-restore]"
                + " [--latency-seconds S] [--query-seconds S] [--set streams.key=value]");
            System.exit(2);
            return;
        }
        TipMonitorApp.trustAvroPackages();
        quietLogs();
        new Bench(options, System.out).run();
        // Kafka and Javalin leave non-daemon threads behind on some paths; the figures are printed.
        System.exit(0);
    }

    private static void quietLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger("org.tipmonitor").setLevel(Level.WARN);
            context.getLogger("org.tipmonitor.alerts").setLevel(Level.ERROR);
        }
    }

    private void run() throws Exception {
        final long benchStart = System.nanoTime();
        final Path work = Files.createTempDirectory("tip-monitor-bench-");
        final Report report = new Report();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().logDir(work.resolve("kafka"))
                .startTimeout(Duration.ofMinutes(3)) // the shared machine can be slow to start a broker
                .deleteOnClose(false).defaultPartitions(PARTITIONS).build().start();
             Admin admin = broker.admin()) {
            final Map<String, Object> client = broker.clientConfig();
            KafkaTopics.ensure(admin, KafkaTopics.all(PARTITIONS));
            final TipSerdes serdes = TipSerdes.create(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, REGISTRY));

            final List<Recommendation> catalogue = options.catalogue() > 0
                ? Workload.scaledCatalogue(Catalogue.load().recommendations(), options.catalogue())
                : Catalogue.load().recommendations();
            final List<Country> countries = Countries.load().countries();
            final ReferencePublisher publisher = new ReferencePublisher(client, serdes);
            publisher.publish(Topics.RECOMMENDATIONS.name(), Recommendation.class,
                catalogue.stream().collect(Collectors.toMap(Recommendation::getId, Function.identity())));
            publisher.publish(Topics.COUNTRIES.name(), Country.class,
                countries.stream().collect(Collectors.toMap(Country::getIso3, Function.identity())));

            final int count = (int) Math.round(DEFAULT_SUBMISSIONS * options.size());
            final Workload workload = Workload.generate(count, 20131106L, catalogue, countries);
            out.printf(Locale.ROOT, "tip-monitor bench: %,d submissions (%,d responses, %d invalid) from %d countries"
                    + " over %d recommendations; %d partitions; repeats %d, application repeats %d; %d cores,"
                    + " max heap %d MiB%n", count, workload.responses(), workload.invalid(), countries.size(),
                catalogue.size(), PARTITIONS, options.repeats(), options.appRepeats(),
                Runtime.getRuntime().availableProcessors(), Memory.maxHeapMiB());
            out.flush();

            // 1. Produce
            final Serializer<Submission> serializer = serdes.value(Submission.class).serializer();
            final Stats produce = new Stats();
            for (int r = 0; r < options.repeats(); r++) {
                final String topic = r == 0 ? Topics.SUBMISSIONS.name() : "bench.produce-scratch-" + r;
                if (r > 0) {
                    KafkaTopics.ensure(admin, List.of(new NewTopic(topic, PARTITIONS, (short) 1)));
                }
                produce.add(count / produce(client, serializer, topic, workload.submissions()));
            }
            report.line("1. produce (idempotent, acks=all)", produce, "submissions/s");

            // 2. Baselines
            final Deserializer<Submission> deserializer = serdes.value(Submission.class).deserializer();
            final Stats baselineA = new Stats();
            List<Submission> decoded = null;
            for (int r = 0; r < options.repeats(); r++) {
                final List<Submission> read = new ArrayList<>(count);
                final double seconds = consumeAndDecode(client, deserializer, read);
                baselineA.add(read.size() / seconds);
                decoded = read;
            }
            report.line("2a. baseline A: KafkaConsumer + Avro decode", baselineA, "submissions/s");
            final ReferenceData reference = ReferenceData.of(catalogue, countries);
            final Stats baselineB = new Stats();
            final Stats baselineBCpu = new Stats();
            final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            InMemoryAggregation.Result expected = null;
            for (int r = 0; r < options.repeats(); r++) {
                final long t0 = System.nanoTime();
                final long cpu0 = threads.getCurrentThreadCpuTime();
                expected = InMemoryAggregation.run(decoded, reference);
                baselineB.add(decoded.size() / ((System.nanoTime() - t0) / 1e9));
                // CPU time does not count the time other processes of a loaded machine took the core, so it
                // compares builds where the wall-clock rate cannot (includes the JIT's warm-up in the first run).
                baselineBCpu.add((threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / decoded.size());
            }
            report.line("2b. baseline B: same aggregation, 1 thread, in memory", baselineB, "submissions/s");
            report.line("2b. baseline B: CPU time of the aggregating thread", baselineBCpu, "us per submission");
            out.printf(Locale.ROOT, "expected final tables: %d cells, %s rows%n", expected.cells(),
                expected.tables().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue().size())
                    .collect(Collectors.joining(", ")));
            out.flush();

            // 3. The application
            final Map<AppRun.Setup, Stats> appRates = new LinkedHashMap<>();
            final Map<AppRun.Setup, Stats> appWall = new LinkedHashMap<>();
            final Map<AppRun.Setup, String> firstApplicationId = new HashMap<>();
            for (int r = 0; r < options.appRepeats(); r++) {
                for (final AppRun.Setup setup : options.setups()) {
                    final String applicationId = String.format(Locale.ROOT, "bench-%s-%dt-r%d",
                        setup.label().startsWith("EOS") ? "eos" : "alos", setup.threads(), r + 1);
                    firstApplicationId.putIfAbsent(setup, applicationId);
                    final AppConfig config = AppRun.config(broker.bootstrapServers(), REGISTRY, applicationId,
                        work.resolve("streams").resolve(applicationId), setup, options.streamsOverrides());
                    final AppRun.Timing[] timing = new AppRun.Timing[1];
                    final Map<String, Long> offsetsBefore = r == 0 ? endOffsets(admin) : Map.of();
                    try (TipMonitorApp app = AppRun.run(config, client, serdes, expected.tables(), admin, timing)) {
                        final double processing = timing[0].tablesFinal() - timing[0].running();
                        appRates.computeIfAbsent(setup, s -> new Stats()).add(count / processing);
                        appWall.computeIfAbsent(setup, s -> new Stats()).add(timing[0].lagZero());
                        out.printf(Locale.ROOT, "  run %-22s RUNNING %.1f s, tables final %.1f s, lag 0 %.1f s after"
                                + " start; %,d output rows read; %,.0f submissions/s%n", applicationId,
                            timing[0].running(), timing[0].tablesFinal(), timing[0].lagZero(),
                            timing[0].outputRecords(), count / processing);
                        printThreadCpu(applicationId, timing[0], count);
                        if (r == 0) {
                            printWritten(applicationId, offsetsBefore, endOffsets(admin), count);
                        }
                        out.flush();
                    }
                }
            }
            for (final AppRun.Setup setup : options.setups()) {
                report.line("3. application " + setup.label() + " (RUNNING -> tables final)", appRates.get(setup),
                    "submissions/s");
            }
            for (final AppRun.Setup setup : options.setups()) {
                report.line("3. application " + setup.label() + " start -> lag 0", appWall.get(setup), "s");
            }
            report.ratios(baselineA, baselineB, appRates);
            report.memory("7. memory after the application runs");

            // 6. Restore, then 4 and 5 against the restored instance
            final AppRun.Setup eos = new AppRun.Setup(StreamsConfig.EXACTLY_ONCE_V2, 1);
            final String restoredId = firstApplicationId.getOrDefault(eos,
                firstApplicationId.values().iterator().next());
            final AppRun.Setup restoredSetup = firstApplicationId.entrySet().stream()
                .filter(e -> e.getValue().equals(restoredId)).findFirst().orElseThrow().getKey();
            if (options.restore() || options.latency() || options.queries()) {
                final Path stateDir = work.resolve("streams").resolve(restoredId);
                deleteRecursively(stateDir);
                final long changelogRecords = changelogRecords(admin, restoredId);
                final long t0 = System.nanoTime();
                try (TipMonitorApp app = TipMonitorApp.start(AppRun.config(broker.bootstrapServers(), REGISTRY,
                    restoredId, stateDir, restoredSetup, options.streamsOverrides()))) {
                    if (!app.awaitRunning(Duration.ofMinutes(5))) {
                        throw new IllegalStateException("restored instance did not reach RUNNING");
                    }
                    final double running = (System.nanoTime() - t0) / 1e9;
                    final double correct = awaitCorrectCountryTable(app, expected.tables().get(Table.COUNTRY), t0);
                    if (options.restore()) {
                        final RestoreProgress.Totals restored = app.restored();
                        out.printf(Locale.ROOT, "6. restore (%s, state wiped): RUNNING %.2f s, first correct whole"
                                + " country table %.2f s; %,d changelog records (end offsets); the restore listener:"
                                + " %,d records restored in %.2f s of restoring -> %,.0f records/s%n",
                            restoredId, running, correct, changelogRecords, restored.records(),
                            restored.restoringNanos() / 1e9, restored.recordsPerSecond());
                        report.restore(running, correct, changelogRecords, restored);
                    }
                    final double eosRate = appRates.get(restoredSetup).median();
                    if (options.latency()) {
                        final List<Country> parties = countries.stream()
                            .filter(c -> c.getProtocolStatus() == ProtocolStatus.PARTY).toList();
                        report.latency(restoredSetup, LatencyProbe.run(client, serializer, catalogue, parties,
                            eosRate / 2, options.latencyDuration()));
                        // Light load after it (the instance warm): the floor the commit hops set, without queueing.
                        report.latency(restoredSetup, LatencyProbe.run(client, serializer, catalogue, parties,
                            LIGHT_LOAD, options.latencyDuration().dividedBy(2)));
                    }
                    if (options.queries()) {
                        queries(app, countries, report);
                    }
                }
            }
            report.memory("7. memory at the end");
            out.println();
            report.print(out);
            out.printf(Locale.ROOT, "bench took %.0f s%n", (System.nanoTime() - benchStart) / 1e9);
            out.flush();
        } finally {
            deleteRecursively(work);
        }
    }

    private void queries(final TipMonitorApp app, final List<Country> countries, final Report report)
        throws InterruptedException {
        final String base = "http://127.0.0.1:" + app.httpPort() + "/api/v1";
        final List<String> iso3 = countries.stream().map(Country::getIso3).toList();
        final Duration warmUp = Duration.ofSeconds(1);
        // One client first: what an answer costs on its own, before 8 clients share the two cores with it.
        report.query(QueryLoad.run("single key GET /countries/{iso3}",
            () -> base + "/countries/" + QueryLoad.pick(iso3), 1, warmUp, options.queryDuration()));
        report.query(QueryLoad.run("whole table GET /tables/country",
            () -> base + "/tables/country", 1, warmUp, options.queryDuration()));
        final int clients = 8;
        report.query(QueryLoad.run("single key GET /countries/{iso3}",
            () -> base + "/countries/" + QueryLoad.pick(iso3), clients, warmUp, options.queryDuration()));
        report.query(QueryLoad.run("whole table GET /tables/country",
            () -> base + "/tables/country", clients, warmUp, options.queryDuration()));
        report.query(QueryLoad.run("matrix GET /matrix", () -> base + "/matrix", clients, warmUp,
            options.queryDuration()));
        report.query(QueryLoad.run("alerts GET /alerts (every alert)", () -> base + "/alerts", clients, warmUp,
            options.queryDuration()));
        report.query(QueryLoad.run("alerts, the dashboard's page GET /alerts?status=OPEN&limit=200",
            () -> base + "/alerts?status=OPEN&limit=200", clients, warmUp, options.queryDuration()));
    }

    /** Sends every submission and waits for the last acknowledgement; returns the seconds it took. */
    private static double produce(final Map<String, Object> client, final Serializer<Submission> serializer,
                                  final String topic, final List<Submission> submissions) {
        final Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        final long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
            new ByteArraySerializer())) {
            for (final Submission submission : submissions) {
                producer.send(new ProducerRecord<>(topic, submission.getSubmissionId(),
                    serializer.serialize(topic, submission)));
            }
            producer.flush();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Baseline A: reads the submissions topic from offset 0 to its end and decodes every value. */
    private static double consumeAndDecode(final Map<String, Object> client,
                                           final Deserializer<Submission> deserializer, final List<Submission> into) {
        final Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        final long t0 = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.SUBMISSIONS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    into.add(deserializer.deserialize(record.topic(), record.headers(), record.value()));
                }
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Seconds after t0 at which the restored country table equals the expected one. */
    private static double awaitCorrectCountryTable(final TipMonitorApp app, final Map<String, String> expected,
                                                   final long t0) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            try {
                final ReadOnlyKeyValueStore<String, ComplianceRow> store = app.streams().store(
                    StoreQueryParameters.fromNameAndType(StateStores.COMPLIANCE_BY_COUNTRY.name(),
                        QueryableStoreTypes.<String, ComplianceRow>keyValueStore()));
                final Map<String, String> actual = new HashMap<>();
                try (KeyValueIterator<String, ComplianceRow> all = store.all()) {
                    while (all.hasNext()) {
                        final KeyValue<String, ComplianceRow> row = all.next();
                        actual.put(row.key, InMemoryAggregation.signature(row.value));
                    }
                }
                if (actual.equals(expected)) {
                    return (System.nanoTime() - t0) / 1e9;
                }
            } catch (final RuntimeException notYet) {
                // InvalidStateStoreException while the stores restore
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the restored country table never matched");
    }

    /**
     * CPU time of the run's stream threads (and of all the JVM's threads beside them) against the wall-clock time
     * since the start: whether the application waited or computed. The stream threads live until the application
     * closes, so this is read after the run, before the close.
     */
    private void printThreadCpu(final String applicationId, final AppRun.Timing timing, final int submissions) {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long stream = 0;
        long all = 0;
        for (final var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            final long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            all += cpu;
            if (info.getThreadName().startsWith(applicationId) && info.getThreadName().contains("-StreamThread-")) {
                stream += cpu;
            }
        }
        out.printf(Locale.ROOT, "    CPU of %s's stream threads: %.1f s (%.0f us per submission; busy %.0f%% of the"
                + " %.1f s to lag 0); all live threads of the JVM together %.1f s%n", applicationId, stream / 1e9,
            stream / 1e3 / submissions, 100.0 * stream / 1e9 / timing.lagZero(), timing.lagZero(), all / 1e9);
    }

    /**
     * What one run wrote to Kafka, per submission: the growth of every topic's end offset (records and transaction
     * markers), the cascade a submission becomes, which explains the distance to baseline A.
     */
    private void printWritten(final String applicationId, final Map<String, Long> before,
                              final Map<String, Long> after, final int submissions) {
        final Map<String, Long> written = new HashMap<>();
        after.forEach((topic, end) -> {
            final long grown = end - before.getOrDefault(topic, 0L);
            if (grown > 0) {
                written.merge(topic.replace(applicationId + "-", "<app>-"), grown, Long::sum);
            }
        });
        final long total = written.values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "    written by %s: %,d offsets (records and transaction markers) = %.1f per"
            + " submission; largest: %s%n", applicationId, total, (double) total / submissions,
            written.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(40)
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), (double) e.getValue() / submissions))
                .collect(Collectors.joining(", ")));
    }

    /** The end offset of every topic (summed over partitions, including transaction markers). */
    private static Map<String, Long> endOffsets(final Admin admin) throws Exception {
        return endOffsets(admin, topic -> true, IsolationLevel.READ_UNCOMMITTED);
    }

    /** The end offsets of the topics named so, summed over partitions, as a consumer of that isolation sees them. */
    private static Map<String, Long> endOffsets(final Admin admin, final Predicate<String> named,
                                                final IsolationLevel isolation) throws Exception {
        final Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream().filter(named)
            .collect(Collectors.toSet());
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, description) ->
            description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()),
                OffsetSpec.latest())));
        final Map<String, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get(10, TimeUnit.SECONDS)
            .forEach((partition, info) -> ends.merge(partition.topic(), info.offset(), Long::sum));
        return ends;
    }

    private static long changelogRecords(final Admin admin, final String applicationId) throws Exception {
        return endOffsets(admin, topic -> topic.startsWith(applicationId + "-") && topic.endsWith("-changelog"),
            IsolationLevel.READ_COMMITTED).values().stream().mapToLong(Long::longValue).sum();
    }

    private static void deleteRecursively(final Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (final IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
