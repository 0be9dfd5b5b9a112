package org.tipmonitor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.channels.Topics;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.reference.Countries;
import org.tipmonitor.runtime.EmbeddedKafkaBroker;
import org.tipmonitor.runtime.KafkaTopics;
import org.tipmonitor.runtime.ReferencePublisher;

/**
 * The crash test, in the manner of Kafka's own exactly-once system test (streams_eos_test / EosTestDriver): the
 * broker lives in this JVM, the application runs as a separate process ({@code tip-monitor run}), a generator
 * writes submissions with revisions, out-of-order dates, redeliveries, id conflicts and bad records while the
 * application is SIGKILLed at random moments and restarted, and the broker is stopped and restarted once. At the
 * end a read_committed verifier compares every output table (cells, the four compliance tables, the dead-letter
 * count) with {@link CrashTestOracle}, an independent computation from the rules of docs/tables.md.
 *
 * <p>Size: {@code -Dcrash.size=ci} (default: about 6,000 responses over 600 cells, 10 kills, under 3 minutes) or
 * {@code -Dcrash.size=full} (at least 20,000 responses over 2,400 cells, 20 kills); {@code -Dcrash.seed=N} replays
 * a run; {@code -Dcrash.guarantee=at_least_once} runs the same under at-least-once and reports the differences.
 */
@Tag("integration")
class CrashTestIT {

    private static final Logger LOG = LoggerFactory.getLogger(CrashTestIT.class);
    private static final String APP_ID = "crash-test";
    private static final Duration CONVERGENCE_TIMEOUT = Duration.ofMinutes(4);
    private static final List<String> TABLES = List.of(Topics.COMPLIANCE_BY_RECOMMENDATION.name(),
        Topics.COMPLIANCE_BY_COUNTRY.name(), Topics.COMPLIANCE_BY_REGION.name(), Topics.COMPLIANCE_BY_THEME.name());
    /** Lines of an application log worth counting after a failure: the producer and transaction errors above all. */
    private static final List<String> LOG_MARKERS = List.of("OUT_OF_ORDER_SEQUENCE", "ProducerFenced",
        "InvalidProducerEpoch", "CONCURRENT_TRANSACTIONS", "InvalidTxnState", "TransactionAborted",
        "TimeoutException", "TaskCorrupted", "TaskMigrated", "UNKNOWN_PRODUCER_ID", "Replacing", " ERROR ");
    private static final int LOG_TAIL_LINES = 80;
    /** Warnings the generator's bad records and the test's own polling cause by design, and logback's status. */
    private static final List<String> EXPECTED_NOISE = List.of("GET /ready -> 503", "Dead-lettering",
        "Skipping record due to deserialization error", "org.tipmonitor.serde.", "PrometheusMeterRegistry",
        "|-INFO in ch.qos.logback");
    private static final java.util.regex.Pattern INFO_LINE =
        java.util.regex.Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO ");

