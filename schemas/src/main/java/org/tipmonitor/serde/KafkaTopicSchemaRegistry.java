package org.tipmonitor.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry kept in a compacted, single-partition Kafka topic of the cluster the application uses, the way
 * Confluent's Schema Registry keeps its {@code _schemas} topic: one record per subject version, keyed
 * {@code {"keytype":"SCHEMA","subject":…,"version":…,"magic":1}}, valued
 * {@code {"subject":…,"version":…,"id":…,"schema":…,"deleted":false}}. Selected by {@code kafka://<topic>}; the
 * cluster is the config's {@code bootstrap.servers} (with its {@code security.*}, {@code sasl.*}, {@code ssl.*}).
 *
 * <p>Reads: the registry reads the topic from its start before it answers anything, and reads up to the topic's end
 * again whenever asked for an id or a subject version it does not know, so that what another process registered is
 * found. Ids and versions never change once in the topic, so known ones are answered from memory.
 *
 * <p>Writes go through the topic: produce, wait for the broker's acknowledgement, read back, and only then answer.
 * Id allocation is a single writer at a time: every writer uses the same transactional id, so initialising its
 * producer fences any other process that is registering; the writer then reads to the end of the topic (which now
 * holds every committed registration), allocates the next free id and version, and commits. A fenced writer's
 * transaction is aborted, invisible to readers (read_committed), and the writer starts over. Readers also refuse a
 * record that reuses an id or a version (only a foreign writer can produce one), so every reader builds the same
 * contents from the same log. Thread-safe; one instance per topic and cluster in a process ({@link #shared}).
 */
public final class KafkaTopicSchemaRegistry implements BrowsableSchemaRegistry, AutoCloseable {

    /** Prefix of URLs that select this registry: {@code kafka://<topic>}. */
    public static final String URL_PREFIX = "kafka://";
    /** The topic name Confluent's registry uses, so a Confluent registry could take over the same topic. */
    public static final String DEFAULT_TOPIC = "_schemas";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopicSchemaRegistry.class);
    private static final int MAX_WRITE_ATTEMPTS = 20;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration FETCH_MAX_WAIT = Duration.ofMillis(10);

    /*
     * Kafka builds every serializer and deserializer from its config map alone; they can share one registry (one
     * read of the topic, one reader) only through process-wide state, as with mock:// scopes. The map holds
     * registries keyed by cluster and topic, not configuration; close() removes one.
     */
    private static final Map<String, KafkaTopicSchemaRegistry> SHARED = new ConcurrentHashMap<>();

    private final String topic;
    private final TopicPartition partition;
    private final Map<String, Object> clientSettings;
    private final Duration timeout;
    private final String sharedKey;
    private final RegistryContents contents;
    private final ObjectMapper json = new ObjectMapper();
    /** Created at the first read and kept: without a group it has no thread and costs one idle connection. */
    private KafkaConsumer<byte[], byte[]> reader;
    /** Where a new reader resumes after a failure, so that no record is applied twice. */
    private long nextOffset;
    private boolean topicReady;

    private KafkaTopicSchemaRegistry(final String topic, final Map<String, Object> clientSettings,
                                     final Duration timeout, final String sharedKey) {
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.clientSettings = Map.copyOf(clientSettings);
        this.timeout = timeout;
        this.sharedKey = sharedKey;
        this.contents = new RegistryContents(URL_PREFIX + topic + " on " + clientSettings.get(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** The registry of the config's topic and cluster, shared by every serde of this process. */
    public static KafkaTopicSchemaRegistry shared(final SerdeConfig config) {
        final Map<String, Object> settings = config.kafkaClientSettings();
        final String key = config.kafkaTopic() + "@" + settings.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
        return SHARED.computeIfAbsent(key, k -> new KafkaTopicSchemaRegistry(config.kafkaTopic(), settings,
                config.requestTimeout(), k));
    }

    /** The registry of the topic on the cluster, shared by every serde of this process. */
    public static KafkaTopicSchemaRegistry shared(final String topic, final Map<String, ?> clientConfig) {
        final Map<String, Object> configs = new HashMap<>(clientConfig);
        configs.put(SerdeConfig.SCHEMA_REGISTRY_URL, URL_PREFIX + topic);
        return shared(SerdeConfig.from(configs));
    }

    /**
     * A registry of its own, shared with nobody in this process (as a second process would have); the caller closes
     * it. Serdes use {@link #shared} instead.
     */
    public static KafkaTopicSchemaRegistry unshared(final String topic, final Map<String, ?> clientConfig) {
        final Map<String, Object> configs = new HashMap<>(clientConfig);
        configs.put(SerdeConfig.SCHEMA_REGISTRY_URL, URL_PREFIX + topic);
        final SerdeConfig config = SerdeConfig.from(configs);
        return new KafkaTopicSchemaRegistry(topic, config.kafkaClientSettings(), config.requestTimeout(), null);
    }

    /** The topic that holds the schemas. */
    public String topic() {
        return topic;
    }

    /**
     * Reads the topic to its end; the first call creates the topic if it does not exist. Applications call it at
     * start so that nothing is decoded before the registry knows what was registered before.
     *
     * @throws SchemaRegistryUnreachableException if the cluster does not answer in time
     */
    public synchronized void catchUp() {
        catchUp(0L);
    }

    @Override
    public synchronized int register(final String subject, final Schema schema) {
        final Optional<RegisteredSchema> known = contents.find(subject, schema);
        if (known.isPresent()) {
            return known.get().id();
        }
        for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
            final Optional<Integer> id = tryRegister(subject, schema);
            if (id.isPresent()) {
                return id.get();
            }
            LOG.info("Registering {} under {} again (attempt {}): another process was registering at the same time",
                    schema.getFullName(), subject, attempt + 1);
            pause(attempt);
        }
        throw new SchemaRegistryErrorException("Could not register " + schema.getFullName() + " under subject '"
                + subject + "' in " + contents.name() + ": " + MAX_WRITE_ATTEMPTS + " attempts failed (see the log).");
    }

    /**
     * Registers every schema not yet under its subject in one transaction of the single-writer protocol, so that an
     * application that writes to some forty topics (outputs, repartitions, changelogs) registers them at start in
     * one write instead of forty: each write creates a producer, fences the other writers, commits and waits for its
     * marker, about 0.7 s on a loaded machine, and the stream thread paid that for every topic it wrote first.
     */
    @Override
    public synchronized Map<String, Integer> registerAll(final Map<String, Schema> schemaBySubject) {
        for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
            final Map<String, Schema> missing = new LinkedHashMap<>();
            schemaBySubject.forEach((subject, schema) -> {
                if (contents.find(subject, schema).isEmpty()) {
                    missing.put(subject, schema);
                }
            });
            if (missing.isEmpty() || tryRegisterAll(missing)) {
                final Map<String, Integer> ids = new LinkedHashMap<>();
                schemaBySubject.forEach((subject, schema) ->
                        contents.find(subject, schema).ifPresent(found -> ids.put(subject, found.id())));
                return ids;
            }
            LOG.info("Registering {} subjects again (attempt {}): another process was registering at the same time",
                    missing.size(), attempt + 1);
            pause(attempt);
        }
        throw new SchemaRegistryErrorException("Could not register " + schemaBySubject.size() + " subjects in "
                + contents.name() + ": " + MAX_WRITE_ATTEMPTS + " attempts failed (see the log).");
    }

    /**
     * One attempt at writing several subjects' next versions in one transaction; false if it must start over.
     * Subjects whose latest version refuses the schema are not written.
     */
    private boolean tryRegisterAll(final Map<String, Schema> missing) {
        try (KafkaProducer<byte[], byte[]> writer = new KafkaProducer<>(writerSettings())) {
            try {
                writer.initTransactions();
                catchUp(0L);
                final Map<String, Schema> toWrite = new LinkedHashMap<>();
                missing.forEach((subject, schema) -> {
                    if (contents.find(subject, schema).isEmpty() && contents.problems(subject, schema).isEmpty()) {
                        toWrite.put(subject, schema);
                    }
                });
                if (toWrite.isEmpty()) {
                    return true;
                }
                writer.beginTransaction();
                final List<Future<RecordMetadata>> sent = new ArrayList<>();
                contents.nextAll(toWrite).forEach((subject, next) -> sent.add(writer.send(
                        new ProducerRecord<>(topic, 0, key(subject, next.version()), value(subject, next)))));
                long lastOffset = -1;
                for (final Future<RecordMetadata> result : sent) {
                    lastOffset = Math.max(lastOffset, result.get().offset());
                }
                writer.commitTransaction();
                // As for one subject: answer only once every record is readable by everyone.
                catchUp(lastOffset + 1);
                return toWrite.keySet().stream().allMatch(subject -> contents.find(subject, toWrite.get(subject))
                        .isPresent());
            } catch (final AvroSerdeException e) {
                throw e;
            } catch (final ExecutionException e) {
                return retryUnlessUnreachable(e.getCause()).isPresent();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unreachable("interrupted while writing to topic " + topic, e);
            } catch (final KafkaException e) {
                return retryUnlessUnreachable(e).isPresent();
            }
        }
    }

    /** One attempt at the single-writer protocol; empty if it must start over. */
    private Optional<Integer> tryRegister(final String subject, final Schema schema) {
        try (KafkaProducer<byte[], byte[]> writer = new KafkaProducer<>(writerSettings())) {
            try {
                writer.initTransactions();
                catchUp(0L);
                final Optional<RegisteredSchema> known = contents.find(subject, schema);
                if (known.isPresent()) {
                    return Optional.of(known.get().id());
                }
                final List<String> problems = contents.problems(subject, schema);
                if (!problems.isEmpty()) {
                    throw new IncompatibleSchemaException(subject, String.join("; ", problems) + ".");
                }
                final RegisteredSchema next = contents.next(subject, schema);
                writer.beginTransaction();
                final long offset = writer.send(new ProducerRecord<>(topic, 0, key(subject, next.version()),
                        value(subject, next))).get().offset();
                writer.commitTransaction();
                // Answer only once the record is readable by everyone: then no data written with the id can be
                // read before the id itself.
                catchUp(offset + 1);
                return contents.find(subject, schema).map(RegisteredSchema::id);
            } catch (final AvroSerdeException e) {
                throw e;
            } catch (final ExecutionException e) {
                return retryUnlessUnreachable(e.getCause());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unreachable("interrupted while writing to topic " + topic, e);
            } catch (final KafkaException e) {
                return retryUnlessUnreachable(e);
            }
        }
    }

    /**
     * A write that failed for any other reason than a cluster not answering is started over: another process may
     * have fenced this one (ProducerFenced, InvalidTxnState, or an error answer to the commit under transactions v2),
     * and starting over is always safe, as each attempt reads the topic again and finds what was committed.
     */
    private Optional<Integer> retryUnlessUnreachable(final Throwable failure) {
        if (failure instanceof TimeoutException) {
            throw unreachable("could not write to topic " + topic, failure);
        }
        LOG.info("Registering in {} failed ({}); starting over", topic, failure.toString());
        return Optional.empty();
    }

    @Override
    public synchronized int lookupId(final String subject, final Schema schema) {
        return findFresh(subject, schema).orElseGet(() -> contents.lookup(subject, schema)).id();
    }

    @Override
    public synchronized Schema getById(final int id) {
        final Optional<Schema> known = contents.byId(id);
        if (known.isPresent()) {
            return known.get();
        }
        catchUp(0L);
        return contents.requireById(id);
    }

    @Override
    public synchronized RegisteredSchema latest(final String subject) {
        catchUp(0L);
        return contents.latest(subject);
    }

    @Override
    public synchronized boolean isCompatible(final String subject, final Schema schema) {
        catchUp(0L);
        return contents.problems(subject, schema).isEmpty();
    }

    @Override
    public synchronized List<String> subjects() {
        catchUp(0L);
        return contents.subjects();
    }

    @Override
    public synchronized List<Integer> versions(final String subject) {
        catchUp(0L);
        return contents.versions(subject);
    }

    @Override
    public synchronized Optional<RegisteredSchema> version(final String subject, final int version) {
        catchUp(0L);
        return contents.version(subject, version);
    }

    @Override
    public synchronized Optional<RegisteredSchema> find(final String subject, final Schema schema) {
        return findFresh(subject, schema);
    }

    private Optional<RegisteredSchema> findFresh(final String subject, final Schema schema) {
        final Optional<RegisteredSchema> known = contents.find(subject, schema);
        if (known.isPresent()) {
            return known;
        }
        catchUp(0L);
        return contents.find(subject, schema);
    }

    /** Reads until the committed end of the topic, and at least up to {@code minimumEnd}. */
    private void catchUp(final long minimumEnd) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        try {
            final KafkaConsumer<byte[], byte[]> consumer = reader();
            long end = Math.max(minimumEnd, consumer.endOffsets(List.of(partition), timeout).get(partition));
            while (consumer.position(partition, timeout) < end) {
                if (System.nanoTime() > deadline) {
                    throw unreachable("could not read topic " + topic + " up to offset " + end + " within "
                            + timeout.toMillis() + " ms", null);
                }
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                    nextOffset = record.offset() + 1;
                }
                if (minimumEnd > 0) {
                    // Waiting for our own commit to become readable: the committed end moves when its marker lands.
                    end = Math.max(minimumEnd, consumer.endOffsets(List.of(partition), timeout).get(partition));
                }
            }
        } catch (final AvroSerdeException e) {
            throw e;
        } catch (final KafkaException e) {
            closeReader();
            throw unreachable("could not read topic " + topic, e);
        }
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        if (!topicReady) {
            ensureTopic();
            topicReady = true;
        }
        if (reader == null) {
            final Map<String, Object> settings = new HashMap<>(clientSettings);
            settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "tip-schema-registry-reader");
            settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            // Offset 0 may be compacted away: start from the earliest record left.
            settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            settings.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            // Catching up alternates polls and end-offset lookups; a lookup waits behind the fetch the last poll left
            // at the broker, which an empty fetch holds for fetch.max.wait.ms (500 ms by default): about half a second
            // per registration. The reader only fetches while someone waits for it, so a short wait costs nothing.
            settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) FETCH_MAX_WAIT.toMillis());
            reader = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            reader.assign(List.of(partition));
            reader.seek(partition, nextOffset);
        }
        return reader;
    }

    /** Creates the compacted single-partition topic unless it exists; refuses one with several partitions. */
    private void ensureTopic() {
        final Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "tip-schema-registry-admin");
        try (Admin admin = Admin.create(settings)) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all().get();
                LOG.info("Created the schema registry topic {}", topic);
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw unreachable("could not create topic " + topic, e.getCause());
                }
            }
            final TopicDescription description = describe(admin);
            if (description.partitions().size() != 1) {
                throw new SchemaRegistryErrorException("The schema registry topic " + topic + " has "
                        + description.partitions().size() + " partitions; it needs exactly one, so that every"
                        + " reader sees the registrations in the same order.");
            }
        } catch (final ExecutionException e) {
            throw unreachable("could not describe topic " + topic, e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted while creating topic " + topic, e);
        }
    }

    /** The topic's description; retried while a topic just created is not yet known to the broker answering. */
    private TopicDescription describe(final Admin admin) throws InterruptedException, ExecutionException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            } catch (final ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private Map<String, Object> writerSettings() {
        final Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "tip-schema-registry-writer");
        // The same transactional id in every process: initialising it fences whoever else is registering.
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tip-schema-registry-" + topic);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() * 2);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return settings;
    }

    /** Applies one record of the topic; anything that is not a well-formed schema version is skipped. */
    private void apply(final ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        try {
            final JsonNode key = json.readTree(record.key());
            if (!"SCHEMA".equals(key.path("keytype").asText())) {
                return;
            }
            final JsonNode value = json.readTree(record.value());
            final String subject = value.path("subject").asText("");
            if (subject.isEmpty() || value.path("deleted").asBoolean(false)
                    || !"AVRO".equals(value.path("schemaType").asText("AVRO"))) {
                return;
            }
            final Schema schema = new Schema.Parser().parse(value.path("schema").asText());
            final RegisteredSchema version = new RegisteredSchema(value.path("id").asInt(),
                    value.path("version").asInt(), schema);
            if (!contents.add(subject, version)) {
                LOG.warn("Schema registry topic {} offset {}: ignored subject '{}' version {} id {}, which reuses"
                        + " an id or a version registered before it", topic, record.offset(), subject,
                        version.version(), version.id());
            }
        } catch (final java.io.IOException | SchemaParseException e) {
            LOG.warn("Schema registry topic {} offset {}: ignored a record that is not a schema version: {}", topic,
                    record.offset(), e.toString());
        }
    }

    private byte[] key(final String subject, final int version) {
        final Map<String, Object> key = new LinkedHashMap<>();
        key.put("keytype", "SCHEMA");
        key.put("subject", subject);
        key.put("version", version);
        key.put("magic", 1);
        return toJson(key);
    }

    private byte[] value(final String subject, final RegisteredSchema version) {
        final Map<String, Object> value = new LinkedHashMap<>();
        value.put("subject", subject);
        value.put("version", version.version());
        value.put("id", version.id());
        value.put("schema", version.schema().toString());
        value.put("deleted", false);
        return toJson(value);
    }

    private byte[] toJson(final Map<String, Object> map) {
        try {
            return json.writeValueAsString(map).getBytes(StandardCharsets.UTF_8);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("Could not write a registry record as JSON", e);
        }
    }

    private SchemaRegistryUnreachableException unreachable(final String detail, final Throwable cause) {
        return new SchemaRegistryUnreachableException(contents.name(), detail + (cause == null ? "" : ": " + cause),
                cause);
    }

    private static void pause(final int attempt) {
        try {
            Thread.sleep(Math.min(500L, 10L * attempt * attempt) + (long) (Math.random() * 20));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryErrorException("Interrupted while registering a schema.");
        }
    }

    private void closeReader() {
        if (reader != null) {
            try {
                reader.close(Duration.ZERO);
            } catch (final KafkaException ignored) {
                // Closing after a failure: nothing more to do.
            }
            reader = null;
        }
    }

    /** Closes the reader and forgets this shared instance; the next {@link #shared} reads the topic anew. */
    @Override
    public synchronized void close() {
        if (sharedKey != null) {
            SHARED.remove(sharedKey, this);
        }
        closeReader();
    }

    @Override
    public String toString() {
        return contents.name();
    }
}
