package org.tipmonitor.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;

/**
 * The lifecycle every background reader of the runtime shares: one daemon thread owning one byte-array
 * {@link KafkaConsumer}, which positions itself on its topics, hands each poll's records to a {@link Handler} and
 * stops on {@link #close()}. What differs between readers is where they start ({@link Start}) and what they do with
 * the records; that is the handler's, which runs on the reader's thread.
 */
final class BackgroundReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TOPIC_RETRY = Duration.ofSeconds(2);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    /** Where reading starts. */
    enum Start {
        /**
         * Every partition of the topics ({@code assign}, no group), from their end as it stands at start: waits
         * while a topic does not exist yet.
         */
        END,
        /** Every partition of the topics ({@code assign}, no group), from their beginning; waits like {@link #END}. */
        BEGINNING,
        /**
         * The partitions the consumer group ({@code group.id} in the settings) gives this instance, from the group's
         * committed offsets. The handler commits, so {@link #close()} lets the current poll finish (and
         * {@link Handler#finished} commit) before waking the consumer up.
         */
        COMMITTED
    }

    /** What a reader does with what it reads; every method runs on the reader's thread. */
    interface Handler {

        /**
         * Reading is positioned, before the first poll.
         *
         * @param partitions every partition assigned ({@link Start#END}, {@link Start#BEGINNING}); empty for
         *                   {@link Start#COMMITTED}, whose partitions the group assigns at the first poll
         */
        default void started(final Consumer<byte[], byte[]> kafka, final List<TopicPartition> partitions) {
        }

        /** One poll's records (possibly none); may wait with {@link BackgroundReader#awaitStop}. */
        void handle(Consumer<byte[], byte[]> kafka, ConsumerRecords<byte[], byte[]> records)
            throws InterruptedException;

        /** Reading ends because the reader was closed (not woken up): the last chance to commit. */
        default void finished(final Consumer<byte[], byte[]> kafka) {
        }

        /** {@link Start#COMMITTED}: these partitions are about to go to another instance. */
        default void revoked(final Consumer<byte[], byte[]> kafka, final Collection<TopicPartition> partitions) {
        }

        /** {@link Start#COMMITTED}: these partitions went to another instance without a chance to commit. */
        default void lost(final Collection<TopicPartition> partitions) {
        }

        /** Reading stopped on an error while the reader was not being closed; nothing more will be read. */
        void failed(RuntimeException error);
    }

    private final Logger log;
    private final String label;
    private final Map<String, Object> settings;
    private final List<String> topics;
    private final Start start;
    private final Handler handler;
    private final AtomicReference<KafkaConsumer<byte[], byte[]>> consumer = new AtomicReference<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;

    /**
     * @param threadName the name of the reader's thread
     * @param log        the owner's logger, and {@code label} the prefix of its lines, for the reader's own lines
     * @param settings   consumer settings (bootstrap servers, isolation level, {@code group.id} for
     *                   {@link Start#COMMITTED}, ...); deserialisers are set here
     */
    BackgroundReader(final String threadName, final Logger log, final String label, final Map<String, Object> settings,
                     final List<String> topics, final Start start, final Handler handler) {
        this.log = Objects.requireNonNull(log, "log");
        this.label = Objects.requireNonNull(label, "label");
        this.settings = Map.copyOf(settings);
        this.topics = List.copyOf(topics);
        this.start = Objects.requireNonNull(start, "start");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.thread = new Thread(this::run, Objects.requireNonNull(threadName, "threadName"));
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Waits up to {@code pause}, less if the reader is being closed; true if it is. */
    boolean awaitStop(final Duration pause) throws InterruptedException {
        return stopping.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> kafka =
                 new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.set(kafka);
            if (stopping.getCount() == 0) {
                return;
            }
            handler.started(kafka, position(kafka));
            while (stopping.getCount() > 0) {
                handler.handle(kafka, kafka.poll(POLL));
            }
            handler.finished(kafka);
        } catch (final WakeupException stopping) {
            // close() woke the consumer up: leave the loop.
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final RuntimeException e) {
            if (stopping.getCount() > 0) {
                handler.failed(e); // Not merely failing because it is being closed.
            }
        }
    }

    /** Assigns and seeks, or subscribes; the partitions assigned (none yet when subscribing). */
    private List<TopicPartition> position(final KafkaConsumer<byte[], byte[]> kafka) throws InterruptedException {
        if (start == Start.COMMITTED) {
            kafka.subscribe(topics, new Rebalance(kafka));
            return List.of();
        }
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final String topic : topics) {
            partitions.addAll(awaitPartitions(kafka, topic));
        }
        kafka.assign(partitions);
        if (start == Start.END) {
            kafka.seekToEnd(partitions);
        } else {
            kafka.seekToBeginning(partitions);
        }
        return List.copyOf(partitions);
    }

    /** The topic's partitions; waits while the topic does not exist yet (an instance may start before it). */
    private List<TopicPartition> awaitPartitions(final KafkaConsumer<byte[], byte[]> kafka, final String topic)
        throws InterruptedException {
        while (true) {
            final List<PartitionInfo> infos = kafka.partitionsFor(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            log.info("{}: topic {} not found yet; retrying in {}", label, topic, TOPIC_RETRY);
            if (awaitStop(TOPIC_RETRY)) {
                throw new WakeupException();
            }
        }
    }

    /** Passes the group's moves on to the handler. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> kafka;

        Rebalance(final KafkaConsumer<byte[], byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
            handler.revoked(kafka, partitions);
        }

        @Override
        public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
            // Reading resumes from the group's committed offsets.
        }

        @Override
        public void onPartitionsLost(final Collection<TopicPartition> partitions) {
            handler.lost(partitions);
        }
    }

    /**
     * Stops reading and waits for the thread. A reader from {@link Start#COMMITTED} is let finish its poll (so that
     * it commits on its way out) and woken up only if that takes too long; any other is woken up at once.
     * Idempotent.
     */
    @Override
    public void close() {
        stopping.countDown();
        try {
            if (start == Start.COMMITTED) {
                thread.join(CLOSE_WAIT.toMillis());
                if (!thread.isAlive()) {
                    return;
                }
            }
            final KafkaConsumer<byte[], byte[]> kafka = consumer.get();
            if (kafka != null) {
                kafka.wakeup();
            }
            thread.join(CLOSE_WAIT.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