    /** The sizes of a run. */
    record Size(int countries, int recommendations, int submissions, int kills) {
        static Size of(final String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "full" -> new Size(60, 40, 8_500, 20);
                case "ci" -> new Size(20, 30, 2_400, 10);
                default -> throw new IllegalArgumentException("crash.size is ci or full, not " + name);
            };
        }
    }

    @TempDir
    Path work;

    @Test
    void tablesAreExactAfterRepeatedKillsAndABrokerRestart() throws Exception {
        final String sizeName = System.getProperty("crash.size", "ci");
        final Size size = Size.of(sizeName);
        final long seed = Long.getLong("crash.seed", System.nanoTime());
        final String guarantee = System.getProperty("crash.guarantee", StreamsConfig.EXACTLY_ONCE_V2);
        LOG.info("Crash test: size {}, seed {}, guarantee {}", size, seed, guarantee);
        final Random random = new Random(seed);
        final long started = System.nanoTime();

        final int brokerPort = RestartableBroker.freePort();
        final int controllerPort = RestartableBroker.freePort();
        final Path brokerDir = work.resolve("broker");
        EmbeddedKafkaBroker broker = RestartableBroker.start(brokerPort, controllerPort, brokerDir);
        try (RegistryHttpServer registry = new RegistryHttpServer()) {
            final String bootstrap = broker.bootstrapServers();
            try (Admin admin = broker.admin()) {
                KafkaTopics.ensure(admin, KafkaTopics.all(2));
            }
            final TipSerdes serdes = TipSerdes.create(Map.of("schema.registry.url", registry.url()));
            final Catalogue catalogueFile = Catalogue.load();
            final Countries countriesFile = Countries.load();
            final List<Recommendation> catalogue = catalogueFile.recommendations();
            final List<Country> countries = countriesFile.countries();
            final CrashTestGenerator generator = new CrashTestGenerator(random, catalogue, countries, size, serdes);
            final List<CrashTestGenerator.Sent> plan = generator.plan(Instant.now());
            new ReferencePublisher(broker.clientConfig(), serdes).publish(catalogueFile, countriesFile);

            final Path config = work.resolve("app.properties");
            Files.writeString(config, String.join("\n",
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG + "=" + guarantee,
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG + "=200",
                // A killed instance's partitions go to its successor at once, not after a session timeout.
                "consumer.session.timeout.ms=10000",
                "tip.streams.thread-replacements.max=20") + "\n");
            final AppProcess.Launcher launcher = new AppProcess.Launcher(bootstrap, registry.url(), config,
                work.resolve("state"), work.resolve("logs"), APP_ID);

            final AtomicBoolean generating = new AtomicBoolean(true);
            final Thread generatorThread = new Thread(() -> {
                try (KafkaProducer<String, byte[]> producer =
                     RestartableBroker.producer(bootstrap, Duration.ofMinutes(5))) {
                    final long pauseEvery = Math.max(1, plan.size() / 200);
                    for (int i = 0; i < plan.size(); i++) {
                        final CrashTestGenerator.Sent sent = plan.get(i);
                        producer.send(new ProducerRecord<>(Topics.SUBMISSIONS.name(), sent.key(), sent.value()));
                        if (i % pauseEvery == 0) {
                            Thread.sleep(150); // spread the input over the kill phase
                        }
                    }
                    producer.flush();
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    generating.set(false);
                }
            }, "crash-test-generator");

            int kills = 0;
            int unexpectedExits = 0;
            boolean brokerRestarted = false;
            AppProcess app = launcher.start();
            generatorThread.start();
            while (kills < size.kills()) {
                if (random.nextBoolean()) {
                    app.awaitReady(Duration.ofSeconds(90)); // a kill while processing
                    Thread.sleep(500 + random.nextInt(2_500));
                } else {
                    Thread.sleep(3_000 + random.nextInt(8_000)); // a kill in start-up, restoration or processing
                }
                if (!brokerRestarted && kills == size.kills() / 2) {
                    LOG.info("Stopping the broker under the running application at {} s", seconds(started));
                    broker.close();
                    Thread.sleep(2_000 + random.nextInt(2_000));
                    broker = RestartableBroker.start(brokerPort, controllerPort, brokerDir);
                    brokerRestarted = true;
                    LOG.info("Broker back at {} s", seconds(started));
                    Thread.sleep(1_000 + random.nextInt(3_000));
                }
                if (app.isAlive()) {
                    app.kill();
                    kills++;
                    LOG.info("SIGKILL {} of {} at {} s", kills, size.kills(), seconds(started));
                } else {
                    unexpectedExits++;
                    LOG.warn("The application exited by itself (exit {}); restarting it", app.exitValue());
                }
                app = launcher.start();
            }
            generatorThread.join(TimeUnit.MINUTES.toMillis(5));
            assertThat(generating.get()).as("the generator finished").isFalse();
            LOG.info("Kill phase over at {} s: {} kills, {} exits by itself; waiting for the final instance",
                seconds(started), kills, unexpectedExits);

            app.awaitReady(Duration.ofSeconds(120));
            final Convergence convergence = awaitCaughtUp(bootstrap, CONVERGENCE_TIMEOUT);
            final boolean caughtUp = convergence.caughtUp();
            // Read before the stop, whose own lines would push the stalled instance's last words out of the tail.
            final List<String> finalLog = readLines(app.log());
            app.stop();
            LOG.info("Caught up: {} at {} s", caughtUp, seconds(started));

            final CrashTestOracle oracle = new CrashTestOracle(catalogue, countries);
            plan.forEach(oracle::deliver);
            final Verification verification = verify(bootstrap, serdes, oracle);
            LOG.info("Crash test result: {} submissions records sent ({} responses), {} cells, {} rows, {} dead"
                    + " letters expected; {} kills, broker restarted once, {} s; differences: {}", plan.size(),
                generator.responses(), oracle.cells().size(), oracle.rows().size(), oracle.deadLetters(), kills,
                seconds(started), verification.differences().size());
            verification.differences().stream().limit(30).forEach(d -> LOG.error("DIFFERENCE {}", d));
            if (!verification.differences().isEmpty()) {
                final Map<String, Long> byKind = verification.differences().stream()
                    .collect(java.util.stream.Collectors.groupingBy(CrashTestIT::kindOf, TreeMap::new,
                        java.util.stream.Collectors.counting()));
                LOG.error("DIFFERENCES by table and field: {}", byKind);
            }
            final boolean exactlyOnce = StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee);
            if (!caughtUp || !verification.differences().isEmpty()) {
                explainFailure(!caughtUp || exactlyOnce, seed, sizeName, guarantee, convergence, app.log(), finalLog,
                    launcher.logDir());
            }

            assertThat(generator.responses()).as("responses generated").isGreaterThan(size.submissions());
            assertThat(caughtUp).as("the application processed every record").isTrue();
            assertThat(kills).isGreaterThanOrEqualTo(size.kills());
            if (exactlyOnce) {
                assertThat(verification.differences()).as("differences under exactly_once_v2").isEmpty();
            }
        } finally {
            broker.close();
        }
    }

    /**
     * Everything a CI log needs to tell why a run failed, the application processes' own logs being lost with the
     * temporary directory: the seed to replay it, the partitions that did not converge, the final instance's last
     * lines and how often each producer or transaction error occurs in it and in all instances. The logs are also
     * copied under target/crash-test-it/ for a local run.
     */
    private static void explainFailure(final boolean failed, final long seed, final String size,
                                       final String guarantee, final Convergence convergence, final Path lastLog,
                                       final List<String> lines, final Path logDir) {
        LOG.error("CRASH TEST {}: replay with -Dcrash.seed={} -Dcrash.size={} -Dcrash.guarantee={}",
            failed ? "FAILED" : "DIFFERENCES (reported, not asserted under " + guarantee + ")", seed, size, guarantee);
        convergence.log();
        try {
            final List<Path> logs;
            try (var files = Files.list(logDir)) {
                logs = files.sorted().toList();
            }
            final Map<String, Integer> allCounts = new TreeMap<>();
            for (final Path log : logs) {
                countMarkers(readLines(log)).forEach((marker, n) -> allCounts.merge(marker, n, Integer::sum));
            }
            LOG.error("APP LOG final instance {}: {} lines before its stop; marker counts {}; in all {} instances {}",
                lastLog.getFileName(), lines.size(), countMarkers(lines), logs.size(), allCounts);
            // The topology logs a line per late cell at INFO, the hostile input a warning per dead letter and the
            // test's polling of /ready a warning per poll; the other warnings and errors tell a stall, so the tail
            // shows those first (with the causes, not the frames, of their stack traces), then the last lines.
            final List<String> notInfo = lines.stream().filter(CrashTestIT::worthShowing).toList();
            notInfo.subList(Math.max(0, notInfo.size() - LOG_TAIL_LINES), notInfo.size())
                .forEach(line -> LOG.error("APP LOG (not INFO) | {}", line));
            lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES / 4), lines.size())
                .forEach(line -> LOG.error("APP LOG (last lines) | {}", line));
            final Path kept = Files.createDirectories(Path.of("target", "crash-test-it", "seed-" + seed));
            for (final Path log : logs) {
                Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.error("The application logs are kept in {}", kept.toAbsolutePath());
        } catch (final IOException e) {
            LOG.error("Could not read the application logs in {}", logDir, e);
        }
    }

    /** A difference's kind ("row reported", "cell value", "cell missing", "dead letters"), to count them. */
    private static String kindOf(final String difference) {
        final String[] words = difference.split(" ");
        if (words.length < 3 || !(words[0].equals("row") || words[0].equals("cell"))) {
            return words.length >= 2 ? words[0] + " " + words[1].replace(":", "") : difference;
        }
        if (words[2].equals("missing")) {
            return words[0] + " missing";
        }
        if (words[2].equals("should")) {
            return words[0] + " unexpected";
        }
        return words[0] + " " + (words[1].endsWith(":") ? "value" : words[2].replace(":", ""));
    }

    /** Whether a line of an application log says something about a stall: not INFO, not expected noise. */
    private static boolean worthShowing(final String line) {
        return !INFO_LINE.matcher(line).lookingAt() && !line.startsWith("\tat ") && !line.startsWith("\t... ")
            && EXPECTED_NOISE.stream().noneMatch(line::contains);
    }

    /** A log's lines; undecodable bytes (a logged hostile record) are replaced, never fatal. */
    private static List<String> readLines(final Path log) throws IOException {
        return new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }

    private static Map<String, Integer> countMarkers(final List<String> lines) {
        final Map<String, Integer> counts = new TreeMap<>();
        for (final String line : lines) {
            for (final String marker : LOG_MARKERS) {
                if (line.contains(marker)) {
                    counts.merge(marker.trim(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static long seconds(final long startedNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
    }




    /**
     * Whether the application has processed everything: no committed (read_committed) record lies beyond the
     * group's committed offset on tip.submissions, on the repartition topics and on every partition it has committed
     * on, and nothing the application writes (its repartition and changelog topics, the tables, the dead letters)
     * has grown over several polls. Lag alone is not enough: a repartition partition that no instance has reached
     * yet has no committed offset; and offsets are not records: a partition whose tail holds only aborted
     * transactions (of a killed instance) stays behind by its offsets for good. Returns the last observation either
     * way, so that a failure can say which partitions did not converge.
     */
    private static Convergence awaitCaughtUp(final String bootstrap, final Duration timeout) throws Exception {
        final long deadline = System.nanoTime() + timeout.toNanos();
        Convergence last = Convergence.NOT_OBSERVED;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            int quietPolls = 0;
            long lastWritten = -1;
            while (System.nanoTime() < deadline) {
                try {
                    final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APP_ID)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                    final List<String> written = new ArrayList<>(TABLES);
                    written.add(Topics.CELLS.name());
                    written.add(Topics.REJECTED.name());
                    admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                        .filter(name -> name.startsWith(APP_ID + "-")).forEach(written::add);
                    final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                    final List<String> described = new ArrayList<>(written);
                    described.add(Topics.SUBMISSIONS.name());
                    admin.describeTopics(described).allTopicNames().get(10, TimeUnit.SECONDS).values()
                        .forEach(topic -> topic.partitions().forEach(p ->
                            latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
                    final var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                        .all().get(10, TimeUnit.SECONDS);
                    final Map<TopicPartition, Long> from = new HashMap<>();
                    final Map<TopicPartition, Long> to = new HashMap<>();
                    long writtenTotal = 0;
                    for (final var end : ends.entrySet()) {
                        final TopicPartition tp = end.getKey();
                        final OffsetAndMetadata at = committed.get(tp);
                        final boolean consumed = at != null || tp.topic().equals(Topics.SUBMISSIONS.name())
                            || tp.topic().endsWith("-repartition");
                        final long start = at == null ? 0 : at.offset();
                        if (consumed && end.getValue().offset() > start) {
                            from.put(tp, start);
                            to.put(tp, end.getValue().offset());
                        }
                        if (written.contains(tp.topic())) {
                            writtenTotal += end.getValue().offset();
                        }
                    }
                    final boolean growing = writtenTotal != lastWritten;
                    lastWritten = writtenTotal;
                    // Offsets overstate the lag of a partition whose tail after the committed offset holds only a
                    // killed instance's aborted transaction and markers: the consumer skips them, but a task that
                    // has processed nothing from that partition commits nothing, so its committed offset stays
                    // behind the end for good. So, once the application is quiet, count the committed records
                    // beyond each committed offset: those are the records still to process.
                    final Map<TopicPartition, Long> unprocessed =
                        growing ? Map.of() : committedRecords(bootstrap, from, to);
                    final Map<TopicPartition, String> lagging = new TreeMap<>(
                        Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
                    long lag = 0;
                    for (final var behind : from.entrySet()) {
                        final TopicPartition tp = behind.getKey();
                        final long records = unprocessed.getOrDefault(tp, to.get(tp) - behind.getValue());
                        lag += records;
                        lagging.put(tp, "committed " + (committed.get(tp) == null ? "none" : behind.getValue())
                            + ", read_committed end " + to.get(tp) + ", offset lag " + (to.get(tp) - behind.getValue())
                            + (unprocessed.containsKey(tp) ? ", committed records to process " + records
                                : " (records not counted while the application writes)"));
                    }
                    quietPolls = lag == 0 && !growing ? quietPolls + 1 : 0;
                    last = new Convergence(quietPolls >= 5, lag, lagging, writtenTotal, growing, null);
                    if (last.caughtUp()) {
                        lagging.forEach((tp, how) -> LOG.info("Caught up; behind by offsets only: {}: {}", tp, how));
                        return last;
                    }
                } catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    quietPolls = 0;
                    last = new Convergence(false, last.lag(), last.lagging(), last.written(), last.growing(),
                        e.toString());
                }
                Thread.sleep(2_000);
            }
        }
        return last;
    }

    /**
     * The number of records a read_committed consumer finds in each partition between the given offsets (aborted
     * records and transaction markers are not records to it); a partition it cannot read to the end within the time
     * given is left out, so it counts as behind by its offsets.
     */
    static Map<TopicPartition, Long> committedRecords(final String bootstrap,
                                                      final Map<TopicPartition, Long> from,
                                                      final Map<TopicPartition, Long> to) {
        final Map<TopicPartition, Long> counts = new HashMap<>();
        if (from.isEmpty()) {
            return counts;
        }
        final Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach((tp, offset) -> {
                consumer.seek(tp, offset);
                counts.put(tp, 0L);
            });
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (from.keySet().stream().anyMatch(tp -> consumer.position(tp) < to.get(tp))
                && System.nanoTime() < deadline) {
                for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    final TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < to.get(tp)) {
                        counts.merge(tp, 1L, Long::sum);
                    }
                }
            }
            from.keySet().stream().filter(tp -> consumer.position(tp) < to.get(tp)).toList().forEach(counts::remove);
        }
        return counts;
    }

    /**
     * The convergence check's last observation: the total lag, the partitions behind (committed offset against the
     * read_committed end), the sum of the end offsets of what the application writes, whether that sum still grew at
     * the last poll, and the error of the last poll if it failed.
     */
    record Convergence(boolean caughtUp, long lag, Map<TopicPartition, String> lagging, long written,
                       boolean growing, String lastError) {
        static final Convergence NOT_OBSERVED = new Convergence(false, -1, Map.of(), -1, false, "no poll answered");

        void log() {
            LOG.error("CONVERGENCE caughtUp={} lag={} writtenEndOffsetsTotal={} stillGrowingAtLastPoll={}"
                + " lastPollError={}", caughtUp, lag, written, growing, lastError);
            lagging.forEach((tp, how) -> LOG.error("CONVERGENCE lagging {}: {}", tp, how));
        }
    }

    /** The verifier's findings. */
    record Verification(List<String> differences) {
    }

    private static Verification verify(final String bootstrap, final TipSerdes serdes,
                                       final CrashTestOracle oracle) {
        final List<String> differences = new ArrayList<>();
        final Map<String, Cell> cells = readTable(bootstrap, Topics.CELLS.name(), serdes, Cell.class);
        differences.addAll(oracle.compareCells(cells));
        final Map<String, ComplianceRow> rows = new HashMap<>();
        for (final String table : TABLES) {
            rows.putAll(readTable(bootstrap, table, serdes, ComplianceRow.class));
        }
        differences.addAll(oracle.compareRows(rows));
        final List<Rejection> deadLetters = readAll(bootstrap, Topics.REJECTED.name(), serdes, Rejection.class).stream()
            .map(ConsumerRecord::value).toList();
        if (deadLetters.size() != oracle.deadLetters()) {
            differences.add("dead letters: expected " + oracle.deadLetters() + ", found " + deadLetters.size()
                + " " + oracle.deadLetterReasons() + " vs " + CrashTestOracle.countReasons(deadLetters));
        }
        return new Verification(differences);
    }

    static <V> Map<String, V> readTable(final String bootstrap, final String topic, final TipSerdes serdes,
                                                final Class<V> type) {
        final Map<String, V> table = new HashMap<>();
        for (final ConsumerRecord<String, V> r : readAll(bootstrap, topic, serdes, type)) {
            if (r.value() == null) {
                table.remove(r.key());
            } else {
                table.put(r.key(), r.value());
            }
        }
        return table;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static <V> List<ConsumerRecord<String, V>> readAll(final String bootstrap, final String topic,
                                                       final TipSerdes serdes, final Class<V> type) {
        final Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final org.apache.kafka.common.serialization.Deserializer<V> values =
            serdes.value((Class) type).deserializer();
        final List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
            new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                && System.nanoTime() < deadline) {
                for (final ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    final V value = r.value() == null ? null : values.deserialize(topic, r.value());
                    out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), value));
                }
            }
        }
        return out;
    }

    /** One application process, started with {@code java -cp <this classpath> ...TipMonitor run}. */
    static final class AppProcess {
        private final Process process;
        private final int httpPort;
        private final Path log;

        private AppProcess(final Process process, final int httpPort, final Path log) {
            this.process = process;
            this.httpPort = httpPort;
            this.log = log;
        }

        /** The file holding this process's output. */
        Path log() {
            return log;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        int exitValue() {
            return process.exitValue();
        }

        /** SIGKILL: no shutdown hook, no commit, no leave-group. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        /** SIGTERM: the orderly stop of tip-monitor run. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }

        /** Waits until /ready answers 200, the process exits or the timeout passes. */
        void awaitReady(final Duration timeout) throws InterruptedException {
            final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (process.isAlive() && System.nanoTime() < deadline) {
                try {
                    final HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort + "/ready")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                    if (answer.statusCode() == 200) {
                        return;
                    }
                } catch (final IOException e) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
        }

        /** Starts application processes, one log file each. */
        record Launcher(String bootstrap, String registryUrl, Path config, Path stateDir, Path logDir,
                        String applicationId) {

            AppProcess start() throws IOException {
                Files.createDirectories(logDir);
                final int port = RestartableBroker.freePort();
                final Path log = logDir.resolve("app-" + System.nanoTime() + ".log");
                final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                // C1 only and the serial collector: a JVM that starts fast on few cores, as the test restarts it often.
                final Process process = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=org.tipmonitor.avro",
                    "-cp", System.getProperty("java.class.path"),
                    "org.tipmonitor.cli.TipMonitor", "run",
                    "--bootstrap-servers", bootstrap, "--schema-registry-url", registryUrl,
                    "--application-id", applicationId, "--state-dir", stateDir.toString(),
                    "--http-port", Integer.toString(port), "--config", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
                return new AppProcess(process, port, log);
            }
        }
    }
}
